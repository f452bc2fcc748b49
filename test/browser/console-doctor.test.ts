import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctorCommand } from '../../dev/doctor-command';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { launchChromium } from './chromium';

// The console's Settings page shows the last `npm run doctor` report, read from the ledger.
let local: TestRuntime;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  [local, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await local?.stop();
});

async function switchesPage(): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(local.runtime.variables.CONSOLE_URL ?? '');
  await page.getByLabel('Operator token').fill(local.runtime.variables.OPERATOR_TOKEN ?? '');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Switches' }).click();
  await page.getByRole('heading', { level: 2, name: 'Last doctor report' }).waitFor();
  return page;
}

describe('the last doctor report on the console', () => {
  it('says there is none before the doctor ran', async () => {
    const page = await switchesPage();
    expect(await page.getByText('No doctor report yet.', { exact: false }).isVisible()).toBe(true);
    await page.close();
  }, 30_000);

  it('shows when the doctor ran, against which hosts, and each check', async () => {
    const v = local.runtime.variables;
    const keys = ['TRIPLESEAT_API_URL', 'TRIPLESEAT_CLIENT_ID', 'TRIPLESEAT_CLIENT_SECRET', 'REVEL_API_URL'];
    const env = Object.fromEntries(
      [...keys, 'REVEL_API_KEY', 'REVEL_API_SECRET', 'DYNAMODB_ENDPOINT', 'LEDGER_TABLE'].map((k) => [
        k,
        v[k],
      ]),
    );
    await runDoctorCommand(
      { writeTestOrder: false, json: false, saveDir: undefined },
      { ...env, SYNC_CONFIG: 'config/sync.example.json' },
      () => {},
    );
    const page = await switchesPage();
    const panel = page.getByRole('region', { name: 'Last doctor report' });
    expect(
      await panel
        .getByText(`against TripleSeat ${new URL(v.TRIPLESEAT_API_URL ?? '').origin}`, { exact: false })
        .isVisible(),
    ).toBe(true);
    expect(await panel.getByText('No check failed.', { exact: false }).isVisible()).toBe(true);
    const row = panel.getByRole('row').filter({ hasText: 'discount 3358' });
    expect(await row.textContent()).toContain('exists and is active');
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 60_000);
});
