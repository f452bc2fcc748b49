import { randomUUID } from 'node:crypto';
import type { SyncHandlerDeps } from '../deps/sync-handler-deps';
import { describeError } from '../domain/errors';
import type { SyncSummary } from '../engine/results';
import { withLogFields } from '../logging/log-context';
import type { Logger } from '../ports/logger';
import { MetricName } from '../ports/metrics';
import { runPreflight } from '../preflight/run-preflight';
import { runBulk } from './run-bulk-sync';
import { deadlinePassed } from './run-deadline';
import { newRunId } from './run-id';

export const SCHEDULED_SYNC_LEASE = 'scheduled-sync';
/** Lambda's longest run: a run that died holding the lease blocks the next one for at most this long. */
const LEASE_TTL_MS = 15 * 60_000;

export type ScheduledRunResult =
  | { status: 'overlap' }
  | { status: 'finished'; runId: string; summary: SyncSummary['summary'] };

/**
 * The EventBridge safety net: one bulk run at a time; a run still going makes the next one step aside.
 * `stopAt` is the invocation's deadline (run-deadline.ts): events not started by then wait for the next run.
 */
export async function runScheduledSync(
  deps: SyncHandlerDeps,
  holderId: string,
  stopAt?: number,
): Promise<ScheduledRunResult> {
  const runId = newRunId('sched', deps.engine.clock.now());
  const logger = withLogFields(deps.engine.logger, { run_id: runId });
  if (!(await deps.runLock.acquireNamedLease(SCHEDULED_SYNC_LEASE, holderId, LEASE_TTL_MS))) {
    logger.warn('scheduled sync skipped: the previous run still holds the lease');
    return { status: 'overlap' };
  }
  try {
    const summary = await runBulk(
      {
        runId,
        trigger: 'schedule',
        hoursBack: deps.config.sync.hoursBack,
        dryRun: deps.config.connector.dryRun,
        correlationId: randomUUID(),
        stopAt,
      },
      deps,
      holderId,
    );
    deps.metrics.count(MetricName.ScheduledRunCompleted);
    await preflightAfter(deps, runId, stopAt, logger);
    return { status: 'finished', runId, summary: summary.summary };
  } finally {
    await deps.runLock.releaseNamedLease(SCHEDULED_SYNC_LEASE, holderId).catch((e: unknown) =>
      logger.warn('could not release the scheduled-sync lease (it will expire)', {
        error: describeError(e),
      }),
    );
  }
}

/**
 * The check of upcoming events (core/preflight/), after the sync and within the same lease, so two
 * runs never mail the same digest. Skipped past the invocation's deadline (the next run does it);
 * its report also goes into the run's record.
 */
async function preflightAfter(
  deps: SyncHandlerDeps,
  runId: string,
  stopAt: number | undefined,
  logger: Logger,
): Promise<void> {
  // A switched-off connector writes nothing on the day either: nothing to warn about.
  if (!deps.preflight || !deps.config.preflight.enabled || !deps.config.connector.enabled) return;
  const shouldStop = deadlinePassed(stopAt, deps.engine.clock);
  if (shouldStop?.() === true) {
    logger.warn('preflight skipped: the run reached its time limit; the next run checks');
    return;
  }
  const report = await runPreflight(deps, deps.preflight, { runId, shouldStop }, logger);
  if (!report) return;
  const run = await deps.runs.getRun(runId).catch(() => undefined);
  if (run) {
    await deps.runs
      .putRun({ ...run, preflight: report })
      .catch((e: unknown) =>
        logger.warn('could not add the preflight to the run record', { error: describeError(e) }),
      );
  }
}
