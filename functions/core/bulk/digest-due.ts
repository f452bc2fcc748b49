import type { EventResult, SyncSummary } from '#functions/core/engine/results';
import type { DigestMark } from '#functions/core/ports/digest-marks';

/** How often the same failures are mailed again by scheduled runs, unless `notifications.remindFailuresAfterHours`. */
export const REMIND_FAILURES_AFTER_HOURS = 24;

/** The run's failed events as one comparable text: id, reason and message of each, in id order. */
export function failuresKey(summary: SyncSummary, notWrittenToday: readonly EventResult[] = []): string {
  return [...summary.events.filter((e) => e.status === 'failed'), ...notWrittenToday]
    .map((e) => `${e.id}:${e.reason ?? ''}:${e.error ?? ''}`)
    .sort()
    .join('\n');
}

/**
 * A scheduled run's digest goes out when something was injected, the run stopped at its time limit,
 * or its failures differ from those last mailed; the same failures again are mailed at most once per
 * `remindAfterHours` — a failure that persists is not mailed every 45 minutes.
 */
export function scheduledDigestDue(
  summary: SyncSummary,
  previous: DigestMark | undefined,
  now: Date,
  remindAfterHours: number,
  /** Today's events that will not reach Revel as they stand: mailed like failures. */
  notWrittenToday: readonly EventResult[] = [],
): boolean {
  const { injected, failed } = summary.summary;
  if (injected > 0 || summary.incomplete) return true;
  if (failed === 0 && notWrittenToday.length === 0) return false;
  if (previous === undefined || previous.failures !== failuresKey(summary, notWrittenToday)) return true;
  return now.getTime() - Date.parse(previous.mailedAt) >= remindAfterHours * 3_600_000;
}
