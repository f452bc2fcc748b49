import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncEvent } from '#functions/core/engine/sync-event';
import { MetricName } from '#functions/core/ports/metrics';
import { DynamoDbLedger } from '#functions/platform/ledger-dynamodb';
import { OutboxMailer } from '#functions/platform/mailer-outbox';
import { SesMailer } from '#functions/platform/mailer-ses';
import { buildSyncDeps } from '#functions/sync/build-sync-deps';
import { createLedgerTable } from '../../../dev/ledger-table';
import { type LocalDynamo, startLocalDynamo } from '../../../dev/local-dynamodb';
import { type LocalSqs, startLocalSqs } from '../../../dev/local-sqs';
import { type Sandboxes, startSandboxes } from '../../../dev/sandbox';
import { parseEml } from '../../support/parse-eml';

const SYNC_API_TOKEN = 'sync-api-token-0123456789abcdef';
let dynamo: LocalDynamo;
let sqs: LocalSqs;
let sandboxes: Sandboxes;
let outbox: string;
let env: Record<string, string>;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  sqs = await startLocalSqs();
  sandboxes = await startSandboxes();
  outbox = await mkdtemp(join(tmpdir(), 'sync-deps-outbox-'));
  await createLedgerTable(dynamo.client, 'sync-ledger');
  env = {
    LEDGER_TABLE: 'sync-ledger',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    QUEUE_URL: await sqs.createQueue('sync-deps', { dlq: 'sync-deps-dlq' }),
    SQS_ENDPOINT: sqs.endpoint,
    SYNC_CONFIG: 'config/sync.example.json',
    ...sandboxes.env,
    WEBHOOK_SIGNING_SECRETS: 'whsec-current-0123456789',
    SYNC_API_TOKEN,
    LOG_LEVEL: 'error',
  };
});
afterAll(async () => {
  await sandboxes?.close();
  await sqs?.close();
  await dynamo?.close();
  if (outbox) await rm(outbox, { recursive: true, force: true });
});

const exampleConfig = async () => JSON.parse(await readFile('config/sync.example.json', 'utf8'));
const notifications = { from: 'sync@restaurant.example', to: ['ops@restaurant.example'] };

describe('buildSyncDeps, from env vars alone', () => {
  it('reads the sync config from the SYNC_CONFIG file', async () => {
    const deps = await buildSyncDeps(env);

    expect(deps.config.locations.map((l) => l.tripleseatLocationId)).toEqual(['101', '102']);
    expect(deps.engine.config).toBe(deps.config);
  });

  it('reads the sync config inline from SYNC_CONFIG_JSON', async () => {
    const { SYNC_CONFIG: _path, ...rest } = env;
    const inline = { ...(await exampleConfig()), sync: { hoursBack: 24 } };

    const deps = await buildSyncDeps({ ...rest, SYNC_CONFIG_JSON: JSON.stringify(inline) });

    expect(deps.config.sync.hoursBack).toBe(24);
  });

  it('names SYNC_CONFIG_JSON when it is not JSON', async () => {
    const { SYNC_CONFIG: _path, ...rest } = env;

    await expect(buildSyncDeps({ ...rest, SYNC_CONFIG_JSON: '{"locations": [' })).rejects.toMatchObject({
      field: 'SYNC_CONFIG_JSON',
      message: 'SYNC_CONFIG_JSON is not valid JSON',
    });
  });

  it('exposes a working run store and run lock on the ledger table', async () => {
    const deps = await buildSyncDeps(env);
    const run = {
      runId: 'run-deps-1',
      state: 'queued',
      trigger: 'manual',
      hoursBack: 48,
      dryRun: false,
      correlationId: 'corr-run-deps',
      createdAt: '2025-06-01T12:00:00.000Z',
      updatedAt: '2025-06-01T12:00:00.000Z',
      processed: 0,
    } as const;

    await deps.runs.putRun(run);

    expect(await (await buildSyncDeps(env)).runs.getRun('run-deps-1')).toEqual(run);
    expect(await deps.runLock.acquireNamedLease('scheduled-sync', 'run-a', 60_000)).toBe(true);
    expect(await deps.runLock.acquireNamedLease('scheduled-sync', 'run-b', 60_000)).toBe(false);
  });

  it('hands a bulk run to the queue', async () => {
    const deps = await buildSyncDeps(env);
    const message = {
      kind: 'bulk-run',
      runId: 'run-deps-2',
      hoursBack: 48,
      dryRun: true,
      correlationId: 'c',
    } as const;

    await deps.queue.send(message);

    const { Messages } = await sqs.client.send(new ReceiveMessageCommand({ QueueUrl: env.QUEUE_URL }));
    expect(JSON.parse(Messages?.[0]?.Body ?? '')).toEqual(message);
  });

  it('serves the manual route token from the secrets', async () => {
    expect(await (await buildSyncDeps(env)).syncApiToken()).toBe(SYNC_API_TOKEN);
  });

  it('wires the vendor clients with the credentials and URLs, so an event syncs end to end', async () => {
    const { SYNC_CONFIG: _path, ...rest } = env;
    // The example's rate limits are the vendors' real ones; the sandboxes need no such patience.
    const fast = {
      ...(await exampleConfig()),
      rateLimits: { tripleseatPerSecond: 200, revelPerSecond: 200 },
    };
    const deps = await buildSyncDeps({ ...rest, SYNC_CONFIG_JSON: JSON.stringify(fast) });
    const eventId = sandboxes.seededEventIds.eligible[0] ?? '';

    const result = await syncEvent(
      eventId,
      { ...deps.engine, holderId: 'sync-deps-test' },
      { correlationId: 'c-e2e' },
    );

    expect(result.status).toBe('injected');
    expect(sandboxes.revel.orders().some((o) => String(o.id) === result.revel_order_id)).toBe(true);
    expect((await deps.engine.ledger.get(eventId))?.status).toBe('injected');
  });

  it('has no mailer when the config names no recipients', async () => {
    expect((await buildSyncDeps(env)).mailer).toBeUndefined();
  });

  it('writes mail to MAIL_OUTBOX_DIR when the config has notifications', async () => {
    const { SYNC_CONFIG: _path, ...rest } = env;
    const config = JSON.stringify({ ...(await exampleConfig()), notifications });
    const deps = await buildSyncDeps({ ...rest, SYNC_CONFIG_JSON: config, MAIL_OUTBOX_DIR: outbox });

    expect(deps.mailer).toBeInstanceOf(OutboxMailer);
    await deps.mailer?.send({
      ...notifications,
      subject: 'Hello',
      text: 'hi',
      html: '<p>hi</p>',
      correlationId: 'c-mail',
    });
    const [file] = await readdir(outbox);
    expect(parseEml(await readFile(join(outbox, file ?? ''), 'utf8')).headers['x-correlation-id']).toBe(
      'c-mail',
    );
  });

  it('sends mail through SES when no outbox folder is set', async () => {
    const { SYNC_CONFIG: _path, ...rest } = env;
    const config = JSON.stringify({ ...(await exampleConfig()), notifications });

    expect((await buildSyncDeps({ ...rest, SYNC_CONFIG_JSON: config })).mailer).toBeInstanceOf(SesMailer);
  });

  it('fails at start-up, naming the variable, when a vendor credential is missing', async () => {
    const { REVEL_API_KEY: _key, ...rest } = env;

    await expect(buildSyncDeps(rest)).rejects.toMatchObject({ field: 'REVEL_API_KEY' });
  });

  it('fails at start-up, naming the variable, when the Revel URL is missing', async () => {
    const { REVEL_API_URL: _url, ...rest } = env;

    await expect(buildSyncDeps(rest)).rejects.toMatchObject({ field: 'REVEL_API_URL' });
  });

  it('writes its metrics as EMF lines in METRICS_NAMESPACE, marked as the sync service', async () => {
    const lines: string[] = [];
    const deps = await buildSyncDeps(
      { ...env, METRICS_NAMESPACE: 'TripleSeatRevelSync/dev' },
      { writeMetrics: (line) => lines.push(line) },
    );

    deps.metrics.count(MetricName.EventsInjected);
    deps.metrics.flush();

    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({
        _aws: expect.objectContaining({
          CloudWatchMetrics: [expect.objectContaining({ Namespace: 'TripleSeatRevelSync/dev' })],
        }),
        service: 'sync',
        EventsInjected: 1,
      }),
    ]);
  });

  it('keeps the failure streak on the ledger table, shared by every cold start', async () => {
    const first = await buildSyncDeps(env);
    const second = await buildSyncDeps(env);

    expect(first.failureStreak).toBeInstanceOf(DynamoDbLedger);
    await first.failureStreak.recordInjectionOutcome(false);
    await first.failureStreak.recordInjectionOutcome(true);
    expect(await second.failureStreak.recordInjectionOutcome(true)).toBe(2);
  });
});
