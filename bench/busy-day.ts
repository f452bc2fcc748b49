import { join } from 'node:path';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { SYNC_TIMEOUT_MS } from '#functions/core/bulk/run-deadline';
import { createLedgerTable } from '../dev/ledger-table';
import { startLocalDynamo } from '../dev/local-dynamodb';
import { buildLocalEnv } from '../dev/local-env';
import { scheduledEvent } from '../dev/local-scheduler';
import { startLocalSqs } from '../dev/local-sqs';
import { busiestSecond, startSandboxes } from '../dev/sandbox';
import { startSqsPoller } from '../dev/sqs-poller';
import { syncDefinition } from '../lib/function-definitions';
import { VISIBILITY_TIMEOUT_FACTOR } from '../lib/sync-queues';
import { buildBundle } from './cold-start';
import { BENCH_OUT_DIR, writeBenchSyncConfig } from './support/bench-sync-config';
import { type SyncChild, startSyncChild } from './support/sync-child';
import type { BenchRow } from './table';

const TEMPLATE_EVENT = '55521609';
const TABLE = 'bench-busy-day';
const QUEUE = 'bench-busy-day';
const REGION = 'us-east-1';
const SCHEDULE_GAP_S = 45 * 60;
/** A day that needs more scheduled runs than this is reported as not finished. */
const MAX_RUNS = 12;

export interface BusyDayOptions {
  events: number;
  eligible: number;
  latencyMs: number;
  tripleseatPerSecond: number;
  revelPerSecond: number;
  /** Sync instances consuming the queue at once (the event source's maximum concurrency). */
  consumers: number;
}

export async function benchBusyDay(options: BusyDayOptions): Promise<BenchRow[]> {
  const { events, eligible, latencyMs, tripleseatPerSecond, revelPerSecond, consumers } = options;
  const bundle = await buildBundle('sync', syncDefinition.entry, syncDefinition.awsSdk);
  const sandboxes = await startSandboxes({ tripleseatPerSecond });
  const dynamo = await startLocalDynamo();
  const sqs = await startLocalSqs({ region: REGION });
  const children: SyncChild[] = [];
  let poller: ReturnType<typeof startSqsPoller> | undefined;
  try {
    await createLedgerTable(dynamo.client, TABLE);
    // The deployed queue's visibility timeout (1,080 s), not fauxqs's 30 s: a message handed back or
    // redelivered waits as long as it would in AWS.
    const queueUrl = await sqs.createQueue(QUEUE, {
      dlq: `${QUEUE}-dlq`,
      visibilityTimeoutSeconds: (SYNC_TIMEOUT_MS / 1000) * VISIBILITY_TIMEOUT_FACTOR,
    });
    const template = sandboxes.tripleseat.event(TEMPLATE_EVENT);
    if (!template) throw new Error(`seed event ${TEMPLATE_EVENT} missing`);
    const cloneIds = Array.from({ length: eligible }, (_, i) => String(58_000_000 + i));
    for (const id of cloneIds)
      sandboxes.tripleseat.setEvent({ ...structuredClone(template), id: Number(id) });
    sandboxes.tripleseat.addFillerEvents(
      Math.max(0, events - eligible - sandboxes.seededEventIds.all.length),
    );
    for (const vendor of ['tripleseat', 'revel'] as const)
      sandboxes.faults.add({ vendor, path: /./, times: Infinity, action: { kind: 'delay', ms: latencyMs } });
    const configPath = writeBenchSyncConfig('busy-day', { tripleseatPerSecond, revelPerSecond });
    const env = {
      PATH: process.env.PATH ?? '',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // The local SQS takes any credentials; the SDK in the child wants some.
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      ...buildLocalEnv({
        env: { LOG_LEVEL: 'error' },
        vendorEnv: sandboxes.env,
        ledgerTable: TABLE,
        dynamoEndpoint: dynamo.endpoint,
        queueUrl,
        sqsEndpoint: sqs.endpoint,
        region: REGION,
        syncConfigPath: configPath,
        outboxDir: join(BENCH_OUT_DIR, 'busy-day-outbox'),
      }),
    };
    // One instance for the schedule, `consumers` for the queue: Lambda never runs two invocations in one.
    for (let i = 0; i <= consumers; i++) children.push(startSyncChild(bundle.path, env));
    await Promise.all(children.map((c) => c.ready()));
    const [scheduler, ...instances] = children;
    if (!scheduler) throw new Error('no sync child');
    const idle = [...instances];
    let inFlight = 0;
    let messagesHandled = 0;
    poller = startSqsPoller({
      client: sqs.client,
      queueUrl,
      region: REGION,
      batchSize: 10,
      waitTimeSeconds: 1,
      concurrency: consumers,
      onBatch: (report) => {
        messagesHandled += report.received;
      },
      handler: async (event: SQSEvent) => {
        const instance = idle.pop();
        if (!instance) throw new Error('more batches than sync instances');
        inFlight += 1;
        try {
          return (await instance.invoke(event, SYNC_TIMEOUT_MS)).result;
        } finally {
          inFlight -= 1;
          idle.push(instance);
        }
      },
    });
    const queued = async () => {
      const { Attributes = {} } = await sqs.client.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return (
        Number(Attributes.ApproximateNumberOfMessages) +
        Number(Attributes.ApproximateNumberOfMessagesNotVisible)
      );
    };
    const injected = () =>
      new Set(
        sandboxes.revel
          .orders()
          .map((o) => String(o.local_id))
          .filter((localId) => cloneIds.some((id) => localId.endsWith(`_${id}`))),
      ).size;

    const runs: { seconds: number; injectedAfter: number }[] = [];
    while (runs.length < MAX_RUNS) {
      const started = performance.now();
      await scheduler.invoke(
        scheduledEvent({ ruleName: 'bench', region: REGION, accountId: '000000000000', time: new Date() }),
        SYNC_TIMEOUT_MS,
      );
      // Whatever the run sent to the queue is worked off before the next run is due.
      while ((await queued()) > 0 || inFlight > 0) await new Promise((r) => setTimeout(r, 200));
      runs.push({ seconds: (performance.now() - started) / 1000, injectedAfter: injected() });
      if (injected() >= eligible) break;
    }
    const revel = sandboxes.revel.requestLog();
    const tripleseat = sandboxes.tripleseat.requestLog();
    const floor = Math.max(revel.length / revelPerSecond, tripleseat.length / tripleseatPerSecond);
    const last = runs.at(-1);
    const finished = injected() >= eligible;
    const toAll = (runs.length - 1) * SCHEDULE_GAP_S + (last?.seconds ?? 0);
    const tooMany = [...revel, ...tripleseat].filter((r) => r.status === 429).length;
    const perRun = runs.map((r) => `${r.injectedAfter} after ${r.seconds.toFixed(0)} s`).join(', ');
    // The design in the code: a scheduled run that fans out leaves its events to the queue.
    const design = messagesHandled > 0 ? 'queue' : 'inline';
    return [
      {
        what: `busy day (${design === 'queue' ? 'fan-out through the queue' : 'inline scheduled runs'}, deadline ${SYNC_TIMEOUT_MS / 1000} s, rule every 45 min): ${events} events listed, ${eligible} eligible clones, sandboxes +${latencyMs} ms per call, TripleSeat ${tripleseatPerSecond}/s, Revel ${revelPerSecond}/s`,
        aLabel: 'floor (requests ÷ allowed rate, binding vendor)',
        a: floor,
        bLabel: finished ? 'time to all injected' : `not all injected after ${runs.length} runs`,
        b: toAll,
        unit: 's',
        note: `${runs.length} scheduled run(s)${design === 'queue' ? `, ${messagesHandled} queue messages through ${consumers} sync instances` : ''}: injected ${perRun} (target within 1.2× of the floor); ${revel.length} Revel + ${tripleseat.length} TripleSeat requests; ${tooMany} 429s; busiest second Revel ${busiestSecond(revel).requests}, TripleSeat ${busiestSecond(tripleseat).requests}; the 45-minute gaps are counted, not waited`,
      },
    ];
  } finally {
    await poller?.stop();
    for (const child of children) child.stop();
    await sandboxes.close();
    await dynamo.close();
    await sqs.close();
  }
}
