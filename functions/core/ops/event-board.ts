import { DateTime } from 'luxon';
import { mapWithConcurrency } from '#functions/core/concurrency/map-with-concurrency';
import type { LocationConfig, SyncConfig } from '#functions/core/config/sync-config';
import { findLocation } from '#functions/core/config/sync-config';
import {
  type BoardAnswer,
  type BoardEvent,
  type BoardOutcome,
  type BoardQuery,
  boardOutcomes,
} from '#functions/core/contract/operator-api/board';
import { checkDayRange, OPERATOR_LIMITS } from '#functions/core/contract/operator-limits';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { InputError } from '#functions/core/domain/errors';
import type { TripleSeatEvent } from '#functions/core/domain/model';
import type { LedgerRecord } from '#functions/core/ports/ledger';

export const BOARD_OUTCOMES: readonly BoardOutcome[] = boardOutcomes;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The ledger's word on an event, as the board shows it (`writing`/`new`: a sync holds it now). */
export function boardOutcome(record: LedgerRecord | undefined): BoardOutcome {
  if (record === undefined) return 'not_synced';
  if (record.status === 'writing' || record.status === 'new') return 'in_progress';
  return record.status;
}

/**
 * The board: TripleSeat's events of the range joined with the ledger's outcome of each. Without
 * `from`/`to`, "today" in each location's own zone (a Denver event is today by Denver's calendar).
 */
export async function eventBoard(
  query: BoardQuery,
  deps: Omit<EngineDeps, 'holderId'>,
): Promise<BoardAnswer> {
  const { config } = deps;
  for (const [name, value] of [
    ['from', query.from],
    ['to', query.to],
  ] as const) {
    if (value !== undefined && !(DAY.test(value) && DateTime.fromISO(value).isValid))
      throw new InputError(name, `${name} must be a day YYYY-MM-DD`);
  }
  if (query.status !== undefined && !BOARD_OUTCOMES.includes(query.status as BoardOutcome))
    throw new InputError('status', `status must be one of ${BOARD_OUTCOMES.join(', ')}`);
  const locations = config.locations.filter(
    (l) =>
      query.location === undefined || l.tripleseatLocationId === query.location || l.name === query.location,
  );
  if (locations.length === 0)
    throw new InputError('location', `location ${query.location} is not configured`);
  const todayOf = (l: LocationConfig) =>
    DateTime.fromJSDate(deps.clock.now(), { zone: l.timeZone }).toISODate() ?? '';
  const todays = locations.map(todayOf).sort();
  const from = query.from ?? query.to ?? todays[0] ?? '';
  const to = query.to ?? (query.from !== undefined ? query.from : (todays.at(-1) ?? ''));
  if (from > to) throw new InputError('from', 'from must not be after to');
  checkDayRange(from, to, OPERATOR_LIMITS.boardRangeDays, 'to');
  const listed = await deps.tripleseat.searchEvents({
    eventDate: { from, to },
    locationIds: locations.map((l) => l.tripleseatLocationId),
  });
  const byDefaultDay = query.from === undefined && query.to === undefined;
  const inRange = listed.filter((event) => {
    const location = findLocation(config, event.locationId);
    if (location === undefined || !locations.includes(location)) return false;
    return byDefaultDay
      ? event.eventDate === todayOf(location)
      : event.eventDate >= from && event.eventDate <= to;
  });
  const rows = await mapWithConcurrency(inRange, 8, async (event) =>
    boardRow(event, config, await deps.ledger.get(event.id)),
  );
  const events = rows
    .filter((row) => query.status === undefined || row.outcome === query.status)
    .sort((a, b) => (a.start_local ?? a.event_date).localeCompare(b.start_local ?? b.event_date));
  return { from, to, events };
}

function boardRow(event: TripleSeatEvent, config: SyncConfig, record: LedgerRecord | undefined): BoardEvent {
  const location = findLocation(config, event.locationId);
  return {
    event_id: event.id,
    name: event.name,
    event_date: event.eventDate,
    start_local: event.startLocal ?? null,
    location_id: event.locationId ?? null,
    location_name: location?.name ?? event.locationName ?? null,
    tripleseat_status: event.status,
    outcome: boardOutcome(record),
    reason: record?.reason ?? null,
    revel_order_id: record?.revelOrderId ?? null,
    total_cents: event.grandTotalCents ?? event.money?.grandTotalCents ?? null,
    updated_at: record?.updatedAt ?? null,
  };
}
