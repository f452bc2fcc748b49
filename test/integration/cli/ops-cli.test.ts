import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, runOpsCommand } from '../../../dev/ops-command';
import { legacyOrderId } from '../../../dev/sandbox';
import { eventually } from '../../support/eventually';
import { startTestRuntime, type TestRuntime } from '../../support/local-runtime';

// `npm run ops` against the local runtime over real HTTP; `backfill` against its sandboxes and ledger.
let local: TestRuntime;

beforeAll(async () => {
  local = await startTestRuntime();
});
afterAll(async () => {
  await local?.stop();
});

const quiet = () => {};
const apiEnv = () => ({ OPS_URL: local.runtime.url, OPERATOR_TOKEN: local.runtime.variables.OPERATOR_TOKEN });
const ops = (...args: string[]) => runOpsCommand(args, apiEnv(), quiet);

describe('npm run ops', () => {
  it('prints the settings as a table, and as JSON with --json', async () => {
    const table = await ops('settings');
    expect(table.exitCode).toBe(EXIT.ok);
    expect(table.output).toMatch(/connector_enabled\s+true\s+true\s+deployed/);
    const json = await ops('settings', '--json');
    expect(JSON.parse(json.output)).toEqual(
      expect.objectContaining({ connector_enabled: true, dry_run: false }),
    );
  });

  it('changes a setting with --set and shows who changed it', async () => {
    const changed = await ops('settings', '--set', 'dry_run=true');
    expect(changed.exitCode).toBe(EXIT.ok);
    expect(changed.output).toMatch(/dry_run\s+true\s+false\s+runtime/);
    expect(changed.output).toContain('changed by local');
    await ops('settings', '--set', 'dry_run=false');
  });

  it('exits 1 when the answer reports a problem: an event that cannot be injected, unmapped items', async () => {
    const preview = await ops('preview', '55521611');
    expect(preview.exitCode).toBe(EXIT.problem);
    expect(preview.output).toContain('UNMAPPED_ITEMS');
    expect(preview.output).toMatch(/Unicorn Cake.*UNMAPPED/);
    const suggest = await ops('mappings', 'suggest');
    expect(suggest.exitCode).toBe(EXIT.problem);
    expect(suggest.output).toMatch(/Unicorn Cake.*none close enough: search in the console/);
  });

  it('refuses mappings set without --establishment before calling the API, and names the product once saved', async () => {
    const unscoped = await ops('mappings', 'set', '--menu-item-id', '3099', '--product', '601');
    expect(unscoped.exitCode).toBe(EXIT.usage);
    const saved = await ops(
      'mappings',
      'set',
      '--menu-item-id',
      '3099',
      '--product',
      '601',
      '--establishment',
      '4',
    );
    expect(saved.exitCode).toBe(EXIT.ok);
    expect(saved.output).toContain('saved: 4|menu:3099 → 601 Iced Coffee');
  });

  it('shows an event, the runs and an empty dead-letter queue', async () => {
    const status = await ops('status', '55521609', '--json');
    expect(status.exitCode).toBe(EXIT.ok);
    expect(JSON.parse(status.output)).toEqual(
      expect.objectContaining({ event_id: '55521609', outcome: 'not_synced' }),
    );
    expect((await ops('runs')).exitCode).toBe(EXIT.ok);
    expect(await ops('dlq')).toEqual({ exitCode: EXIT.ok, output: '(none)\n' });
  });

  it('exits 2 on bad arguments, 3 when the API refuses, 4 when it cannot be reached', async () => {
    expect((await ops('settings', '--set', 'connector_enabled=maybe')).exitCode).toBe(EXIT.usage);
    expect((await ops('teleport')).exitCode).toBe(EXIT.usage);
    const refused = await runOpsCommand(
      ['runs'],
      { ...apiEnv(), OPERATOR_TOKEN: 'wrong-token-0123456789abcdef' },
      quiet,
    );
    expect(refused.exitCode).toBe(EXIT.refused);
    const unreachable = await runOpsCommand(['runs'], { ...apiEnv(), OPS_URL: 'http://127.0.0.1:9' }, quiet);
    expect(unreachable.exitCode).toBe(EXIT.unavailable);
    expect(refused.output).toContain('check OPERATOR_TOKEN');
    expect(unreachable.output).toContain('check OPS_URL');
  });

  it('runs backfill against OPS_URL too: an unreachable OPS_URL is named, nothing runs in-process', async () => {
    const unreachable = await runOpsCommand(
      ['backfill', '--since', '2026-12-01', '--dry-run'],
      { OPS_URL: 'http://127.0.0.1:9', OPERATOR_TOKEN: 'x'.repeat(24) },
      quiet,
    );
    expect(unreachable.exitCode).toBe(EXIT.unavailable);
    expect(unreachable.output).toContain('check OPS_URL');
    expect(unreachable.output).not.toContain('sandboxes');
  });

  it('reports a named dead letter that is not there, exiting 1', async () => {
    const answer = await ops('dlq', 'redrive', 'not-an-id');
    expect(answer.exitCode).toBe(EXIT.problem);
    expect(answer.output).toContain('1 of the named messages are not in the dead-letter queue');
  });

  it('refuses a release without --adopt and --yes', async () => {
    expect((await ops('release', '55521609')).exitCode).toBe(EXIT.usage);
    expect((await ops('release', '55521609', '--adopt')).output).toContain('--yes');
  });
});

describe('npm run ops -- backfill', () => {
  it("records the old connector's order, so the next bulk run reports it DUPLICATE with no Revel call", async () => {
    const { runtime } = local;
    const revel = runtime.sandboxes?.revel;
    // Through the running system's operator API (OPS_URL), like every other command: no vendor variables.
    const env = apiEnv();
    const today = new Date().toISOString().slice(0, 10);
    const since = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const backfill = await runOpsCommand(['backfill', '--since', since, '--json'], env, quiet);
    expect(backfill.exitCode).toBe(EXIT.ok);
    const report = JSON.parse(backfill.output);
    expect(report.recorded).toEqual([
      { event_id: '55521617', revel_order_id: String(legacyOrderId), local_id: 'Triple Seat 55521617' },
    ]);
    expect(report.without_order).toContain('55521609');
    expect(report.until > today).toBe(true);

    const again = JSON.parse(
      (await runOpsCommand(['backfill', '--since', since, '--json'], env, quiet)).output,
    );
    expect(again.recorded).toEqual([]);
    expect(again.already_recorded).toContain('55521617');

    const requestsBefore = revel?.requestLog().length ?? 0;
    const started = await fetch(`${runtime.variables.SYNC_URL}?hours_back=48`, {
      method: 'POST',
      headers: { authorization: `Bearer ${runtime.variables.SYNC_API_TOKEN}` },
    });
    const { status_url: statusUrl } = (await started.json()) as { status_url: string };
    const summary = await eventually(async () => {
      const run = (await (
        await fetch(`${runtime.url}${statusUrl}`, {
          headers: { authorization: `Bearer ${runtime.variables.SYNC_API_TOKEN}` },
        })
      ).json()) as { state: string; summary: { events: Array<Record<string, unknown>> } };
      expect(run.state).toBe('finished');
      return run.summary;
      // The run also writes today's money events at Revel's 5 requests a second.
    }, 120_000);
    expect(summary.events).toContainEqual(
      expect.objectContaining({
        id: '55521617',
        status: 'skipped',
        reason: 'DUPLICATE',
        revel_order_id: String(legacyOrderId),
      }),
    );
    const newRequests = (revel?.requestLog() ?? []).slice(requestsBefore);
    expect(newRequests.filter((r) => `${r.path}${r.query}`.includes('55521617'))).toEqual([]);
    expect((revel?.orders() ?? []).filter((o) => String(o.local_id).includes('55521617'))).toHaveLength(1);
  }, 150_000);

  it("shows a bulk run's progress as its queued events settle", async () => {
    const planned = (await local.runtime.scheduler.fireNow()) as { status: string; runId: string };
    expect(planned.status).toBe('planned');
    await eventually(async () => {
      const runs = await ops('runs');
      const row = runs.output.split('\n').find((line) => line.includes(planned.runId)) ?? '';
      expect(row).toContain('finished');
      expect(row).toMatch(/\d+ queued of \d+ listed: \d+ injected, \d+ skipped, \d+ failed, 0 still queued/);
    }, 30_000);
    const one = JSON.parse((await ops('runs', planned.runId)).output) as {
      progress: { still_queued: number };
    };
    expect(one.progress.still_queued).toBe(0);
  }, 60_000);
});
