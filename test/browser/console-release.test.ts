import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHalfWritten } from '../support/half-written';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { launchChromium } from './chromium';

// Releasing a HALF_WRITTEN order from the console in headless Chromium, against the local runtime.
const EVENT = '55521609';
let local: TestRuntime;
let browser: Browser;

const ordersFor = (eventId: string) =>
  (local.runtime.sandboxes?.revel.orders() ?? []).filter((o) => o.local_id === `Triple Seat_${eventId}`);

beforeAll(async () => {
  [local, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await local?.stop();
});

async function openEvent(eventId: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(local.runtime.variables.CONSOLE_URL ?? '');
  await page.getByLabel('Operator token').fill(local.runtime.variables.OPERATOR_TOKEN ?? '');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto(`${local.runtime.variables.CONSOLE_URL}#/events/${eventId}`);
  return page;
}

describe('a half-written order in the console', () => {
  it('is adopted after a confirmation, and the event ends with exactly one Revel order', async () => {
    await makeHalfWritten(local.runtime, EVENT);
    const page = await openEvent(EVENT);
    await page.getByRole('heading', { level: 3, name: 'Half-written order' }).waitFor();

    await page.getByRole('button', { name: 'Adopt the order as written' }).click();
    const confirmation = page.getByRole('group', { name: 'Confirm' });
    expect(await confirmation.textContent()).toContain('change it in Revel by hand');
    await page.getByRole('button', { name: 'Yes, adopt it' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Nothing more is written/ })
      .waitFor();

    await page.getByRole('button', { name: 'Retry now' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /DUPLICATE|skipped/i })
      .waitFor();
    expect(ordersFor(EVENT)).toHaveLength(1);
    expect(await page.getByRole('heading', { level: 3, name: 'Half-written order' }).count()).toBe(0);
  });
});
