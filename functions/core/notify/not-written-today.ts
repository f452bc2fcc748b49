import { DateTime } from 'luxon';
import type { SyncConfig } from '#functions/core/config/sync-config';
import { SkipReason } from '#functions/core/domain/reasons';
import type { EventResult } from '#functions/core/engine/results';

/** Skips that mean "this event will not reach Revel as it stands": a person must act the same day. */
const NEVER_WRITTEN: readonly string[] = [SkipReason.LOCATION_NOT_MAPPED, SkipReason.STATUS_NOT_ELIGIBLE];

/**
 * The run's events of today (by any configured location's calendar) that were skipped because they
 * cannot be written as they stand: at a TripleSeat location the config does not name, or not confirmed
 * (TENTATIVE…). The morning digest lists them, so a party tonight is not silently missing from Revel.
 */
export function notWrittenToday(
  events: readonly EventResult[],
  config: SyncConfig,
  now: Date,
): EventResult[] {
  const todays = new Set(
    config.locations.map((l) => DateTime.fromJSDate(now, { zone: l.timeZone }).toISODate() ?? ''),
  );
  return events.filter(
    (e) =>
      e.status === 'skipped' &&
      e.reason !== null &&
      NEVER_WRITTEN.includes(e.reason) &&
      todays.has((e.date ?? '').slice(0, 10)),
  );
}
