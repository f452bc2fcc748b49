import { DateTime } from 'luxon';
import { mapWithConcurrency } from '#functions/core/concurrency/map-with-concurrency';
import { findLocation, type SyncConfig } from '#functions/core/config/sync-config';
import type {
  DayBoard as DayBoardView,
  DayRow as DayRowView,
} from '#functions/core/contract/operator-api/day';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { InputError, VendorError } from '#functions/core/domain/errors';
import type { TripleSeatEvent } from '#functions/core/domain/model';
import { checkEligibility } from '#functions/core/engine/eligibility';
import { extractEventInvoice } from '#functions/core/engine/event-items';
import type { LedgerRecord } from '#functions/core/ports/ledger';
import { boardAdvice, type DayOutcome } from './board-advice';
import type { BoardReadCache } from './board-read-cache';
import { boardOutcome } from './event-board';

type ReadDeps = Omit<EngineDeps, 'holderId'>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** TripleSeat reads at once for the day's events (each is one event read, sometimes an invoice page). */
const READS_AT_ONCE = 4;

/** A vendor the page could not read, named, with its error code: never a bare "500 internal error". */
export interface VendorOutage {
  vendor: 'tripleseat' | 'revel';
  code: string;
  message: string;
}

/**
 * The day on one screen (the console's board and `npm run ops -- status`): every TripleSeat event
 * of the day, per configured location, with TripleSeat's status, the time in the location's zone,
 * the Revel order, total, paid and due, the outcome and what to do; events at TripleSeat locations
 * the config does not name are listed apart. Without `date`, "today" in each location's own zone.
 */
export async function dayBoard(
  query: { date?: string | undefined },
  deps: ReadDeps,
  cache?: BoardReadCache<MoneyRead>,
): Promise<DayBoardView> {
  const { config } = deps;
  if (query.date !== undefined && !(DAY.test(query.date) && DateTime.fromISO(query.date).isValid))
    throw new InputError('date', 'date must be a day YYYY-MM-DD');
  const now = deps.clock.now();
  const dayIn = (zone: string) => query.date ?? DateTime.fromJSDate(now, { zone }).toISODate() ?? '';
  const days = [...new Set(config.locations.map((l) => dayIn(l.timeZone)))].sort();
  const outages: VendorOutage[] = [];
  const listed: TripleSeatEvent[] = [];
  try {
    // No location filter: events at a TripleSeat location missing from the config must show too.
    for (const day of days)
      listed.push(...(await deps.tripleseat.searchEvents({ eventDate: { from: day, to: day } })));
  } catch (e: unknown) {
    outages.push(outageOf(e));
  }
  const onItsDay = uniqueById(listed).filter((event) => {
    const location = findLocation(config, event.locationId);
    const zone = location?.timeZone ?? event.timeZone;
    return zone !== undefined ? event.eventDate === dayIn(zone) : days.includes(event.eventDate);
  });
  const rows = await mapWithConcurrency(onItsDay, READS_AT_ONCE, async (event) => {
    const cached = cache?.get(event.id, event.updatedAt);
    const read: MoneyRead & { outage?: VendorOutage } = cached ?? (await readMoney(event, deps));
    if (read.outage !== undefined) outages.push(read.outage);
    else if (cached === undefined) cache?.set(event.id, event.updatedAt, read);
    return dayRow(read.event, config, now, await deps.ledger.get(event.id), read);
  });
  rows.sort((a, b) => a.start_local.localeCompare(b.start_local) || a.name.localeCompare(b.name));
  const configured = new Set(config.locations.map((l) => l.tripleseatLocationId));
  const unconfigured = new Map<string, { tripleseat_location_id: string | null; name: string | null }>();
  for (const row of rows)
    if (row.location_id === null || !configured.has(row.location_id))
      unconfigured.set(row.location_id ?? '', {
        tripleseat_location_id: row.location_id,
        name: row.location_name,
      });
  return {
    date: query.date ?? null,
    generated_at: now.toISOString(),
    locations: config.locations.map((l) => ({
      name: l.name,
      tripleseat_location_id: l.tripleseatLocationId,
      time_zone: l.timeZone,
      date: dayIn(l.timeZone),
      events: rows.filter((r) => r.location_id === l.tripleseatLocationId),
    })),
    unconfigured: [...unconfigured.entries()].map(([key, location]) => ({
      ...location,
      events: rows.filter((r) => (r.location_id ?? '') === key),
    })),
    unavailable: uniqueOutages(outages),
  };
}

export type DayBoard = Awaited<ReturnType<typeof dayBoard>>;
export type DayRow = ReturnType<typeof dayRow>;

export interface MoneyRead {
  event: TripleSeatEvent;
  totalCents: number | null;
  paidCents: number | null;
  dueCents: number | null;
}

/** The event with its financials (the listing has none), and its total, paid and due. */
async function readMoney(
  listed: TripleSeatEvent,
  deps: ReadDeps,
): Promise<MoneyRead & { outage?: VendorOutage }> {
  const fallback = {
    event: listed,
    totalCents: listed.grandTotalCents ?? null,
    paidCents: null,
    dueCents: null,
  };
  try {
    const event = await deps.tripleseat.getEvent(listed.id);
    const read = await extractEventInvoice(event, {
      excludedCategories: deps.config.items.excludedCategories,
      fetchInvoice: (url) => deps.tripleseat.fetchInvoice(url),
    });
    const stated = 'invoice' in read ? read.invoice : event.money;
    const total = stated?.grandTotalCents ?? event.grandTotalCents;
    const payments = stated?.payments;
    const paid = payments === undefined ? undefined : payments.reduce((t, p) => t + p.cents, 0);
    const due =
      stated?.amountDueCents ?? (total !== undefined && paid !== undefined ? total - paid : undefined);
    return { event, totalCents: total ?? null, paidCents: paid ?? 0, dueCents: due ?? total ?? null };
  } catch (e: unknown) {
    if (!(e instanceof VendorError)) throw e;
    deps.logger.warn('day board: event read failed', { event_id: listed.id, code: e.code });
    return { ...fallback, outage: outageOf(e) };
  }
}

function dayRow(
  event: TripleSeatEvent,
  config: SyncConfig,
  now: Date,
  record: LedgerRecord | undefined,
  money: MoneyRead,
): DayRowView {
  const location = findLocation(config, event.locationId);
  let outcome: DayOutcome = boardOutcome(record);
  let reason = record?.reason ?? null;
  let detail = record?.error ?? null;
  if (record === undefined) {
    // The switches have their banner: judged with the connector on, the row says what the event itself lacks.
    const verdict = checkEligibility(event, withConnectorOn(config), now);
    if (!verdict.eligible) {
      outcome = 'not_eligible';
      reason = verdict.reason;
      detail = verdict.detail;
    }
  }
  const zone = location?.timeZone ?? event.timeZone ?? null;
  return {
    event_id: event.id,
    name: event.name,
    event_date: event.eventDate,
    start_local: event.startLocal ?? event.eventDate,
    /** "19:00", or null when TripleSeat gave no start time. */
    time: event.startLocal === undefined ? null : event.startLocal.slice(11, 16),
    time_zone: zone,
    /** The zone's short name at the event's start ("MST", "PST"), for labelling the time. */
    zone_label: zoneLabel(event, zone),
    location_id: event.locationId ?? null,
    location_name: location?.name ?? event.locationName ?? null,
    location_configured: location !== undefined,
    tripleseat_status: event.status,
    guest_count: event.guestCount ?? null,
    outcome,
    reason,
    detail,
    what_to_do: boardAdvice(outcome, reason, record?.foreignOrder === true),
    revel_order_id: record?.revelOrderId ?? null,
    total_cents: money.totalCents,
    paid_cents: money.paidCents,
    due_cents: money.dueCents,
    updated_at: record?.updatedAt ?? null,
  };
}

function zoneLabel(event: TripleSeatEvent, zone: string | null): string | null {
  if (zone === null) return null;
  const at = DateTime.fromISO(event.startLocal ?? event.eventDate, { zone });
  return at.isValid ? at.offsetNameShort : null;
}

const withConnectorOn = (config: SyncConfig): SyncConfig =>
  config.connector.enabled ? config : { ...config, connector: { ...config.connector, enabled: true } };

export function outageOf(e: unknown): VendorOutage {
  if (!(e instanceof VendorError)) throw e;
  const name = e.vendor === 'tripleseat' ? 'TripleSeat' : 'Revel';
  const answered = e.status > 0 ? `answered ${e.status}` : 'did not answer';
  return { vendor: e.vendor, code: e.code, message: `${name} ${answered} (${e.code})` };
}

export function uniqueOutages(outages: readonly VendorOutage[]): VendorOutage[] {
  const seen = new Map<string, VendorOutage>();
  for (const o of outages) if (!seen.has(`${o.vendor}|${o.code}`)) seen.set(`${o.vendor}|${o.code}`, o);
  return [...seen.values()];
}

function uniqueById(events: readonly TripleSeatEvent[]): TripleSeatEvent[] {
  return [...new Map(events.map((e) => [e.id, e])).values()];
}
