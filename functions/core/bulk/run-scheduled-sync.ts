import { randomUUID } from 'node:crypto';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { describeError } from '#functions/core/domain/errors';
import { withLogFields } from '#functions/core/logging/log-context';
import type { Logger } from '#functions/core/ports/logger';
import { runPreflight } from '#functions/core/preflight/run-preflight';
import { SCHEDULED_SYNC_LEASE } from './finish-bulk-run';
import { planBulkRun, RUN_TIME_LIMIT_MS } from './plan-bulk-run';
import { deadlinePassed } from './run-deadline';
import { newRunId } from './run-id';

export { SCHEDULED_SYNC_LEASE };

/**
 * The lease is the run's, not the invocation's: taken with the run id as holder and freed when the
 * run finishes (finish-bulk-run.ts). A run whose finish never comes blocks the next one at most this long.
 */
const LEASE_TTL_MS = RUN_TIME_LIMIT_MS + 5 * 60_000;

export type ScheduledRunResult =
  | { status: 'overlap' }
  | { status: 'planned'; runId: string; listed: number; queued: number };

/**
 * The EventBridge safety net: one run at a time, from planning until its last queued event settles
 * (or its time limit); a run still going makes the next one step aside. The invocation only plans and
 * fans out (plan-bulk-run.ts), then runs the preflight; `stopAt` is its deadline (run-deadline.ts).
 */
export async function runScheduledSync(
  deps: SyncHandlerDeps,
  _holderId: string,
  stopAt?: number,
): Promise<ScheduledRunResult> {
  const runId = newRunId('sched', deps.engine.clock.now());
  const logger = withLogFields(deps.engine.logger, { run_id: runId });
  if (!(await deps.runLock.acquireNamedLease(SCHEDULED_SYNC_LEASE, runId, LEASE_TTL_MS))) {
    logger.warn('scheduled sync skipped: the previous run still holds the lease');
    return { status: 'overlap' };
  }
  let run: Awaited<ReturnType<typeof planBulkRun>>;
  try {
    run = await planBulkRun(
      {
        runId,
        trigger: 'schedule',
        hoursBack: deps.config.sync.hoursBack,
        dryRun: deps.config.connector.dryRun,
        correlationId: randomUUID(),
      },
      deps,
      runId,
    );
  } catch (e: unknown) {
    await deps.runLock.releaseNamedLease(SCHEDULED_SYNC_LEASE, runId).catch((releaseError: unknown) =>
      logger.warn('could not release the scheduled-sync lease (it will expire)', {
        error: describeError(releaseError),
      }),
    );
    throw e;
  }
  await preflightAfter(deps, runId, stopAt, logger);
  return { status: 'planned', runId, listed: run.listed ?? 0, queued: run.queued ?? 0 };
}

/**
 * The check of upcoming events (core/preflight/), once the run is planned, in the planning
 * invocation while the run holds the lease, so two runs never mail the same preflight digest. It
 * reads TripleSeat under the same shared pace as the queued events. Skipped past the invocation's
 * deadline (the next run does it); its report also goes into the run's record.
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
  await deps.runs
    .attachPreflight(runId, report)
    .catch((e: unknown) =>
      logger.warn('could not add the preflight to the run record', { error: describeError(e) }),
    );
}
