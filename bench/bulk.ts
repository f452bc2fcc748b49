// A bulk run as the scheduled sync makes it: 500 events in the window, the sandboxes adding a fixed
// latency per call, the deployed rate limits (TripleSeat 10 req/s, Revel 5 req/s). Wall time against the
// floor the limits allow, 429s, Revel requests per new order and per already-injected event, peak RSS.
import { performance } from 'node:perf_hooks';
import { busiestSecond, type RequestLogEntry, startSandboxes } from '../dev/sandbox';
import { parseVendorEnv } from '../dev/vendor-env';
import { syncRecent } from '../functions/core/bulk/sync-recent';
import { DynamoDbLedger } from '../functions/platform/ledger-dynamodb';
import { loadSyncConfigFile } from '../functions/platform/sync-config-file';
import { createVendorClients } from '../functions/sync/build-vendor-clients';
import { startLedgerTable } from '../test/support/dynalite';
import { silentLogger } from '../test/support/silent-logger';
import type { BenchRow } from './table';

const TEMPLATE_EVENT = '55521609';
const MB = 1024 * 1024;

export interface BulkOptions {
  events: number;
  eligible: number;
  latencyMs: number;
  tripleseatPerSecond: number;
  revelPerSecond: number;
}

const count = (log: readonly RequestLogEntry[], method: string, path: RegExp) =>
  log.filter((r) => r.method === method && path.test(r.path)).length;

export async function benchBulk(options: BulkOptions): Promise<BenchRow[]> {
  const { events, eligible, latencyMs, tripleseatPerSecond, revelPerSecond } = options;
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const instant = new Date();
  const sandboxes = await startSandboxes({ now: () => instant, tripleseatPerSecond });
  const table = await startLedgerTable('bench-ledger');
  try {
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
    const base = loadSyncConfigFile('config/sync.example.json');
    const config = { ...base, rateLimits: { ...base.rateLimits, tripleseatPerSecond, revelPerSecond } };
    const deps = {
      config,
      ...createVendorClients(parseVendorEnv(sandboxes.env), config),
      ledger: new DynamoDbLedger({ client: table.client, tableName: table.tableName }),
      clock: { now: () => instant },
      logger: silentLogger,
      holderId: 'bench',
      totalsNotKeptOnCreate: new Set<number>(),
    };

    const started = performance.now();
    const results = await syncRecent(deps, { hoursBack: 48, correlationId: 'bench' });
    const seconds = (performance.now() - started) / 1000;
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

    // The same window again: every eligible event is now already injected and unchanged.
    const again = await syncRecent(deps, { hoursBack: 48, correlationId: 'bench-again' });
    const revelAgain = sandboxes.revel.requestLog().slice(revel.length);
    const tripleseatAgain = sandboxes.tripleseat.requestLog().slice(tripleseat.length);
    const injectedIds = new Set(results.filter((r) => r.status === 'injected').map((r) => r.id));
    const skipped = again.filter((r) => injectedIds.has(r.id) && r.reason === 'DUPLICATE').length;
    // Requests naming an event this run injected (its local_id, its event fetch); the rest of the pass
    // is the listing and the events that did not inject (a failed one is tried again every run).
    const naming = (log: readonly RequestLogEntry[]) =>
      log.filter((r) => [...injectedIds].some((id) => `${r.path}${r.query}`.includes(id))).length;
    const all = sandboxes.tripleseat.requestLog();
    const tooMany =
      all.filter((r) => r.status === 429).length +
      sandboxes.revel.requestLog().filter((r) => r.status === 429).length;
    return [
      {
        what: `bulk: ${results.length} events listed, ${injected} injected, sandboxes +${latencyMs} ms per call, TripleSeat ${tripleseatPerSecond}/s, Revel ${revelPerSecond}/s`,
        aLabel: 'floor (requests ÷ allowed rate, binding vendor)',
        a: floor,
        bLabel: 'wall time',
        b: seconds,
        unit: 's',
        note: `${revel.length} Revel + ${tripleseat.length} TripleSeat requests; floor with the vendors one after the other ${sequentialFloor.toFixed(1)} s; ${tooMany} 429s; busiest second Revel ${busiestSecond(revel).requests}, TripleSeat ${busiestSecond(tripleseat).requests} (target ≤ 1.2× floor, 0 429s)`,
      },
      {
        what: `bulk: Revel requests per new ${lines.toFixed(0)}-line order (catalogue read included) vs per already-injected event`,
        aLabel: 'new order',
        a: revelPerOrder,
        bLabel: 'already injected',
        b: naming(revelAgain) / Math.max(skipped, 1),
        unit: 'req',
        note: `new order = lines + ${(revelPerOrder - lines).toFixed(1)}: writes ${perOrder(writes)} (lines + ${(writes / Math.max(injected, 1) - lines).toFixed(2)}), batched duplicate look-ups ${perOrder(lookUps)}, catalogue ${perOrder(catalogue)}, read-back ${perOrder(readBack)} (target ≤ lines + 2 before the money steps and the read-back); second pass: ${skipped} of them skipped DUPLICATE; requests naming them: ${naming(revelAgain)} Revel, ${naming(tripleseatAgain)} TripleSeat (target 0 Revel, no per-event fetch); whole pass ${revelAgain.length} Revel, ${tripleseatAgain.length} TripleSeat`,
      },
      {
        what: 'bulk: process RSS',
        aLabel: 'before the run',
        a: rssBefore / MB,
        bLabel: 'peak during both passes',
        b: peakRss / MB,
        unit: 'MB',
        note: 'target: peak < 256 MB',
      },
    ];
  } finally {
    clearInterval(sampler);
    await sandboxes.close();
    await table.close();
  }
}
