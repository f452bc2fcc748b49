import { join } from 'node:path';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/project-root';
import { eventually } from '../support/eventually';
import { messagesIn, startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { launchChromium } from './chromium';

// The console in headless Chromium against the whole local runtime: the page, the operator API,
// the engine, the ledger and the vendor sandboxes, as an operator on the event morning uses them.
const UNMAPPED_EVENT = { id: '55521611', name: 'Natarajan Birthday Brunch', item: 'Unicorn Cake' };
const SWITCH_EVENT = { id: '55521616', name: 'Kowalski Brewery Tour Breakfast' };
const MONEY_EVENT = { id: '55521619', name: 'Lindqvist Awards Luncheon' };
const SCREENSHOT = join(projectRoot, 'docs', 'console-board.png');

let local: TestRuntime;
let browser: Browser;
let context: BrowserContext;
/** What the page logged as an error (a Content-Security-Policy violation shows up here). */
const pageErrors: string[] = [];

const consoleUrl = () => local.runtime.variables.CONSOLE_URL ?? '';
const operatorToken = () => local.runtime.variables.OPERATOR_TOKEN ?? '';
const ordersFor = (eventId: string) =>
  (local.runtime.sandboxes?.revel.orders() ?? []).filter((o) => o.local_id === `Triple Seat_${eventId}`);

/** The way in other than the console: the manual route, as TripleSeat's webhook or the schedule would. */
async function syncWithoutTheConsole(eventId: string): Promise<void> {
  const { SYNC_URL, SYNC_API_TOKEN } = local.runtime.variables;
  const answer = await fetch(`${SYNC_URL}?event_id=${eventId}`, {
    headers: { authorization: `Bearer ${SYNC_API_TOKEN}` },
  });
  expect(answer.status).toBe(200);
}

async function openPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('401')) pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

async function signIn(page: Page, token = operatorToken()): Promise<void> {
  await page.goto(consoleUrl());
  await page.getByLabel('Operator token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const boardRow = (page: Page, eventName: string) => page.getByRole('row').filter({ hasText: eventName });

/** Waits (within the test's time) for the view whose main heading matches. */
const viewTitled = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 2, name, exact: typeof name === 'string' }).waitFor();

/** Waits for the live region to announce a matching result, and returns it. */
async function announced(page: Page, text: RegExp): Promise<string> {
  const status = page.getByRole('status').filter({ hasText: text });
  await status.waitFor();
  return (await status.textContent()) ?? '';
}

beforeAll(async () => {
  [local, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
  context = await browser.newContext();
  // The board of a real morning: some events injected, one failed, the rest not synced yet.
  await Promise.all(['55521609', '55521610', UNMAPPED_EVENT.id].map(syncWithoutTheConsole));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await local?.stop();
});

describe('the operator console in a browser', () => {
  it('signs in with the operator token and shows today’s board per location, money in dollars', async () => {
    const page = await openPage();
    await signIn(page);
    await viewTitled(page, /^Today, /);
    for (const location of ['Downtown', 'Denver Taproom'])
      expect(await page.getByRole('heading', { name: location, level: 3 }).isVisible()).toBe(true);
    const ponder = boardRow(page, 'Ponder Holiday Breakfast');
    expect(await ponder.textContent()).toContain('Injected');
    expect(await ponder.textContent()).toContain('$141.97');
    const failed = boardRow(page, UNMAPPED_EVENT.name);
    expect(await failed.textContent()).toContain('Failed');
    expect(await failed.textContent()).toContain('UNMAPPED_ITEMS');
    expect(await page.getByRole('heading', { name: 'Upcoming problems' }).isVisible()).toBe(true);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
  }, 30_000);

  it('sends a refused token back to sign-in, saying so', async () => {
    const page = await openPage();
    await signIn(page, 'not-an-operator-token-0123456789');
    await page.getByRole('alert').filter({ hasText: 'refused the token' }).waitFor();
    expect(await page.getByLabel('Operator token').isVisible()).toBe(true);
    await page.close();
  }, 30_000);

  it('shows no suggestion for an item with no good match; searching and choosing a product keeps the TripleSeat name on the Revel line', async () => {
    const page = await openPage();
    await signIn(page);
    await page.getByRole('link', { name: UNMAPPED_EVENT.name }).click();
    await viewTitled(page, UNMAPPED_EVENT.name);
    expect(await page.getByText('Not mapped').count()).toBe(1);
    const picker = page.getByRole('group', { name: `Revel product for “${UNMAPPED_EVENT.item}”` });
    // Nothing in Downtown's catalogue is within the threshold (Iced Coffee scored 0.32).
    await picker.getByText('No close match in the Revel catalogue').waitFor();
    expect(await picker.getByRole('radio', { name: /match/ }).count()).toBe(0);
    await expect(picker.getByRole('radio', { name: /Open item: Catering Open Item/ }).count()).resolves.toBe(
      1,
    );

    await picker.getByRole('searchbox').fill('donut dozen');
    await picker.getByRole('button', { name: 'Search', exact: true }).click();
    const found = picker.getByRole('radio', { name: /Donut Dozen \(#600\) · \$24\.00/ });
    await found.check();
    const warning = picker.getByText(/^Price differs: Donut Dozen is \$24\.00 in Revel/);
    expect(await warning.textContent()).toContain('“Unicorn Cake” is $65.00 in TripleSeat (−$41.00)');
    expect(ordersFor(UNMAPPED_EVENT.id)).toEqual([]);

    await picker.getByRole('button', { name: 'Save mapping and retry' }).click();
    expect(await announced(page, /injected/)).toContain(`Event ${UNMAPPED_EVENT.id}: injected`);
    const [order, ...others] = ordersFor(UNMAPPED_EVENT.id);
    expect(others).toEqual([]);
    // The event is in Revel now: the preview no longer says an order "would be written now".
    await page.getByText(`Already in Revel as order ${order?.id}`).waitFor();
    expect(await page.getByText('What would be written now').count()).toBe(0);

    // What the kitchen's ticket is printed from, as Revel's API serves it.
    const { REVEL_API_URL, REVEL_API_KEY, REVEL_API_SECRET } = local.runtime.sandboxes?.env ?? {};
    const answer = await fetch(`${REVEL_API_URL}/resources/OrderItem/?order=${order?.id}`, {
      headers: { 'API-AUTHENTICATION': `${REVEL_API_KEY}:${REVEL_API_SECRET}` },
    });
    const items = ((await answer.json()) as { objects: Record<string, unknown>[] }).objects;
    expect(items.find((i) => i.product === '/resources/Product/600/')).toMatchObject({
      product_name_override: UNMAPPED_EVENT.item,
      price: 65,
    });

    await page.getByRole('link', { name: 'Today', exact: true }).click();
    await viewTitled(page, /^Today, /);
    const row = await boardRow(page, UNMAPPED_EVENT.name).textContent();
    expect(row).toContain('Injected');
    expect(row).toContain(String(order?.id));
    await page.close();
  }, 30_000);

  it('shows an event’s invoice against its Revel order, row by row, each matching', async () => {
    await syncWithoutTheConsole(MONEY_EVENT.id);
    const page = await openPage();
    await signIn(page);
    await page.goto(`${consoleUrl()}#/events/${MONEY_EVENT.id}`);
    await viewTitled(page, MONEY_EVENT.name);
    const table = page.getByRole('region', { name: 'Invoice against the Revel order' }).getByRole('table');
    const rows = table.getByRole('row');
    await rows.nth(1).waitFor();

    const shown = (await rows.allTextContents()).slice(1).map((text) => text.replace(/\s+/g, ' ').trim());

    // The worked example: 200.00 − 20.00 + 36.00 + 15.08 = 231.08, 50.00 paid, 181.08 due.
    const expected: [string, string][] = [
      ['Subtotal', '$200.00'],
      ['Discount', '$20.00'],
      ['Service Charge (20%)', '$36.00'],
      ['Tax', '$15.08'],
      ['Total', '$231.08'],
      ['Paid', '$50.00'],
      ['Due', '$181.08'],
    ];
    expect(shown).toHaveLength(expected.length);
    expected.forEach(([label, amount], i) => {
      expect(shown[i]).toContain(label);
      expect(shown[i]?.split(amount)).toHaveLength(3);
      expect(shown[i]).toContain('Matches');
    });
    // What the kitchen needs, on the same page: the allergy, the special instruction, the guests.
    const kitchen = page.getByRole('region', { name: 'For the kitchen' });
    await kitchen.waitFor();
    const kitchenText = (await kitchen.textContent()) ?? '';
    for (const shownText of ['Allergies', 'Tree nuts (one guest)', 'No nuts please', 'Guests', '16'])
      expect(kitchenText).toContain(shownText);
    await page.close();
  }, 30_000);

  it('switches the connector off after a confirmation, so the next sync is skipped, and on again to inject', async () => {
    const page = await openPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Switches' }).click();
    await page.getByRole('button', { name: 'Turn off connector' }).click();
    expect(await page.getByText('Turn off connector?').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Yes, turn off' }).click();
    await announced(page, /^Connector turned off\.$/);

    await page.goto(`${consoleUrl()}#/events/${SWITCH_EVENT.id}`);
    await page.getByRole('button', { name: 'Retry now' }).click();
    await announced(page, /skipped CONNECTOR_DISABLED/);
    expect(ordersFor(SWITCH_EVENT.id)).toEqual([]);

    await page.getByRole('link', { name: 'Switches' }).click();
    await page.getByRole('button', { name: 'Turn on connector' }).click();
    await page.getByRole('button', { name: 'Yes, turn on' }).click();
    await announced(page, /^Connector turned on\.$/);
    await page.goto(`${consoleUrl()}#/events/${SWITCH_EVENT.id}`);
    await page.getByRole('button', { name: 'Retry now' }).click();
    await announced(page, /: injected/);
    expect(ordersFor(SWITCH_EVENT.id)).toHaveLength(1);
    await page.close();
  }, 30_000);

  it('redrives a chosen dead letter after a confirmation', async () => {
    const body = JSON.stringify({
      kind: 'event',
      eventId: '55521609',
      correlationId: 'console-dlq',
      trigger: 'UPDATE_EVENT',
    });
    await local.runtime.sqs.client.send(
      new SendMessageCommand({ QueueUrl: local.runtime.dlqUrl, MessageBody: body }),
    );
    const page = await openPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Dead letters' }).click();
    await page.getByRole('checkbox', { name: 'Select the message for event 55521609' }).check();
    await page.getByRole('button', { name: 'Redrive selected' }).click();
    await page.getByRole('button', { name: 'Yes, redrive them' }).click();
    await announced(page, /^Sent 1 message back to the queue\.$/);
    expect(await page.getByText('The dead-letter queue is empty.').isVisible()).toBe(true);
    expect(await messagesIn(local.runtime, local.runtime.dlqUrl)).toBe(0);
    await page.close();
  }, 30_000);

  it('reads on a 390-pixel-wide phone without sideways scrolling', async () => {
    const page = await openPage({ width: 390, height: 844 });
    await signIn(page);
    await viewTitled(page, /^Today, /);
    const overflow = () => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: 'Ponder Holiday Breakfast' }).click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.close();
  }, 30_000);

  it("shows a scheduled run's progress counts on its run page", async () => {
    const planned = (await local.runtime.scheduler.fireNow()) as { status: string; runId: string };
    expect(planned.status).toBe('planned');
    const page = await openPage();
    await signIn(page);
    await viewTitled(page, /^Today, /);
    await page.goto(`${consoleUrl()}#/runs/${planned.runId}`);
    await viewTitled(page, `Run ${planned.runId}`);
    // Reloaded until the run's queued events have all settled.
    await eventually(async () => {
      await page.reload();
      await viewTitled(page, `Run ${planned.runId}`);
      const facts = (await page.locator('dl.facts').textContent()) ?? '';
      expect(facts).toContain('finished');
      expect(facts).toMatch(/\d+ injected, \d+ skipped, \d+ failed \(\d+ of \d+ queued\)/);
    }, 40_000);
    // The sandbox lists events of other days: counted, not listed.
    expect(await page.getByText(/routine skips counted above, not listed/).count()).toBe(1);
    await page.close();
  }, 60_000);

  it('can be used from the keyboard alone, with the focus always visible', async () => {
    const page = await openPage();
    await page.goto(consoleUrl());
    await page.getByLabel('Operator token').waitFor();
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('token');
    await page.keyboard.type(operatorToken());
    await page.keyboard.press('Enter');
    await viewTitled(page, /^Today, /);
    await page.getByRole('link', { name: 'Switches' }).focus();
    await page.keyboard.press('Enter');
    await viewTitled(page, 'Switches');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('Switches');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).toBe('solid');
    await page.close();
  }, 30_000);

  it('loads without a script error or a blocked resource', () => {
    expect(pageErrors).toEqual([]);
  });
});
