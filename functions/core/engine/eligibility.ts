import { DateTime } from 'luxon';
import type { LocationConfig, SyncConfig } from '#functions/core/config/sync-config';
import { findLocation } from '#functions/core/config/sync-config';
import type { TripleSeatEvent } from '#functions/core/domain/model';
import { SkipReason } from '#functions/core/domain/reasons';

export type EligibilityVerdict =
  | { eligible: true; location: LocationConfig }
  | { eligible: false; reason: SkipReason; detail: string; location: LocationConfig | undefined };

/**
 * The time gate and the other "not now / not here" rules, judged in the location's own time zone:
 * an event at a Denver location is "today" by Denver's calendar, whatever zone the Lambda runs in.
 */
export function checkEligibility(event: TripleSeatEvent, config: SyncConfig, now: Date): EligibilityVerdict {
  const location = findLocation(config, event.locationId);
  const no = (reason: SkipReason, detail: string): EligibilityVerdict => ({
    eligible: false,
    reason,
    detail,
    location,
  });

  if (!config.connector.enabled) return no(SkipReason.CONNECTOR_DISABLED, 'the connector is switched off');
  if (event.deleted) return no(SkipReason.EVENT_DELETED, 'the event was deleted in TripleSeat');
  const status = event.status.toUpperCase();
  if (!config.eligibility.statuses.includes(status)) {
    return no(
      SkipReason.STATUS_NOT_ELIGIBLE,
      `status ${status} is not one of ${config.eligibility.statuses.join(', ')}`,
    );
  }
  if (!location) {
    return no(
      SkipReason.LOCATION_NOT_MAPPED,
      `TripleSeat location ${event.locationId ?? '(none)'} is not configured`,
    );
  }

  const today = DateTime.fromJSDate(now, { zone: location.timeZone }).startOf('day');
  const eventDay = DateTime.fromISO(event.eventDate, { zone: location.timeZone }).startOf('day');
  if (!eventDay.isValid) return no(SkipReason.TOO_EARLY, `event date "${event.eventDate}" is not a date`);
  const daysUntil = Math.round(eventDay.diff(today, 'days').days);
  const todayIso = today.toISODate() ?? '';
  if (daysUntil > config.eligibility.daysAhead) {
    return no(
      SkipReason.TOO_EARLY,
      `event is on ${event.eventDate}; today in ${location.timeZone} is ${todayIso}`,
    );
  }
  if (daysUntil < -config.eligibility.graceDays) {
    return no(
      SkipReason.EVENT_DAY_PASSED,
      `event was on ${event.eventDate}; today in ${location.timeZone} is ${todayIso}`,
    );
  }
  return { eligible: true, location };
}
