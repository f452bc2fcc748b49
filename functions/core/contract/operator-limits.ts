import { DateTime } from 'luxon';
import { InputError } from '#functions/core/domain/errors';

/**
 * Every bound on what an operator (console, `npm run ops`, the operator API) can ask for, in one
 * place: each keeps a request's work within the vendors' shared budget and one Lambda invocation.
 * docs/operator-api.md, "Limits", lists them.
 */
export const OPERATOR_LIMITS = {
  /** `GET /api/events?from&to`: days in the range, both ends included. */
  boardRangeDays: 31,
  /** `POST /api/backfill` / `ops backfill --since`: how far back the first day may be. */
  backfillSinceDays: 400,
  /** `GET /api/mappings/unmapped?days`: upcoming days looked at. */
  unmappedDays: 60,
  /** `GET /api/audit`: days read, and entries answered at most. */
  auditDays: 14,
  auditEntries: 200,
  /** `GET /api/runs`: runs listed. */
  runsListed: 50,
  /** `GET /api/dlq`: dead letters shown; `POST /api/dlq/redrive {ids}`: ids per request. */
  deadLettersListed: 100,
  redriveIds: 100,
  /** A JSON request body. */
  bodyBytes: 16 * 1024,
} as const;

/** Days from `from` to `to`, both included; throws a 400 naming `field` when above `maxDays`. */
export function checkDayRange(from: string, to: string, maxDays: number, field: string): void {
  const days =
    DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days + 1;
  if (days > maxDays)
    throw new InputError(
      field,
      `${field}: the range ${from} to ${to} is ${days} days; at most ${maxDays} days at a time`,
    );
}
