import type { RunEventMessage } from '#functions/core/contract/queue-message';
import type { BatchedLookupSource } from '#functions/core/deps/batched-lookup-source';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { BATCHED_LOOKUP_FRESH_MS } from '#functions/core/engine/batched-lookup';
import { lookupSources } from './batched-lookups';

/**
 * A carried answer older than this when its queue batch starts is asked again: the batch's later
 * records reach their duplicate check up to ~30 s after its first (lib/sync-queues.ts).
 */
export const REFRESH_LOOKUP_AFTER_MS = BATCHED_LOOKUP_FRESH_MS / 2;

/**
 * The run events of one queue batch whose carried duplicate look-up (planning's) is too old to use
 * are looked up again together: one `local_id__in` request per establishment and chunk, made when
 * the first of them reaches its check — rather than one look-up per event. Events on a busy day
 * reach the queue minutes after planning. As with planning's answer, an event with any ledger
 * history, or whose answer has aged past BATCHED_LOOKUP_FRESH_MS, still looks itself up.
 */
export function refreshedLookups(
  messages: readonly RunEventMessage[],
  deps: EngineDeps,
): Map<string, BatchedLookupSource> {
  const now = deps.clock.now().getTime();
  const byEstablishment = new Map<number, string[]>();
  for (const { eventId, lookup } of messages) {
    if (lookup === undefined || now - Date.parse(lookup.at) <= REFRESH_LOOKUP_AFTER_MS) continue;
    byEstablishment.set(lookup.establishmentId, [
      ...(byEstablishment.get(lookup.establishmentId) ?? []),
      eventId,
    ]);
  }
  return lookupSources(byEstablishment, deps);
}
