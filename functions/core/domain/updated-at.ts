/** An ISO-8601 date-time with its offset (`Z` or `±hh:mm`): the only form read as an instant. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Whether two TripleSeat `updated_at` values name the same save. The listing, the event and a
 * webhook body may write one moment differently (docs/vendors/tripleseat.md, "Events"): the same
 * text, or two ISO date-times with offsets at the same instant (`…T18:00:00Z` and
 * `…T10:00:00-08:00`, or with milliseconds). Other formats (the US `12/28/2025 12:56 PM`, in the
 * site's zone) are compared as text only: read as instants they would need the zone. Undefined is
 * never the same as anything: an unknown save must be looked at.
 */
export function sameUpdatedAt(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === b) return true;
  if (!ISO_WITH_OFFSET.test(a) || !ISO_WITH_OFFSET.test(b)) return false;
  const instantA = Date.parse(a);
  return !Number.isNaN(instantA) && instantA === Date.parse(b);
}
