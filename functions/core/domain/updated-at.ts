/** An ISO-8601 date-time with its offset (`Z` or `±hh:mm`): the only form read as an instant. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/** A time written to the second (`…T18:00:00Z`, `…T18:00:00.000`): two saves never share it. */
const WITH_SECONDS = /T\d{2}:\d{2}:\d{2}/;
/** The US form TripleSeat also sends (`12/07/2026 2:30 PM`): to the minute, in the site's zone. */
const US_MINUTE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}) ?([AP]M)$/i;

const MINUTE_MS = 60_000;
/** Every zone in use lies within ±14 hours of UTC. */
const WIDEST_OFFSET_MS = 14 * 60 * MINUTE_MS;

/**
 * Whether two TripleSeat `updated_at` values name the same save. The listing, the event and a
 * webhook body may write one moment differently (docs/vendors/tripleseat.md, "Events"): the same
 * text, or two ISO date-times with offsets at the same instant (`…T18:00:00Z` and
 * `…T10:00:00-08:00`, or with milliseconds). Other formats (the US `12/28/2025 12:56 PM`, in the
 * site's zone) are compared as text only: read as instants they would need the zone. Undefined is
 * never the same as anything: an unknown save must be looked at. Says nothing of whether a later
 * save shares the value (sameSave does).
 */
export function sameUpdatedAt(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === b) return true;
  if (!ISO_WITH_OFFSET.test(a) || !ISO_WITH_OFFSET.test(b)) return false;
  const instantA = Date.parse(a);
  return !Number.isNaN(instantA) && instantA === Date.parse(b);
}

/**
 * Whether `seen` names the very save that was read when `recorded` was stored at `recordedAt` (an
 * ISO instant from our clock): the one rule for skipping a fetch because `updated_at` is unchanged
 * (docs/vendors/tripleseat.md, "Events", derived). A value written to the second is the same save
 * whenever it names the same moment. A value written only to the minute is shared by every save in
 * that minute, so one read while the minute was still running may have missed a later save: it counts
 * as the same save only if it was recorded after the minute had passed — for ISO with an offset, 60 s
 * after the instant it names; for the US form, which carries no zone, more than 14 hours + 60 s after
 * its wall-clock minute read as UTC (late enough in every zone). Unknown forms and an unknown
 * `recordedAt` are never the same save: the event is fetched.
 */
export function sameSave(
  recorded: string | undefined,
  seen: string | undefined,
  recordedAt: string | undefined,
): boolean {
  if (!sameUpdatedAt(recorded, seen) || recorded === undefined) return false;
  if (WITH_SECONDS.test(recorded)) return true;
  const minuteEnd = minuteEndOf(recorded);
  const readAt = recordedAt === undefined ? Number.NaN : Date.parse(recordedAt);
  return minuteEnd !== undefined && !Number.isNaN(readAt) && readAt > minuteEnd;
}

/** The latest instant at which a save written to the minute as `value` may have happened. */
function minuteEndOf(value: string): number | undefined {
  if (ISO_WITH_OFFSET.test(value)) {
    const instant = Date.parse(value);
    return Number.isNaN(instant) ? undefined : instant + MINUTE_MS;
  }
  const us = US_MINUTE.exec(value);
  if (!us) return undefined;
  const [, month, day, year, hour12, minute, half] = us;
  const hour = (Number(hour12) % 12) + (half?.toUpperCase() === 'PM' ? 12 : 0);
  const wallClock = Date.UTC(Number(year), Number(month) - 1, Number(day), hour, Number(minute));
  return wallClock + WIDEST_OFFSET_MS + MINUTE_MS;
}
