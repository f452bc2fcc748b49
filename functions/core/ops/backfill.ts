import { DateTime } from 'luxon';
import { mapWithConcurrency } from '#functions/core/concurrency/map-with-concurrency';
import type { LocationConfig } from '#functions/core/config/sync-config';
import { findLocation } from '#functions/core/config/sync-config';
import { checkDayRange, OPERATOR_LIMITS } from '#functions/core/contract/operator-limits';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { InputError } from '#functions/core/domain/errors';
import type { RevelOrder, TripleSeatEvent } from '#functions/core/domain/model';
import { deterministicUuid } from '#functions/core/order/deterministic-uuid';
import { localIdsFor } from '#functions/core/order/local-id';
import type { LedgerRecord } from '#functions/core/ports/ledger';

/** An order recorded by a backfill: `injected` in the ledger, so no sync ever writes the event again. */
export const BACKFILLED = 'BACKFILLED';

/** How far past today a backfill looks: events the old connector may have injected early. */
export const BACKFILL_DAYS_AHEAD = 60;

export interface BackfillOptions {
  /** The first event day to look at, `YYYY-MM-DD`. */
  since: string;
  correlationId: string;
  /** Report what would be recorded, record nothing. */
  dryRun: boolean;
}

export interface BackfillReport {
  since: string;
  until: string;
  dry_run: boolean;
  checked: number;
  recorded: Array<{ event_id: string; revel_order_id: string; local_id: string | null }>;
  already_recorded: string[];
  without_order: string[];
  /** A sync holds the event now, or our own saga is part-way or settling: left to the engine, with why. */
  left_alone: Array<{ event_id: string; reason: string }>;
}

/**
 * Records in the ledger the Revel orders that exist already — under the current `local_id` or any
 * legacy format, the old connector's included — for TripleSeat events from `since` on, so switching
 * over to this service never injects an event a second time: the engine's ledger fast path then
 * answers `skipped DUPLICATE` without a vendor call. Takes each event's lease like every sync.
 */
export async function backfillLedger(deps: EngineDeps, options: BackfillOptions): Promise<BackfillReport> {
  const since = DateTime.fromISO(options.since, { zone: 'utc' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.since) || !since.isValid)
    throw new InputError('since', `--since must be a day YYYY-MM-DD, got "${options.since}"`);
  const today = DateTime.fromJSDate(deps.clock.now(), { zone: 'utc' }).toISODate() ?? '';
  if (options.since < today) checkDayRange(options.since, today, OPERATOR_LIMITS.backfillSinceDays, 'since');
  const until =
    DateTime.fromJSDate(deps.clock.now(), { zone: 'utc' }).plus({ days: BACKFILL_DAYS_AHEAD }).toISODate() ??
    '';
  const report: BackfillReport = {
    since: options.since,
    until,
    dry_run: options.dryRun,
    checked: 0,
    recorded: [],
    already_recorded: [],
    without_order: [],
    left_alone: [],
  };
  const events = await deps.tripleseat.searchEvents({
    eventDate: { from: options.since, to: until },
    locationIds: deps.config.locations.map((l) => l.tripleseatLocationId),
  });
  const ours = events.filter((e) => findLocation(deps.config, e.locationId) !== undefined);
  report.checked = ours.length;
  await mapWithConcurrency(ours, deps.config.sync.concurrency, async (event) => {
    const location = findLocation(deps.config, event.locationId) as LocationConfig;
    await backfillEvent(event, location, deps, options, report);
  });
  report.recorded.sort((a, b) => a.event_id.localeCompare(b.event_id));
  for (const list of [report.already_recorded, report.without_order]) list.sort();
  report.left_alone.sort((a, b) => a.event_id.localeCompare(b.event_id));
  return report;
}

async function backfillEvent(
  event: TripleSeatEvent,
  location: LocationConfig,
  deps: EngineDeps,
  options: BackfillOptions,
  report: BackfillReport,
): Promise<void> {
  const leaveAlone = (reason: string): void => {
    report.left_alone.push({ event_id: event.id, reason });
  };
  const record = await deps.ledger.get(event.id);
  if (record?.status === 'injected') {
    report.already_recorded.push(event.id);
    return;
  }
  const busy = ourWorkOn(record, deps.clock.now().getTime());
  if (busy !== undefined) return leaveAlone(busy);
  const order = await findExistingOrder(event.id, location, deps);
  if (order === undefined) {
    report.without_order.push(event.id);
    return;
  }
  // An order under our own deterministic uuid is ours, e.g. a create that answered late: the engine
  // adopts it and writes the rest; recording it here would leave it empty for good.
  const ourUuid = deterministicUuid('order', localIdsFor(deps.config.revel, event.id).current);
  if (order.uuid === ourUuid)
    return leaveAlone(`Revel order ${order.id} is ours (our uuid): the next sync finishes it`);
  const line = { event_id: event.id, revel_order_id: String(order.id), local_id: order.localId ?? null };
  if (options.dryRun) {
    report.recorded.push(line);
    return;
  }
  const holder = `${deps.holderId}:${options.correlationId}`;
  const leased = await deps.ledger.acquireLease(event.id, holder, deps.config.sync.leaseSeconds * 1000);
  if (leased === undefined) return leaveAlone('a sync holds the event now');
  try {
    // Read again under the lease: a sync may have started between the first read and the lease.
    const underLease = ourWorkOn({ ...leased, leaseExpiresAt: undefined }, deps.clock.now().getTime());
    if (leased.status === 'injected') {
      report.already_recorded.push(event.id);
      return;
    }
    if (underLease !== undefined) return leaveAlone(underLease);
    await deps.ledger.recordOutcome(event.id, holder, {
      status: 'injected',
      revelOrderId: String(order.id),
      reason: BACKFILLED,
      correlationId: options.correlationId,
      eventUpdatedAt: event.updatedAt,
      testEstablishmentId: order.testEstablishmentId,
    });
    report.recorded.push(line);
    deps.logger.info('existing Revel order recorded', {
      event_id: event.id,
      revel_order_id: String(order.id),
    });
  } finally {
    await deps.ledger.releaseLease(event.id, holder);
  }
}

/** Why a backfill must leave the event to the engine, or undefined when nothing of ours is under way. */
export function ourWorkOn(record: LedgerRecord | undefined, nowMs: number): string | undefined {
  if (record === undefined) return undefined;
  const { progress } = record;
  if (record.leaseHolder !== undefined && (record.leaseExpiresAt ?? 0) > nowMs)
    return 'a sync holds the event now';
  if (progress.pending !== undefined)
    return `our ${progress.pending.step} create sent at ${progress.pending.since} is still settling`;
  if (progress.orderId !== undefined)
    return `our order ${progress.orderId} is part-way written: the next sync finishes it`;
  if (progress.planHash !== undefined || record.status === 'writing')
    return 'our order write started and did not finish: the next sync resumes it';
  return undefined;
}

/** Any order for the event under any local_id format, in the location's establishment or the test one. */
async function findExistingOrder(eventId: string, location: LocationConfig, deps: EngineDeps) {
  const localIds = localIdsFor(deps.config.revel, eventId).all;
  const establishments = new Set([location.revel.establishmentId]);
  if (deps.config.connector.testLocation)
    establishments.add(deps.config.connector.testLocation.establishmentId);
  for (const establishmentId of establishments) {
    const found: RevelOrder[] = await deps.revel.findOrdersByLocalId(establishmentId, localIds);
    if (found[0] !== undefined)
      return {
        ...found[0],
        // Found in the test establishment: the real one may still get its order (core/engine/test-diversion.ts).
        testEstablishmentId: establishmentId === location.revel.establishmentId ? undefined : establishmentId,
      };
  }
  return undefined;
}
