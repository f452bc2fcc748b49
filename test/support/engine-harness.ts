import { DateTime } from 'luxon';
import type { SyncConfig } from '#functions/core/config/sync-config';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import type { Clock } from '#functions/core/ports/clock';
import { DynamoDbLedger } from '#functions/platform/ledger-dynamodb';
import { loadSyncConfigFile } from '#functions/platform/sync-config-file';
import { DynamoDbWriteBackLog } from '#functions/platform/write-back-log-dynamodb';
import { RevelClient } from '#functions/revel/client';
import { createVendorClients } from '#functions/sync/build-vendor-clients';
import { type Sandboxes, startSandboxes } from '../../dev/sandbox';
import { parseVendorEnv } from '../../dev/vendor-env';
import { type LedgerTable, startLedgerTable } from './dynalite';
import { silentLogger } from './silent-logger';

export interface EngineHarness {
  sandboxes: Sandboxes;
  table: LedgerTable;
  ledger: DynamoDbLedger;
  config: SyncConfig;
  /** The harness's frozen "now" (the sandboxes' seed day); move an engine's clock from it by hand. */
  instant: Date;
  /**
   * Fresh real clients (own token cache and rate limiters) over the same sandboxes and ledger.
   * `revelTimeoutMs` shortens the Revel client's request timeout, so a delayed answer is lost.
   */
  deps(overrides?: {
    holderId?: string;
    config?: SyncConfig;
    clock?: Clock;
    revelTimeoutMs?: number;
  }): EngineDeps;
  /** Revel requests as "METHOD /path" (ids as `<id>`), in the order sent, from the `from`-th on. */
  revelRequests(from?: number): string[];
  close(): Promise<void>;
}

/**
 * The real engine wiring — HTTP clients, DynamoDB ledger — against the vendor sandboxes and dynalite.
 * One frozen instant serves as "now" for the sandboxes' seed and the engine, so a run near midnight
 * cannot see two different days.
 */
export async function startEngineHarness(
  options: {
    revelPerSecond?: number;
    /**
     * The engine's clock this many days after the sandboxes' seed instant (same wall time in the
     * sandbox locations' zone): 1 makes the events seeded for tomorrow (55521612) today's events.
     */
    engineDaysAhead?: number;
  } = {},
): Promise<EngineHarness> {
  // HARNESS_NOW (an ISO instant) replays a run at a chosen time of day, e.g. just before midnight.
  const instant = process.env.HARNESS_NOW ? new Date(process.env.HARNESS_NOW) : new Date();
  const engineNow = DateTime.fromJSDate(instant)
    .setZone('America/Los_Angeles')
    .plus({ days: options.engineDaysAhead ?? 0 })
    .toJSDate();
  const sandboxes = await startSandboxes({ now: () => instant });
  const table = await startLedgerTable();
  const ledger = new DynamoDbLedger({ client: table.client, tableName: table.tableName });
  const base = loadSyncConfigFile('config/sync.example.json');
  // The sandboxes are local: a faster Revel pace keeps the suite quick; the 429 tests set their own.
  const config: SyncConfig = {
    ...base,
    rateLimits: { ...base.rateLimits, revelPerSecond: options.revelPerSecond ?? 50 },
  };
  let holder = 0;
  const writeBackLog = new DynamoDbWriteBackLog({ client: table.client, tableName: table.tableName });
  return {
    sandboxes,
    table,
    ledger,
    config,
    instant,
    deps: (overrides = {}) => {
      const cfg = overrides.config ?? config;
      const env = parseVendorEnv(sandboxes.env);
      const clients = createVendorClients(env, cfg);
      const { revelTimeoutMs } = overrides;
      return {
        config: cfg,
        ...clients,
        ...(revelTimeoutMs !== undefined && {
          revel: new RevelClient({
            apiUrl: env.REVEL_API_URL,
            apiKey: env.REVEL_API_KEY,
            apiSecret: env.REVEL_API_SECRET,
            perSecond: cfg.rateLimits.revelPerSecond,
            retryPolicy: { timeoutMs: revelTimeoutMs },
          }),
        }),
        ledger,
        clock: overrides.clock ?? { now: () => engineNow },
        logger: silentLogger,
        holderId: overrides.holderId ?? `test-${++holder}`,
        // One warm process per call: what it learns about Revel lasts as long as these deps.
        totalsNotKeptOnCreate: new Set<number>(),
        writeBack: { notes: clients.tripleseat, log: writeBackLog },
      };
    },
    revelRequests: (from = 0) =>
      sandboxes.revel
        .requestLog()
        .slice(from)
        .map((r) => `${r.method} ${r.path.replace(/\/\d+\/$/, '/<id>/')}`),
    close: async () => {
      await sandboxes.close();
      await table.close();
    },
  };
}
