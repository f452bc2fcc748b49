import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { launchChromium } from './chromium';

// The day on one screen in headless Chromium against the whole local runtime: the board's money and
// TripleSeat columns, the events that will not reach Revel, the banners and the navigation's count.
const MONEY_EVENT = { id: '55521619', name: 'Lindqvist Awards Luncheon' };
const TENTATIVE_EVENT = { id: '55521614', name: "O'Brien Rehearsal Dinner" };
const UNCONFIGURED_EVENT = { id: '55521615', name: 'Chen Pop-up Tasting' };
const FAILING_EVENT = '55521611';

let local: TestRuntime;
let browser: Browser;
const pageErrors: string[] = [];

const consoleUrl = () => local.runtime.variables.CONSOLE_URL ?? '';
const operatorToken = () => local.runtime.variables.OPERATOR_TOKEN ?? '';

async function signedIn(hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(consoleUrl());
  await page.getByLabel('Operator token').fill(operatorToken());
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 2, name: /^Today, / }).waitFor();
  if (hash !== '') await page.goto(`${consoleUrl()}${hash}`);
  return page;
}

/** The board row's cells by their column heading (each cell carries its column's label). */
async function rowCells(page: Page, eventName: string): Promise<Record<string, string>> {
  const row = page.getByRole('row').filter({ hasText: eventName });
  await row.waitFor();
  const cells = await row
    .locator('td')
    .evaluateAll((tds) =>
      tds.map((td) => [td.getAttribute('data-label') ?? '', (td.textContent ?? '').trim()]),
    );
  return Object.fromEntries(cells);
}

async function operatorApi(method: string, path: string, body?: unknown): Promise<void> {
  const answer = await fetch(`${local.runtime.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${operatorToken()}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(answer.status).toBeLessThan(300);
}

beforeAll(async () => {
  [local, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
  await operatorApi('POST', `/api/events/${MONEY_EVENT.id}/sync`);
  await operatorApi('POST', `/api/events/${FAILING_EVENT}/sync`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await local?.stop();
});

describe('the day on one screen, in a browser', () => {
  it('shows paid and due beside the total, and TripleSeat’s status, for each event of the day', async () => {
    const page = await signedIn();
    const cells = await rowCells(page, MONEY_EVENT.name);
    expect(cells).toMatchObject({
      TripleSeat: 'DEFINITE',
      Total: '$231.08',
      Paid: '$50.00',
      Due: '$181.08',
    });
    expect(cells.Status).toContain('Injected');
    expect(cells.Time).toMatch(/^12:00 P[SD]T$/);
    const tentative = await rowCells(page, TENTATIVE_EVENT.name);
    expect(tentative.TripleSeat).toBe('TENTATIVE');
    expect(tentative.Status).toContain('Not eligible');
    expect(tentative['What to do']).toContain('Confirm it in TripleSeat');
    await page.close();
  }, 30_000);

  it('lists an event at a TripleSeat location missing from the config, under its own heading', async () => {
    const page = await signedIn();
    const section = page.getByRole('region', { name: 'Not in the sync config: Pop-up' });
    await section.waitFor();
    expect(await section.textContent()).toContain('TripleSeat location 999 is not in the sync config');
    const cells = await rowCells(page, UNCONFIGURED_EVENT.name);
    expect(cells.Status).toContain('LOCATION_NOT_MAPPED');
    expect(cells.Time).toMatch(/^13:00 P[SD]T$/);
    await page.close();
  }, 30_000);

  it('raises the connector-off banner on every page, and drops it once the connector is on again', async () => {
    await operatorApi('PUT', '/api/settings', { connector_enabled: false });
    const page = await signedIn();
    try {
      const banner = page.getByRole('alert').filter({ hasText: 'The connector is off' });
      await banner.waitFor();
      for (const link of ['Runs', 'Dead letters', 'Switches']) {
        await page.getByRole('link', { name: link }).first().click();
        await page.getByRole('heading', { level: 2 }).first().waitFor();
        await banner.waitFor();
      }
      await page.goto(`${consoleUrl()}#/events/${MONEY_EVENT.id}`);
      await banner.waitFor();
    } finally {
      await operatorApi('PUT', '/api/settings', { connector_enabled: true });
    }
    await page.goto(`${consoleUrl()}#/`);
    await page.getByRole('heading', { level: 2, name: /^Today, / }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'The connector is off' }).waitFor({ state: 'detached' });
    await page.close();
  }, 30_000);

  it('shows no count in the navigation while the DLQ is empty, then counts the dead letters and says why each one died', async () => {
    const empty = await signedIn();
    expect(await empty.getByRole('link', { name: 'Dead letters', exact: true }).isVisible()).toBe(true);
    expect(await empty.locator('#dlq-count').isVisible()).toBe(false);
    await empty.close();
    await local.runtime.sqs.client.send(
      new SendMessageCommand({
        QueueUrl: local.runtime.dlqUrl,
        MessageBody: JSON.stringify({ kind: 'event', eventId: FAILING_EVENT, trigger: 'UPDATE_EVENT' }),
      }),
    );
    const page = await signedIn();
    const deadLetters = page.getByRole('link', { name: /^Dead letters 1 message$/ });
    await deadLetters.waitFor();
    await deadLetters.click();
    const row = page.getByRole('row').filter({ hasText: `#${FAILING_EVENT}` });
    await row.waitFor();
    expect(await row.textContent()).toContain('UNMAPPED_ITEMS');
    await page.getByRole('button', { name: 'Redrive all' }).click();
    await page.getByRole('button', { name: 'Yes, redrive all' }).click();
    await page.getByText('The dead-letter queue is empty.').waitFor();
    await page.close();
  }, 30_000);

  it('shows the guest’s name and the payments on the event page, never a phone or an e-mail', async () => {
    const page = await signedIn(`#/events/${MONEY_EVENT.id}`);
    await page.getByRole('heading', { level: 2, name: MONEY_EVENT.name }).waitFor();
    const status = page.getByRole('region', { name: 'Status' });
    expect(await status.textContent()).toContain('Astrid Lindqvist');
    const payments = page.getByRole('region', { name: 'Payments' });
    expect(await payments.textContent()).toContain('Deposit $50.00');
    // The sandbox's contact details of this event (tripleseat-event-builder.ts): on no page.
    const shown = (await page.locator('main').textContent()) ?? '';
    for (const secret of ['astrid.lindqvist@example.com', '(555) 010-1619', '@'])
      expect(shown).not.toContain(secret);
    await page.close();
  }, 30_000);

  it('puts the focus on Cancel in a confirmation, and Escape cancels it', async () => {
    const page = await signedIn('#/settings');
    await page.getByRole('button', { name: 'Turn off connector' }).click();
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Cancel');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Turn off connector' }).waitFor();
    expect(await page.getByRole('button', { name: 'Yes, turn off' }).count()).toBe(0);
    await page.close();
  }, 30_000);

  it('clears a status message when the page changes, so it never stays over the board', async () => {
    const page = await signedIn(`#/events/${TENTATIVE_EVENT.id}`);
    await page.getByRole('button', { name: 'Retry now' }).click();
    const status = page.getByRole('status');
    await status.filter({ hasText: 'STATUS_NOT_ELIGIBLE' }).waitFor();
    await page.getByRole('link', { name: 'Today', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: /^Today, / }).waitFor();
    // Empty, the live region is hidden (display: none), so it is read by its id.
    expect(await page.locator('#status').textContent()).toBe('');
    await page.close();
  }, 30_000);

  it('loads without a script error', () => {
    expect(pageErrors).toEqual([]);
  });
});
