import { DateTime } from 'luxon';
import { mapSharingReadBack } from '#functions/core/concurrency/map-sharing-read-back';
import type { SyncTrigger } from '#functions/core/contract/sync-trigger';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import type { EventSearch, TripleSeatEvent } from '#functions/core/domain/model';
import { SkipReason } from '#functions/core/domain/reasons';
import { sameSave } from '#functions/core/domain/updated-at';
import { checkEligibility } from '#functions/core/engine/eligibility';
import type { EventResult } from '#functions/core/engine/results';
import { syncEvent } from '#functions/core/engine/sync-event';
import { BatchReadBack } from '#functions/core/order/batch-read-back';
import { planBatchedLookups } from './batched-lookups';

export interface SyncRecentOptions {
  hoursBack: number;
  correlationId: string;
  dryRun?: boolean;
  /** How the run was started, recorded with each event's outcome. */
  trigger?: SyncTrigger | undefined;
  /** Called after each event, e.g. to publish progress of a long manual run. */
  onResult?: (result: EventResult) => void | Promise<void>;
  /** Asked before each event is started (those in flight always finish), e.g. the Lambda's deadline. */
  shouldStop?: (() => boolean) | undefined;
}

export interface RecentSync {
  /** One per event started, in event id order. */
  results: EventResult[];
  /** Events found but never started because `shouldStop` said so: neither synced nor reported. */
  notStarted: number;
}

/** Every event, however long it takes (the CLI, the bench); a caller with a deadline uses `syncRecentUntilStopped`. */
export async function syncRecent(
  deps: EngineDeps,
  options: Omit<SyncRecentOptions, 'shouldStop'>,
): Promise<EventResult[]> {
  return (await syncRecentUntilStopped(deps, options)).results;
}

/**
 * Bulk reconciliation: every event dated today (by each location's calendar) ∪ every event updated
 * within `hoursBack`, each through `syncEvent` with bounded concurrency, the orders written read back
 * together (core/order/batch-read-back.ts). The clients' rate limiters
 * pace the calls, so a large run does not set off a 429 storm. New events' duplicate look-ups are
 * made in batches, one request per establishment and chunk of events (batched-lookups.ts).
 */
export async function syncRecentUntilStopped(
  deps: EngineDeps,
  options: SyncRecentOptions,
): Promise<RecentSync> {
  const events = await listRecentEvents(deps, options.hoursBack);
  const lookups = await planBatchedLookups(events, deps);
  const readBack = new BatchReadBack(deps.revel, deps.logger);
  const concurrency = deps.config.sync.concurrency;
  return mapSharingReadBack(events, concurrency, readBack, options.shouldStop, async (listed, shared) => {
    const result =
      (await judgeFromListing(listed, deps)) ??
      (await syncEvent(listed.id, deps, {
        correlationId: options.correlationId,
        ...(options.dryRun !== undefined ? { dryRun: options.dryRun } : {}),
        knownUpdatedAt: listed.updatedAt,
        trigger: options.trigger,
        batchedLookup: lookups.get(listed.id),
        readBack: shared,
      }));
    const filled = withListing(result, listed);
    await options.onResult?.(filled);
    return filled;
  });
}

/** Today's events (by each location's calendar) ∪ those updated within `hoursBack`, by id, in id order. */
export async function listRecentEvents(deps: EngineDeps, hoursBack: number): Promise<TripleSeatEvent[]> {
  const found = new Map<string, TripleSeatEvent>();
  for (const search of searchesFor(deps, hoursBack)) {
    for (const event of await deps.tripleseat.searchEvents(search)) {
      if (!found.has(event.id)) found.set(event.id, event);
    }
  }
  deps.logger.info('bulk sync found events', { count: found.size, hours_back: hoursBack });
  return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The fast path answers from the ledger alone: the name and date come from the listing. */
export function withListing(result: EventResult, listed: TripleSeatEvent): EventResult {
  return {
    ...result,
    name: result.name ?? listed.name,
    date: result.date ?? listed.startLocal ?? listed.eventDate,
  };
}

/**
 * Most listed events are not eligible (tomorrow's, tentative ones): the listing carries status, day
 * and location, so those are answered without fetching each one with its financials. An event that
 * was injected and has since become ineligible is still reported with its order.
 */
export async function judgeFromListing(
  listed: TripleSeatEvent,
  deps: EngineDeps,
): Promise<EventResult | undefined> {
  const verdict = checkEligibility(listed, deps.config, deps.clock.now());
  if (verdict.eligible) return undefined;
  const record = await deps.ledger.get(listed.id);
  // A half-written order is the engine's to finish (past its day) or to flag (event changed); so is a
  // create still pending without an order id: it may have landed (docs/decisions/0008-pending-creates-and-settle-time.md: a passed day
  // does not stop the look-up).
  const unfinished = record?.progress.orderId !== undefined || record?.progress.pending !== undefined;
  if (record?.status !== 'injected' && unfinished) return undefined;
  // An injected event changed since injection is compared by the engine (core/engine/watch-drift.ts).
  const watched =
    record?.status === 'injected' && deps.drift !== undefined && record.fingerprint !== undefined;
  const unchanged =
    (listed.updatedAt === undefined && record?.eventUpdatedAt === undefined) ||
    sameSave(record?.eventUpdatedAt, listed.updatedAt, record?.updatedAt);
  if (watched && !unchanged) return undefined;
  const base = {
    id: listed.id,
    name: listed.name,
    date: listed.startLocal ?? listed.eventDate,
    status: 'skipped' as const,
  };
  if (record?.status === 'injected' && record.revelOrderId) {
    deps.logger.warn('injected event is no longer eligible', { event_id: listed.id, reason: verdict.reason });
    return {
      ...base,
      revel_order_id: record.revelOrderId,
      reason: SkipReason.DUPLICATE,
      error: `already injected; now ${verdict.reason}: ${verdict.detail}`,
    };
  }
  deps.logger.info('event synced', { event_id: listed.id, status: 'skipped', reason: verdict.reason });
  return { ...base, revel_order_id: null, reason: verdict.reason, error: verdict.detail };
}

/**
 * TripleSeat filters by calendar day only (no timestamps), so we ask for whole days in each
 * location's zone and let eligibility decide; unmapped locations are included on purpose so they
 * are reported (LOCATION_NOT_MAPPED) rather than silently missed.
 */
export function searchesFor(deps: EngineDeps, hoursBack: number): EventSearch[] {
  const now = DateTime.fromJSDate(deps.clock.now());
  const seen = new Set<string>();
  const searches: EventSearch[] = [];
  const zones = new Set(deps.config.locations.map((l) => l.timeZone));
  for (const zone of zones) {
    const today = now.setZone(zone).toISODate() ?? '';
    const since = now.minus({ hours: hoursBack }).setZone(zone).toISODate() ?? '';
    for (const search of [
      { eventDate: { from: today, to: today } },
      { updated: { from: since, to: today } },
    ]) {
      const key = JSON.stringify(search);
      if (seen.has(key)) continue;
      seen.add(key);
      searches.push(search);
    }
  }
  return searches;
}
