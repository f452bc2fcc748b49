import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSyncDeps } from '#functions/sync/build-sync-deps';
import { createSyncHandler } from '#functions/sync/handler';
import { createLedgerTable } from '../../../dev/ledger-table';
import { type LocalDynamo, startLocalDynamo } from '../../../dev/local-dynamodb';
import { scheduledEvent } from '../../../dev/local-scheduler';
import { type LocalSqs, startLocalSqs } from '../../../dev/local-sqs';
import { requestsPerSecond, type Sandboxes, startSandboxes } from '../../../dev/sandbox';
import {
  eventMessage,
  httpEvent,
  SYNC_API_TOKEN,
  sqsEvent,
  sqsRecord,
} from '../../support/fake-sync-handler-deps';

let dynamo: LocalDynamo;
let sqs: LocalSqs;
let sandboxes: Sandboxes;
let env: Record<string, string>;
let revelPerSecond: number;
let tripleseatPerSecond: number;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  sqs = await startLocalSqs();
  sandboxes = await startSandboxes();
  await createLedgerTable(dynamo.client, 'rate-ledger');
  const config = JSON.parse(await readFile('config/sync.example.json', 'utf8'));
  ({ revelPerSecond, tripleseatPerSecond } = config.rateLimits);
  env = {
    LEDGER_TABLE: 'rate-ledger',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    QUEUE_URL: await sqs.createQueue('rate-limits', { dlq: 'rate-limits-dlq' }),
    SQS_ENDPOINT: sqs.endpoint,
    SYNC_CONFIG_JSON: JSON.stringify(config),
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
});

/** A sync Lambda instance of its own: own cold start, own vendor clients, the shared ledger table. */
const newInstance = () => createSyncHandler(() => buildSyncDeps(env, { writeMetrics: () => {} }));

const busiest = (counts: Map<number, number>) => Math.max(0, ...counts.values());

describe('vendor rate limits across sync instances', () => {
  it('keeps Revel and TripleSeat within their configured requests per second while four instances sync at once', async () => {
    const [eventA, eventB, eventC] = sandboxes.seededEventIds.eligible;
    if (!eventA || !eventB || !eventC) throw new Error('the sandbox seeds three eligible events');
    const queuePollerA = newInstance();
    const queuePollerB = newInstance();
    const manual = newInstance();
    const schedule = newInstance();

    // Two queue pollers, the manual route and the schedule: every way in, at the same moment.
    const [batchA, batchB, answer] = await Promise.all([
      queuePollerA(sqsEvent(sqsRecord(eventMessage(eventA), { messageId: 'a' })), {
        awsRequestId: 'queue-a',
      }),
      queuePollerB(sqsEvent(sqsRecord(eventMessage(eventB), { messageId: 'b' })), {
        awsRequestId: 'queue-b',
      }),
      manual(httpEvent({ query: `event_id=${eventC}` }), { awsRequestId: 'manual' }),
      schedule(scheduledEvent({ ruleName: 'sync', region: 'us-east-1', accountId: '0', time: new Date() }), {
        awsRequestId: 'schedule',
      }),
    ]);

    // The work was done: each event has its one order (whoever got its lease first); the schedule
    // also injects today's other events (the money events), each once.
    expect(answer.statusCode).toBe(200);
    const orders = sandboxes.revel.orders().filter((o) => String(o.local_id).startsWith('Triple Seat_'));
    const localIds = orders.map((o) => String(o.local_id));
    for (const id of [eventA, eventB, eventC]) expect(localIds).toContain(`Triple Seat_${id}`);
    expect(new Set(localIds).size).toBe(localIds.length);
    expect(batchA.batchItemFailures.length + batchB.batchItemFailures.length).toBeLessThanOrEqual(2);

    // Counted by the sandboxes' own arrival times, one whole second at a time.
    const revel = sandboxes.revel.requestLog();
    const tripleseat = sandboxes.tripleseat.requestLog();
    expect(revel.length).toBeGreaterThan(3 * revelPerSecond);
    expect(busiest(requestsPerSecond(revel))).toBeLessThanOrEqual(revelPerSecond);
    expect(busiest(requestsPerSecond(tripleseat))).toBeLessThanOrEqual(tripleseatPerSecond);
    expect(tripleseat.filter((r) => r.status === 429)).toEqual([]);
  }, 60_000);
});
