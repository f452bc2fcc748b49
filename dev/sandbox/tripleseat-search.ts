import { DateTime } from 'luxon';
import { parseTripleSeatTime, siteZone, type TripleSeatEvent } from './tripleseat-event';
import { defaultTripleSeatBehaviour, publicEvent } from './tripleseat-public';

/** Listed without show_financial, so the shapes that vary (documents, payments) are never served here. */
const listed = (e: TripleSeatEvent) => publicEvent(e, false, defaultTripleSeatBehaviour());

export const searchPageSize = 50;

export type SearchOutcome =
  | { ok: true; page: { total_pages: number; results: unknown[] } }
  | { ok: false; error: string };

type Range = { from: string; to: string } | undefined;

/** A MM/DD/YYYY pair as inclusive ISO dates; both or neither must be given. */
function dateRange(query: URLSearchParams, start: string, end: string): Range | string {
  const from = query.get(start);
  const to = query.get(end);
  if (!from && !to) return undefined;
  if (!from || !to) return `${start} and ${end} must be given together`;
  const parse = (value: string) => DateTime.fromFormat(value, 'M/d/yyyy', { zone: 'UTC' }).toISODate();
  const fromIso = parse(from);
  const toIso = parse(to);
  if (!fromIso || !toIso) return `${start} and ${end} must be dates in MM/DD/YYYY format`;
  return { from: fromIso, to: toIso };
}

const within = (range: Range, day: string | null): boolean =>
  range === undefined || (day !== null && range.from <= day && day <= range.to);

const commaList = (value: string | null): string[] | undefined =>
  value
    ? value
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean)
    : undefined;

const sortKeys: Record<string, (e: TripleSeatEvent) => string | number> = {
  created_at: (e) => parseTripleSeatTime(e.created_at).toMillis(),
  updated_at: (e) => parseTripleSeatTime(e.updated_at).toMillis(),
  name: (e) => e.name.toLowerCase(),
  event_start: (e) => e.event_start_utc,
};

/** `GET /v1/events/search.json`; date filters are day-granular (docs/vendors/tripleseat.md, "Events"). */
export function searchEvents(events: readonly TripleSeatEvent[], query: URLSearchParams): SearchOutcome {
  const starts = dateRange(query, 'event_start_date', 'event_end_date');
  if (typeof starts === 'string') return { ok: false, error: starts };
  const updates = dateRange(query, 'event_updated_start_date', 'event_updated_end_date');
  if (typeof updates === 'string') return { ok: false, error: updates };
  const page = Number(query.get('page') ?? '1');
  if (!Number.isInteger(page) || page < 1) return { ok: false, error: 'page must be a positive integer' };
  const locationIds = commaList(query.get('location_ids'));
  const statuses = commaList(query.get('status'));
  const text = query.get('query')?.toLowerCase();

  const matches = events.filter(
    (e) =>
      e.deleted_at === null &&
      within(starts, e.event_date_iso8601) &&
      within(updates, parseTripleSeatTime(e.updated_at).setZone(siteZone).toISODate()) &&
      (!locationIds || locationIds.includes(String(e.location_id))) &&
      (!statuses || statuses.includes(e.status.toLowerCase())) &&
      (!text || e.name.toLowerCase().includes(text)),
  );
  const key = sortKeys[query.get('order') ?? ''] ?? ((e: TripleSeatEvent) => e.id);
  const direction = query.get('sort_direction') === 'desc' ? -1 : 1;
  matches.sort((a, b) => (key(a) < key(b) ? -direction : key(a) > key(b) ? direction : 0));

  const slice = matches.slice((page - 1) * searchPageSize, page * searchPageSize);
  // Both result shapes occur in the wild, so the sandbox serves both, alternating.
  const results = slice.map((e, i) => (i % 2 === 0 ? { event: listed(e) } : listed(e)));
  return { ok: true, page: { total_pages: Math.ceil(matches.length / searchPageSize), results } };
}
