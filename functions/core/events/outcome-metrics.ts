import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { describeError } from '#functions/core/domain/errors';
import { FailReason, WRITE_SETTLING } from '#functions/core/domain/reasons';
import type { EventResult } from '#functions/core/engine/results';
import type { EventOutcomeStatus } from '#functions/core/ports/ledger';
import type { Logger } from '#functions/core/ports/logger';
import { MetricName } from '#functions/core/ports/metrics';

// in_progress is another sync's event (that sync reports it) or a Revel create still settling (a later
// attempt reports its outcome; the settling itself is counted as WritesSettling); would_inject only
// comes from a preview.
const counted: Partial<Record<EventOutcomeStatus, MetricName>> = {
  injected: MetricName.EventsInjected,
  skipped: MetricName.EventsSkipped,
  failed: MetricName.EventsFailed,
};

/**
 * Publishes one real (not dry-run) event outcome: its count and, for an injection attempt, the
 * shared failure streak. Never throws: the sync it reports on has already happened.
 */
export async function observeOutcome(
  result: EventResult,
  deps: Pick<SyncHandlerDeps, 'metrics' | 'failureStreak'>,
  logger: Logger,
): Promise<void> {
  const name = counted[result.status];
  // Not an outcome yet, but worth a count: Revel lost the answer to a create and has not shown it since.
  if (result.reason === WRITE_SETTLING) deps.metrics.count(MetricName.WritesSettling);
  if (name === undefined) return;
  try {
    deps.metrics.count(name);
    if (result.status === 'skipped') return;
    if (result.reason === FailReason.TRIPLESEAT_AUTH) deps.metrics.count(MetricName.TripleSeatAuthFailed);
    const streak = await deps.failureStreak.recordInjectionOutcome(result.status === 'failed');
    deps.metrics.gauge(MetricName.ConsecutiveFailedInjections, streak);
  } catch (e: unknown) {
    logger.warn('outcome metrics not recorded', { event_id: result.id, error: describeError(e) });
  }
}
