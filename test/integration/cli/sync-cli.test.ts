import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, InputError } from '#functions/core/domain/errors';
import { DynamoDbDriftLog } from '#functions/platform/drift-log-dynamodb';
import { chooseCliLedger, isSandboxOrigin } from '../../../dev/cli-ledger';
import { startLocalDynamo } from '../../../dev/local-dynamodb';
import { type Sandboxes, startSandboxes } from '../../../dev/sandbox';
import { parseSyncArgs, runSyncCommand } from '../../../dev/sync-command';
import { runCli as runCliScript } from '../../support/run-cli';

const quiet = () => {};

const runCli = (args: string[], env: Record<string, string> = {}) =>
  runCliScript('dev/sync-cli.ts', args, env);

describe('npm run sync', () => {
  let sandboxes: Sandboxes;
  beforeAll(async () => {
    sandboxes = await startSandboxes();
  });
  afterAll(async () => {
    await sandboxes.close();
  });

  it('runs with no vendor variables on in-process sandboxes, prints the summary, exits 1 because one event fails', () => {
    const run = runCli(['--hours-back', '48']);
    expect(run.status).toBe(1);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ success: false, mode: 'bulk', dry_run: false });
    // 15 seeded events: three item-only and five money events are today's and injected.
    expect(summary.summary).toMatchObject({ queried: 15, injected: 8, failed: 1, skipped: 6 });
    // Logs are JSON lines on stderr and never carry a guest's phone or e-mail.
    expect(run.stderr).toContain('"message":"event synced"');
    expect(run.stderr).not.toMatch(/@example\.|555-01/);
    // The example config paces Revel at 5 requests a second: eight orders with their money and
    // read-backs take about 100 requests, so the run needs more than the default 20 s.
  }, 60_000);

  it('exits 0 for a single eligible event', () => {
    const run = runCli(['--event-id', '55521609']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ success: true, mode: 'single', summary: { injected: 1 } });
  });

  it('stops with exit 2 and names the field when the config file is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sync-cli-'));
    const bad = join(dir, 'sync.json');
    writeFileSync(
      bad,
      JSON.stringify({
        locations: [{ name: 'x', tripleseatLocationId: 1, timeZone: 'Mars/Olympus', revel: {} }],
      }),
    );
    const run = runCli(['--event-id', '55521609'], { ...sandboxes.env, SYNC_CONFIG: bad });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('locations.0.timeZone');
    expect(run.stdout).toBe('');
  });

  it('stops with exit 2 naming a missing vendor variable without printing any secret', () => {
    const run = runCli(['--event-id', '55521609'], {
      REVEL_API_URL: sandboxes.env.REVEL_API_URL,
      REVEL_API_SECRET: 'revel-secret-value',
      SYNC_CONFIG: 'config/sync.example.json',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('TRIPLESEAT_CLIENT_ID is not set');
    expect(run.stderr).not.toContain('revel-secret-value');
  });

  it('previews a dry run without writing to Revel', async () => {
    const before = sandboxes.revel.orders().length;
    const summary = await runSyncCommand(
      { eventId: '55521609', hoursBack: undefined, dryRun: true },
      { ...sandboxes.env, SYNC_CONFIG: 'config/sync.example.json' },
      quiet,
    );
    expect(summary).toMatchObject({ dry_run: true, summary: { would_inject: 1, injected: 0 } });
    expect(sandboxes.revel.orders().length).toBe(before);
  });

  it('reports a second run against the same sandboxes as DUPLICATE with the same order ids', async () => {
    const env = { ...sandboxes.env, SYNC_CONFIG: 'config/sync.example.json' };
    const request = { eventId: undefined, hoursBack: 48, dryRun: false };
    const first = await runSyncCommand(request, env, quiet);
    const second = await runSyncCommand(request, env, quiet);
    expect(second.summary.injected).toBe(0);
    for (const e of first.events.filter((x) => x.status === 'injected')) {
      expect(second.events.find((x) => x.id === e.id)).toMatchObject({
        status: 'skipped',
        reason: 'DUPLICATE',
        revel_order_id: e.revel_order_id,
      });
    }
  }, 90_000);
});

describe('npm run sync with DYNAMODB_ENDPOINT', () => {
  it('keeps its ledger in the given DynamoDB, so a second run answers from the ledger without a Revel call', async () => {
    const sandboxes = await startSandboxes();
    const dynamo = await startLocalDynamo();
    try {
      const env = {
        ...sandboxes.env,
        SYNC_CONFIG: 'config/sync.example.json',
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        LEDGER_TABLE: 'cli-ledger',
      };
      const request = { eventId: '55521609', hoursBack: undefined, dryRun: false };
      const first = await runSyncCommand(request, env, quiet);
      const revelCalls = sandboxes.revel.requestLog().length;
      const second = await runSyncCommand(request, env, quiet);
      expect(first.events[0]?.status).toBe('injected');
      expect(second.events[0]).toMatchObject({ status: 'skipped', reason: 'DUPLICATE' });
      expect(sandboxes.revel.requestLog().length).toBe(revelCalls);
    } finally {
      await sandboxes.close();
      await dynamo.close();
    }
  });

  it('shows a change made after injection as a structured drift field, and records nothing of it', async () => {
    const sandboxes = await startSandboxes();
    const dynamo = await startLocalDynamo();
    try {
      const env = {
        ...sandboxes.env,
        SYNC_CONFIG: 'config/sync.example.json',
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        LEDGER_TABLE: 'cli-drift-ledger',
      };
      const request = { eventId: '55521609', hoursBack: undefined, dryRun: false };
      await runSyncCommand(request, env, quiet);
      sandboxes.tripleseat.updateEvent('55521609', { guest_count: 40 });

      const again = await runSyncCommand(request, env, quiet);

      expect(again.events[0]).toMatchObject({
        status: 'skipped',
        reason: 'DUPLICATE',
        error: null,
        drift: { fields: ['guest_count'] },
      });
      // Read-only: the Lambdas record the change and alert it when they see it.
      const drift = await new DynamoDbDriftLog({
        client: dynamo.client,
        tableName: 'cli-drift-ledger',
      }).getDrift('55521609');
      expect(drift).toBeUndefined();
    } finally {
      await sandboxes.close();
      await dynamo.close();
    }
  });
});

// Real-looking vendor origins: nothing listens there, and a refused run must not try.
const realVendors = {
  TRIPLESEAT_API_URL: 'https://api.tripleseat.com',
  TRIPLESEAT_CLIENT_ID: 'client-id',
  TRIPLESEAT_CLIENT_SECRET: 'client-secret-value',
  REVEL_API_URL: 'https://acme.revelup.com',
  REVEL_API_KEY: 'revel-key',
  REVEL_API_SECRET: 'revel-secret-value',
  SYNC_CONFIG: 'config/sync.example.json',
};

describe('npm run sync against a real Revel', () => {
  it('refuses to write with a ledger of its own: exit 2, naming LEDGER_TABLE, no secret printed', () => {
    const run = runCli(['--event-id', '55521609'], realVendors);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'refusing to write to Revel at https://acme.revelup.com with an in-memory ledger',
    );
    expect(run.stderr).toContain('Set LEDGER_TABLE to the deployed ledger table');
    expect(run.stderr).not.toMatch(/client-secret-value|revel-secret-value/);
    expect(run.stdout).toBe('');
  });

  it('refuses a local DynamoDB endpoint too, and says to unset it', async () => {
    const env = { ...realVendors, DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', LEDGER_TABLE: 'cli-ledger' };
    const run = runSyncCommand({ eventId: '55521609', hoursBack: undefined, dryRun: false }, env, quiet);
    await expect(run).rejects.toThrow(ConfigError);
    await expect(run).rejects.toThrow(/local ledger at DYNAMODB_ENDPOINT.*unset DYNAMODB_ENDPOINT/);
  });

  it('allows a dry run with any ledger: nothing is written to Revel', () => {
    const ledger = chooseCliLedger({ env: {}, revelOrigin: 'https://acme.revelup.com', dryRun: true });
    expect(ledger).toEqual({ kind: 'in-process', tableName: 'tripleseat-revel-sync-ledger' });
  });

  it('allows a write with the deployed ledger table, decided without an AWS call', () => {
    const env = { LEDGER_TABLE: 'TripleSeatRevelSync-prod-Ledger', AWS_REGION: 'us-east-1' };
    expect(chooseCliLedger({ env, revelOrigin: 'https://acme.revelup.com', dryRun: false })).toEqual({
      kind: 'deployed',
      tableName: 'TripleSeatRevelSync-prod-Ledger',
    });
  });

  it('allows writes to sandboxes with any ledger, and tells a sandbox origin from a real one', async () => {
    for (const origin of ['http://127.0.0.1:4020', 'http://localhost:4020', 'http://[::1]:4020']) {
      expect(chooseCliLedger({ env: {}, revelOrigin: origin, dryRun: false }).kind).toBe('in-process');
    }
    expect(isSandboxOrigin('https://127.0.0.1.acme.revelup.com')).toBe(false);
    expect(isSandboxOrigin('not a url')).toBe(false);
    const sandboxes = await startSandboxes();
    try {
      const env = { ...sandboxes.env, SYNC_CONFIG: 'config/sync.example.json' };
      const request = { eventId: '55521609', hoursBack: undefined, dryRun: false };
      expect((await runSyncCommand(request, env, quiet)).summary.injected).toBe(1);
    } finally {
      await sandboxes.close();
    }
  });
});

describe('parseSyncArgs', () => {
  it('needs exactly one of --event-id and --hours-back', () => {
    expect(() => parseSyncArgs([])).toThrow(InputError);
    expect(() => parseSyncArgs(['--event-id', '1', '--hours-back', '2'])).toThrow(/exactly one/);
  });

  it('rejects hours outside 1–168 and non-numeric event ids, naming the flag', () => {
    expect(() => parseSyncArgs(['--hours-back', '169'])).toThrow(/--hours-back/);
    expect(() => parseSyncArgs(['--event-id', '12a'])).toThrow(/--event-id/);
    expect(parseSyncArgs(['--event-id', '55521609', '--dry-run'])).toEqual({
      eventId: '55521609',
      hoursBack: undefined,
      dryRun: true,
    });
  });
});

describe('npm run sync -- --preflight', () => {
  it('prints the problems of upcoming events as JSON and exits 1 when there are any', () => {
    // The example config with Downtown's discount pointing at one Revel has switched off.
    const example = JSON.parse(readFileSync('config/sync.example.json', 'utf8'));
    example.locations[0].revel.discountId = 3361;
    const path = join(mkdtempSync(join(tmpdir(), 'preflight-cli-')), 'sync.json');
    writeFileSync(path, JSON.stringify(example));

    const run = runCli(['--preflight', '--days', '7'], { SYNC_CONFIG: path });

    expect(run.status).toBe(1);
    const check = JSON.parse(run.stdout);
    // One seeded event is dated in the week ahead: Downtown's board meeting tomorrow. Its location's
    // discount is checked once; one search per zone whose calendar differs, one fetch per event.
    expect(check).toMatchObject({ days: 7, eventsChecked: 1 });
    expect([2, 3]).toContain(check.tripleseatRequests);
    expect(check.problems).toEqual([
      expect.objectContaining({
        location: 'Downtown',
        reason: 'REVEL_REFERENCE_INVALID',
        detail: 'Revel discount 3361 is inactive',
        fix: 'activate it in Revel, or set locations["Downtown"].revel.discountId to an active one',
      }),
    ]);
  });

  it('exits 0 with no problems when the example config has every setting the week needs', () => {
    const run = runCli(['--preflight', '--days', '7']);

    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).problems).toEqual([]);
  });

  it('takes --days only with --preflight, from 1 to 31', () => {
    expect(parseSyncArgs(['--preflight'])).toMatchObject({ preflight: { days: undefined } });
    expect(parseSyncArgs(['--preflight', '--days', '3'])).toMatchObject({ preflight: { days: 3 } });
    expect(() => parseSyncArgs(['--preflight', '--days', '0'])).toThrow(/--days/);
    expect(() => parseSyncArgs(['--hours-back', '2', '--days', '3'])).toThrow(/--days goes with --preflight/);
    expect(() => parseSyncArgs(['--preflight', '--event-id', '1'])).toThrow(/--preflight takes no/);
  });
});
