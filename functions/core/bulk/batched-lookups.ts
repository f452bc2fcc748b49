import type { BatchedLookup, BatchedLookupSource } from '#functions/core/deps/batched-lookup-source';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { describeError } from '#functions/core/domain/errors';
import type { RevelOrder, TripleSeatEvent } from '#functions/core/domain/model';
import { hasNoLedgerHistory } from '#functions/core/engine/batched-lookup';
import { checkEligibility } from '#functions/core/engine/eligibility';
import { localIdsFor } from '#functions/core/order/local-id';

/**
 * At most this many local_ids in one `local_id__in` look-up: ~25 characters each once encoded, the
 * URL stays near 1 KB, far below what proxies refuse.
 */
export const MAX_LOCAL_IDS_PER_LOOKUP = 40;
/**
 * At most this many events per look-up, so the batch answer is still fresh (BATCHED_LOOKUP_FRESH_MS,
 * core/engine/batched-lookup.ts) when the chunk's last event reaches its duplicate check: 20 new
 * orders of a few lines are well under a minute of requests at Revel's pace.
 */
export const MAX_EVENTS_PER_LOOKUP = 20;
const LEDGER_READS_AT_ONCE = 10;

/** Events per look-up when each carries `formats` local_ids (current + legacy formats). */
export function eventsPerLookup(formats: number): number {
  return Math.max(1, Math.min(MAX_EVENTS_PER_LOOKUP, Math.floor(MAX_LOCAL_IDS_PER_LOOKUP / formats)));
}

/**
 * A bulk run's duplicate look-ups, one `local_id__in` request per establishment and chunk of
 * events instead of one per event. Candidates are the listed events that are eligible by their
 * listing and unknown to the ledger (an injected, half-written or earlier-judged event is looked up
 * on its own, as before). Chunks follow the run's order; a chunk asks Revel only when its first
 * event reaches the duplicate check, so the answer is young when its events use it. A failed
 * look-up gives no answer, and each event then asks on its own.
 */
export async function planBatchedLookups(
  events: readonly TripleSeatEvent[],
  deps: EngineDeps,
): Promise<Map<string, BatchedLookupSource>> {
  const now = deps.clock.now();
  const eligible = events.flatMap((event) => {
    const verdict = checkEligibility(event, deps.config, now);
    if (!verdict.eligible) return [];
    const revel = deps.config.connector.testLocation ?? verdict.location.revel;
    return [{ eventId: event.id, establishmentId: revel.establishmentId }];
  });
  const unknown: boolean[] = [];
  for (let i = 0; i < eligible.length; i += LEDGER_READS_AT_ONCE) {
    const reads = eligible.slice(i, i + LEDGER_READS_AT_ONCE).map((e) => deps.ledger.get(e.eventId));
    unknown.push(...(await Promise.all(reads)).map(hasNoLedgerHistory));
  }
  const byEstablishment = new Map<number, string[]>();
  eligible.forEach(({ eventId, establishmentId }, i) => {
    if (!unknown[i]) return;
    byEstablishment.set(establishmentId, [...(byEstablishment.get(establishmentId) ?? []), eventId]);
  });
  return lookupSources(byEstablishment, deps);
}

/** One lazy `local_id__in` look-up per establishment and chunk of its events, by event id. */
export function lookupSources(
  byEstablishment: ReadonlyMap<number, readonly string[]>,
  deps: EngineDeps,
): Map<string, BatchedLookupSource> {
  const sources = new Map<string, BatchedLookupSource>();
  const formats = localIdsFor(deps.config.revel, '0').all.length;
  const size = eventsPerLookup(formats);
  for (const [establishmentId, eventIds] of byEstablishment) {
    for (let i = 0; i < eventIds.length; i += size) {
      const chunk = eventIds.slice(i, i + size);
      const source = lazyLookup(establishmentId, chunk, deps);
      for (const eventId of chunk) sources.set(eventId, source);
    }
  }
  return sources;
}

function lazyLookup(
  establishmentId: number,
  eventIds: readonly string[],
  deps: EngineDeps,
): BatchedLookupSource {
  let answer: Promise<BatchedLookup | undefined> | undefined;
  return () => {
    answer ??= lookUp(establishmentId, eventIds, deps);
    return answer;
  };
}

async function lookUp(
  establishmentId: number,
  eventIds: readonly string[],
  deps: EngineDeps,
): Promise<BatchedLookup | undefined> {
  const at = deps.clock.now();
  const localIds = eventIds.flatMap((id) => localIdsFor(deps.config.revel, id).all);
  let orders: RevelOrder[];
  try {
    orders = await deps.revel.findOrdersByLocalId(establishmentId, localIds);
  } catch (e: unknown) {
    deps.logger.warn('batched duplicate look-up failed; each event looks itself up', {
      establishment_id: establishmentId,
      events: eventIds.length,
      error: describeError(e),
    });
    return undefined;
  }
  return { establishmentId, orders, at };
}
