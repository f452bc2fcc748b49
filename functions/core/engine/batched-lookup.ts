import type { BatchedLookupSource } from '#functions/core/deps/batched-lookup-source';
import type { RevelOrder } from '#functions/core/domain/model';
import type { LedgerRecord } from '#functions/core/ports/ledger';

/**
 * How long a look-up made for many events at once (a bulk run, core/bulk/batched-lookups.ts) stands
 * in for one event's own look-up, by the engine clock. Older answers are asked again, per event.
 */
export const BATCHED_LOOKUP_FRESH_MS = 60_000;

/**
 * True when the ledger knows nothing of the event beyond a lease: no outcome, no progress, no
 * pending create. Only such an event may take a batch answer; any earlier attempt (a pending
 * create, a half-written or adopted order, an earlier outcome) is looked up on its own as before.
 */
export function hasNoLedgerHistory(record: LedgerRecord | null | undefined): boolean {
  if (!record) return true;
  const { progress } = record;
  return (
    record.status === 'new' &&
    progress.orderId === undefined &&
    progress.pending === undefined &&
    progress.establishmentId === undefined &&
    progress.itemsWritten === 0
  );
}

/**
 * The orders the batch found with one of `localIds` in `establishmentId`, or undefined when the event
 * must look itself up: no batch, ledger history, another establishment, or an answer not fresh.
 */
export async function batchedOrders(
  source: BatchedLookupSource | undefined,
  record: LedgerRecord | null,
  target: { establishmentId: number; localIds: readonly string[] },
  now: Date,
): Promise<RevelOrder[] | undefined> {
  if (!source || !hasNoLedgerHistory(record)) return undefined;
  const answer = await source();
  if (!answer || answer.establishmentId !== target.establishmentId) return undefined;
  const age = now.getTime() - answer.at.getTime();
  if (age < 0 || age > BATCHED_LOOKUP_FRESH_MS) return undefined;
  // Exact match on this event's own local_ids (and establishment), as the per-event look-up does.
  return answer.orders.filter(
    (o) =>
      o.localId !== undefined &&
      target.localIds.includes(o.localId) &&
      (o.establishmentId === undefined || o.establishmentId === target.establishmentId),
  );
}
