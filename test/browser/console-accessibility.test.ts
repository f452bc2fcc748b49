import { SendMessageCommand } from '@aws-sdk/client-sqs';
import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctorCommand } from '../../dev/doctor-command';
import { eventually } from '../support/eventually';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { launchChromium } from './chromium';

// Every view of the console checked by axe-core (all its rules, every impact level), on a desktop
// and on a phone (where it must not scroll sideways either), against the whole local runtime: sign-in, board, events (injected, failed,
// unmapped), unmapped items, runs, one run, dead letters, switches with the doctor report, and the
// confirmations. axe is injected by the test; the page itself ships no axe.
const INJECTED_EVENT = '55521609';
const FAILED_EVENT = '55521611';
const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

let local: TestRuntime;
let browser: Browser;
let context: BrowserContext;
let runId = '';

const consoleUrl = () => local.runtime.variables.CONSOLE_URL ?? '';

interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
}

/** Runs in the page (a string: the test project has no DOM types): every rule, violations only. */
const RUN_AXE = `axe.run(document, { resultTypes: ['violations'] }).then((results) =>
  results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  })))`;

/** axe's violations on the page as it is now, each with the elements it names. */
async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate<boolean>("typeof axe === 'object'")))
    await page.addScriptTag({ content: axe.source });
  return page.evaluate<Violation[]>(RUN_AXE);
}

/** axe's violations, and whether the page scrolls sideways (a phone reads it without). */
async function checkView(page: Page) {
  const violations = await axeViolations(page);
  const scrollsSideways = await page.evaluate<boolean>(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth',
  );
  return { violations, scrollsSideways };
}

const CLEAN = { violations: [], scrollsSideways: false };

/** Waits for the view to finish rendering: its heading shown, the main region no longer busy. */
async function viewShown(page: Page, heading: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 2, name: heading }).first().waitFor();
  await page.locator('main:not([aria-busy])').waitFor();
}

async function signedIn(viewport: { width: number; height: number }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(consoleUrl());
  await page.getByLabel('Operator token').fill(local.runtime.variables.OPERATOR_TOKEN ?? '');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await viewShown(page, /Today|Downtown|Denver/);
  return page;
}

async function visit(page: Page, hash: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${consoleUrl()}${hash}`);
  await viewShown(page, heading);
}

beforeAll(async () => {
  [local, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
  // The page's Content-Security-Policy allows no inline script: only the test's axe goes around it.
  context = await browser.newContext({ bypassCSP: true });
  const { SYNC_URL, SYNC_API_TOKEN } = local.runtime.variables;
  const headers = { authorization: `Bearer ${SYNC_API_TOKEN}` };
  // A morning with something on every view: an injected and a failed event, a run, a dead letter,
  // a doctor report.
  for (const eventId of [INJECTED_EVENT, FAILED_EVENT])
    expect((await fetch(`${SYNC_URL}?event_id=${eventId}`, { headers })).status).toBe(200);
  const started = await fetch(`${SYNC_URL}?hours_back=24`, { method: 'POST', headers });
  runId = ((await started.json()) as { run_id: string }).run_id;
  await eventually(async () => {
    const run = await fetch(`${local.runtime.url}/api/runs/${runId}`, {
      headers: { authorization: `Bearer ${local.runtime.variables.OPERATOR_TOKEN}` },
    });
    expect(((await run.json()) as { state: string }).state).toBe('finished');
  }, 90_000);
  await local.runtime.sqs.client.send(
    new SendMessageCommand({
      QueueUrl: local.runtime.dlqUrl,
      MessageBody: JSON.stringify({
        kind: 'event',
        eventId: '55521616',
        correlationId: 'axe',
        trigger: 'UPDATE_EVENT',
      }),
    }),
  );
  const v = local.runtime.variables;
  await runDoctorCommand(
    { writeTestOrder: false, json: false, saveDir: undefined },
    {
      TRIPLESEAT_API_URL: v.TRIPLESEAT_API_URL,
      TRIPLESEAT_CLIENT_ID: v.TRIPLESEAT_CLIENT_ID,
      TRIPLESEAT_CLIENT_SECRET: v.TRIPLESEAT_CLIENT_SECRET,
      REVEL_API_URL: v.REVEL_API_URL,
      REVEL_API_KEY: v.REVEL_API_KEY,
      REVEL_API_SECRET: v.REVEL_API_SECRET,
      SYNC_CONFIG: 'config/sync.example.json',
      DYNAMODB_ENDPOINT: v.DYNAMODB_ENDPOINT,
      LEDGER_TABLE: v.LEDGER_TABLE,
    },
    () => {},
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await local?.stop();
});

/** Sets the runtime switches as an operator would (PUT /api/settings). */
async function switches(change: Record<string, boolean>): Promise<void> {
  const answer = await fetch(`${local.runtime.url}/api/settings`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${local.runtime.variables.OPERATOR_TOKEN}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(change),
  });
  expect(answer.status).toBe(200);
}

describe.each(Object.entries(VIEWPORTS))('the console on a %s, checked by axe', (_, viewport) => {
  it('finds no violation on the sign-in page, empty or refused', async () => {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    await page.goto(consoleUrl());
    await viewShown(page, 'Sign in');
    expect(await checkView(page)).toEqual(CLEAN);
    await page.getByLabel('Operator token').fill('not-an-operator-token-0123456789');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await viewShown(page, 'Sign in');
    expect(await checkView(page)).toEqual(CLEAN);
    await page.close();
  }, 30_000);

  it("finds no violation on today's board", async () => {
    const page = await signedIn(viewport);
    expect(await checkView(page)).toEqual(CLEAN);
    await page.close();
  }, 30_000);

  it('finds no violation on the page of an injected event and of a failed one with its product picker', async () => {
    const page = await signedIn(viewport);
    await visit(page, `#/events/${INJECTED_EVENT}`, 'Ponder Holiday Breakfast');
    expect(await checkView(page)).toEqual(CLEAN);
    await visit(page, `#/events/${FAILED_EVENT}`, 'Natarajan Birthday Brunch');
    await page.getByRole('heading', { name: 'Map the missing products' }).waitFor();
    expect(await checkView(page)).toEqual(CLEAN);
    await page.getByRole('searchbox').first().fill('Maple');
    await page.getByRole('button', { name: 'Search', exact: true }).first().click();
    await page.getByText('Maple Bar', { exact: false }).first().waitFor();
    expect(await checkView(page)).toEqual(CLEAN);
    await page.close();
  }, 30_000);

  it('finds no violation on the unmapped items, the runs and one finished run', async () => {
    const page = await signedIn(viewport);
    await visit(page, '#/unmapped', 'Menu items without a Revel product');
    expect(await checkView(page)).toEqual(CLEAN);
    await visit(page, '#/runs', 'Bulk runs');
    expect(await checkView(page)).toEqual(CLEAN);
    await visit(page, `#/runs/${encodeURIComponent(runId)}`, /Run/);
    expect(await checkView(page)).toEqual(CLEAN);
    await page.close();
  }, 30_000);

  it('finds no violation on the dead letters, nor with a redrive waiting for its confirmation', async () => {
    const page = await signedIn(viewport);
    await visit(page, '#/dlq', 'Dead-letter queue');
    expect(await checkView(page)).toEqual(CLEAN);
    await page.getByRole('button', { name: 'Redrive all' }).click();
    await page.getByRole('group', { name: 'Confirm' }).waitFor();
    expect(await checkView(page)).toEqual(CLEAN);
    await page.close();
  }, 30_000);

  it('finds no violation with the connector off and dry run on: the banners on the board and an event page', async () => {
    await switches({ connector_enabled: false, dry_run: true });
    try {
      const page = await signedIn(viewport);
      await page.getByRole('alert').filter({ hasText: 'The connector is off' }).waitFor();
      expect(await checkView(page)).toEqual(CLEAN);
      await visit(page, `#/events/${INJECTED_EVENT}`, 'Ponder Holiday Breakfast');
      expect(await checkView(page)).toEqual(CLEAN);
      await page.close();
    } finally {
      await switches({ connector_enabled: true, dry_run: false });
    }
  }, 30_000);

  it('finds no violation on the switches with the last doctor report, nor with a switch waiting for its confirmation', async () => {
    const page = await signedIn(viewport);
    await visit(page, '#/settings', /Switches|Settings/);
    await page.getByRole('heading', { level: 2, name: 'Last doctor report' }).waitFor();
    await page.getByRole('table').last().waitFor();
    expect(await checkView(page)).toEqual(CLEAN);
    await page
      .getByRole('button', { name: /Turn .*dry run|dry run/i })
      .first()
      .click();
    await page.getByRole('group', { name: 'Confirm' }).waitFor();
    expect(await checkView(page)).toEqual(CLEAN);
    await page.close();
  }, 30_000);
});
