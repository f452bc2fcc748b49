import { DateTime } from 'luxon';
import { mapWithConcurrency } from '../concurrency/map-with-concurrency';
import type { LocationConfig } from '../config/sync-config';
import { findLocation } from '../config/sync-config';
import type { EngineDeps } from '../deps/engine-deps';
import { InputError } from '../domain/errors';
import type { RevelOrder, TripleSeatEvent } from '../domain/model';
import { localIdsFor } from '../order/local-id';

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
  /** A sync holds the event now, or our own saga is part-way: left to the engine. */
  left_alone: string[];
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
  for (const list of [report.already_recorded, report.without_order, report.left_alone]) list.sort();
  return report;
}

async function backfillEvent(
  event: TripleSeatEvent,
  location: LocationConfig,
  deps: EngineDeps,
  options: BackfillOptions,
  report: BackfillReport,
): Promise<void> {
  const record = await deps.ledger.get(event.id);
  if (record?.status === 'injected') {
    report.already_recorded.push(event.id);
    return;
  }
  if (record?.progress.orderId !== undefined) {
    report.left_alone.push(event.id);
    return;
  }
  const order = await findExistingOrder(event.id, location, deps);
  if (order === undefined) {
    report.without_order.push(event.id);
    return;
  }
  const line = { event_id: event.id, revel_order_id: String(order.id), local_id: order.localId ?? null };
  if (options.dryRun) {
    report.recorded.push(line);
    return;
  }
  const holder = `${deps.holderId}:${options.correlationId}`;
  const leased = await deps.ledger.acquireLease(event.id, holder, deps.config.sync.leaseSeconds * 1000);
  if (leased === undefined) {
    report.left_alone.push(event.id);
    return;
  }
  try {
    await deps.ledger.recordOutcome(event.id, holder, {
      status: 'injected',
      revelOrderId: String(order.id),
      reason: BACKFILLED,
      correlationId: options.correlationId,
      eventUpdatedAt: event.updatedAt,
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

/** Any order for the event under any local_id format, in the location's establishment or the test one. */
async function findExistingOrder(eventId: string, location: LocationConfig, deps: EngineDeps) {
  const localIds = localIdsFor(deps.config.revel, eventId).all;
  const establishments = new Set([location.revel.establishmentId]);
  if (deps.config.connector.testLocation)
    establishments.add(deps.config.connector.testLocation.establishmentId);
  for (const establishmentId of establishments) {
    const found: RevelOrder[] = await deps.revel.findOrdersByLocalId(establishmentId, localIds);
    if (found[0] !== undefined) return found[0];
  }
  return undefined;
}
