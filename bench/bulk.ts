import { join } from 'node:path';
import * as z from 'zod';
import { SYNC_TIMEOUT_MS } from '#functions/core/bulk/run-deadline';
import { DynamoDbLedger } from '#functions/platform/ledger-dynamodb';
import { createLedgerTable } from '../dev/ledger-table';
import { localDefaults } from '../dev/local-defaults';
import { startLocalDynamo } from '../dev/local-dynamodb';
import { buildLocalEnv } from '../dev/local-env';
import { scheduledEvent } from '../dev/local-scheduler';
import { busiestSecond, type RequestLogEntry, startSandboxes } from '../dev/sandbox';
import { syncDefinition } from '../lib/function-definitions';
import { buildBundle } from './cold-start';
import { BENCH_OUT_DIR, writeBenchSyncConfig } from './support/bench-sync-config';
import { type SyncChild, startSyncChild } from './support/sync-child';
import type { BenchRow } from './table';

const TEMPLATE_EVENT = '55521609';
const MB = 1024 * 1024;
const TABLE = 'bench-ledger';
const REGION = 'us-east-1';

export interface BulkOptions {
  events: number;
  eligible: number;
  latencyMs: number;
  tripleseatPerSecond: number;
  revelPerSecond: number;
}

const count = (log: readonly RequestLogEntry[], method: string, path: RegExp) =>
  log.filter((r) => r.method === method && path.test(r.path)).length;

const runEvents = z.object({
  summary: z.object({
    events: z.array(z.object({ id: z.string(), status: z.string(), reason: z.string().nullable() })),
  }),
});

const scheduledRunResult = z.object({ status: z.string(), runId: z.string() });

/** One EventBridge invocation of the child, with the Lambda's timeout (its deadline) as in AWS. */
async function scheduledRun(child: SyncChild) {
  const event = scheduledEvent({
    ruleName: 'bench',
    region: REGION,
    accountId: '000000000000',
    time: new Date(),
  });
  const run = await child.invoke(event, SYNC_TIMEOUT_MS);
  const parsed = scheduledRunResult.safeParse(run.result);
  if (!parsed.success) throw new Error(`scheduled run did not finish: ${JSON.stringify(run.result)}`);
  return { runId: parsed.data.runId, seconds: run.seconds, peakRss: run.peakRss };
}

export async function benchBulk(options: BulkOptions): Promise<BenchRow[]> {
  const { events, eligible, latencyMs, tripleseatPerSecond, revelPerSecond } = options;
  const bundle = await buildBundle('sync', syncDefinition.entry, syncDefinition.awsSdk);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const sandboxes = await startSandboxes({ tripleseatPerSecond });
  const dynamo = await startLocalDynamo();
  let child: SyncChild | undefined;
  try {
    await createLedgerTable(dynamo.client, TABLE);
    const template = sandboxes.tripleseat.event(TEMPLATE_EVENT);
    if (!template) throw new Error(`seed event ${TEMPLATE_EVENT} missing`);
    for (let i = 0; i < eligible; i++)
      sandboxes.tripleseat.setEvent({ ...structuredClone(template), id: 57_000_000 + i });
    sandboxes.tripleseat.addFillerEvents(
      Math.max(0, events - eligible - sandboxes.seededEventIds.all.length),
    );
    for (const vendor of ['tripleseat', 'revel'] as const) {
      sandboxes.faults.add({ vendor, path: /./, times: Infinity, action: { kind: 'delay', ms: latencyMs } });
    }
    const configPath = writeBenchSyncConfig('bulk', { tripleseatPerSecond, revelPerSecond });
    // The env the local runtime gives the sync handler (dev/local-env.ts): credentials from variables
    // (no SECRET_ARN), the pace shared through the ledger table as in AWS. A scheduled run never
    // calls SQS, so the queue's addresses lead nowhere.
    const nowhere = 'http://127.0.0.1:9';
    child = startSyncChild(bundle.path, {
      PATH: process.env.PATH ?? '',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...buildLocalEnv({
        env: { LOG_LEVEL: 'error' },
        vendorEnv: sandboxes.env,
        ledgerTable: TABLE,
        dynamoEndpoint: dynamo.endpoint,
        queueUrl: `${nowhere}/000000000000/${localDefaults.queueName}`,
        sqsEndpoint: nowhere,
        region: REGION,
        syncConfigPath: configPath,
        outboxDir: join(BENCH_OUT_DIR, 'outbox'),
      }),
    });
    const rssAfterInit = await child.ready();
    const ledger = new DynamoDbLedger({ client: dynamo.client, tableName: TABLE });
    const eventsOf = async (runId: string) => runEvents.parse(await ledger.getRun(runId)).summary.events;

    const first = await scheduledRun(child);
    const results = await eventsOf(first.runId);
    const revel = sandboxes.revel.requestLog().slice();
    const tripleseat = sandboxes.tripleseat.requestLog().slice();
    const injected = results.filter((r) => r.status === 'injected').length;
    const lines = count(revel, 'POST', /OrderItem/) / Math.max(injected, 1);
    const revelPerOrder = revel.length / Math.max(injected, 1);
    // Split as the issue counts them: the writes and look-ups before the money steps, then the read-back.
    const perOrder = (n: number) => (n / Math.max(injected, 1)).toFixed(2);
    const writes = revel.filter((r) => r.method !== 'GET').length;
    const lookUps = revel.filter((r) => r.method === 'GET' && r.query.includes('local_id')).length;
    const catalogue = revel.filter((r) => r.method === 'GET' && /\/Product\//.test(r.path)).length;
    const readBack = revel.filter((r) => r.method === 'GET').length - lookUps - catalogue;
    const floor = Math.max(revel.length / revelPerSecond, tripleseat.length / tripleseatPerSecond);
    const sequentialFloor = revel.length / revelPerSecond + tripleseat.length / tripleseatPerSecond;

    // The next scheduled run over the same window: every eligible event is now already injected.
    const second = await scheduledRun(child);
    const again = await eventsOf(second.runId);
    const revelAgain = sandboxes.revel.requestLog().slice(revel.length);
    const tripleseatAgain = sandboxes.tripleseat.requestLog().slice(tripleseat.length);
    const injectedIds = new Set(results.filter((r) => r.status === 'injected').map((r) => r.id));
    const skipped = again.filter((r) => injectedIds.has(r.id) && r.reason === 'DUPLICATE').length;
    // Requests naming an event this run injected (its local_id, its event fetch); the rest of the pass
    // is the listing and the events that did not inject (a failed one is tried again every run).
    const naming = (log: readonly RequestLogEntry[]) =>
      log.filter((r) => [...injectedIds].some((id) => `${r.path}${r.query}`.includes(id))).length;
    const tooMany =
      sandboxes.tripleseat.requestLog().filter((r) => r.status === 429).length +
      sandboxes.revel.requestLog().filter((r) => r.status === 429).length;
    return [
      {
        what: `bulk (sync bundle in a child, scheduled event): ${results.length} events listed, ${injected} injected, sandboxes +${latencyMs} ms per call, TripleSeat ${tripleseatPerSecond}/s, Revel ${revelPerSecond}/s`,
        aLabel: 'floor (requests ÷ allowed rate, binding vendor)',
        a: floor,
        bLabel: 'wall time',
        b: first.seconds,
        unit: 's',
        note: `${revel.length} Revel + ${tripleseat.length} TripleSeat requests; floor with the vendors one after the other ${sequentialFloor.toFixed(1)} s; ${tooMany} 429s (both passes); busiest second Revel ${busiestSecond(revel).requests}, TripleSeat ${busiestSecond(tripleseat).requests}; the pacers run at ~95 % of the rates (a 50 ms margin per rolling second), shared through the ledger table as in AWS (target ≤ 1.2× floor, 0 429s)`,
      },
      {
        what: `bulk: Revel requests per new ${lines.toFixed(0)}-line order (catalogue read included) vs per already-injected event`,
        aLabel: 'new order',
        a: revelPerOrder,
        bLabel: 'already injected',
        b: naming(revelAgain) / Math.max(skipped, 1),
        unit: 'req',
        note: `new order = lines + ${(revelPerOrder - lines).toFixed(1)}: writes ${perOrder(writes)} (lines + ${(writes / Math.max(injected, 1) - lines).toFixed(2)}), batched duplicate look-ups ${perOrder(lookUps)}, catalogue ${perOrder(catalogue)}, read-back ${perOrder(readBack)} (target ≤ lines + 2 before the money steps and the read-back); second pass: ${skipped} of them skipped DUPLICATE; requests naming them: ${naming(revelAgain)} Revel, ${naming(tripleseatAgain)} TripleSeat (target 0 Revel, no per-event fetch); whole pass ${revelAgain.length} Revel, ${tripleseatAgain.length} TripleSeat in ${second.seconds.toFixed(1)} s`,
      },
      {
        what: 'bulk: peak RSS during both passes, this process (tsx, sandboxes with 500 events, dynalite) vs the sync (its bundle alone in a child process)',
        aLabel: 'bench process',
        a: peakRss / MB,
        bLabel: 'sync child',
        b: second.peakRss / MB,
        unit: 'MB',
        note: `the sync child after its import, before the first run: ${(rssAfterInit / MB).toFixed(0)} MB; after the first pass: ${(first.peakRss / MB).toFixed(0)} MB (target: the sync's peak < 256 MB)`,
      },
    ];
  } finally {
    clearInterval(sampler);
    child?.stop();
    await sandboxes.close();
    await dynamo.close();
  }
}
