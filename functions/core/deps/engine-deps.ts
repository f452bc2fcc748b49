import type { SyncConfig } from '#functions/core/config/sync-config';
import type { SyncTrigger } from '#functions/core/contract/sync-trigger';
import type { Clock } from '#functions/core/ports/clock';
import type { Ledger } from '#functions/core/ports/ledger';
import type { Logger } from '#functions/core/ports/logger';
import type { RevelApi } from '#functions/core/ports/revel-api';
import type { TripleSeatApi } from '#functions/core/ports/tripleseat-api';
import type { BatchedLookupSource } from './batched-lookup-source';
import type { DriftDeps } from './drift-deps';
import type { SharedReadBack } from './shared-read-back';
import type { WriteBackDeps } from './write-back-deps';

/** What the engine (sync-event.ts and its steps) runs with; built by each entry point's composition root. */
export interface EngineDeps {
  config: SyncConfig;
  tripleseat: TripleSeatApi;
  revel: RevelApi;
  ledger: Ledger;
  clock: Clock;
  logger: Logger;
  /** Names this process as a lease holder (unique per invocation). */
  holderId: string;
  /**
   * Establishments whose Revel did not keep the totals sent with an Order create (seen by the
   * read-back), for the life of the warm process: their later orders plan the totals PATCH. One set
   * per container, made in the composition root like the Revel client's product cache.
   */
  totalsNotKeptOnCreate: Set<number>;
  /** Watches injected events for changes in TripleSeat (core/drift/); absent: not watched. */
  drift?: DriftDeps | undefined;
  /** The TripleSeat notes store and API (core/writeback/); written only with `writeBack.tripleseatNotes`. */
  writeBack?: WriteBackDeps | undefined;
}

export interface SyncEventOptions {
  correlationId: string;
  dryRun?: boolean;
  /**
   * `updated_at` seen in a search listing or carried by the webhook (queue message): lets the ledger
   * fast path notice a changed event, and lets the drift watch answer an unchanged one without a fetch.
   */
  knownUpdatedAt?: string | undefined;
  /** How this sync was started, recorded with the outcome in the attempt log. */
  trigger?: SyncTrigger | undefined;
  /**
   * Bulk runs: the duplicate look-up made for this event together with others (batched-lookup.ts);
   * used at step 7 only while fresh and only for an event without ledger history.
   */
  batchedLookup?: BatchedLookupSource | undefined;
  /**
   * A queue batch or bulk run: the written order is read back together with the batch's others
   * (core/order/batch-read-back.ts); absent: read alone.
   */
  readBack?: SharedReadBack | undefined;
}
