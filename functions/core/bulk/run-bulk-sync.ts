import type { SyncHandlerDeps } from '../deps/sync-handler-deps';
import { describeError } from '../domain/errors';
import { type EventResult, markIncomplete, type SyncSummary, summarise } from '../engine/results';
import { observeOutcome } from '../events/outcome-metrics';
import { withLogFields } from '../logging/log-context';
import { notWrittenToday } from '../notify/not-written-today';
import { digestMail } from '../notify/outcome-mails';
import { sendMail } from '../notify/send-mail';
import type { RunRecord } from '../ports/runs';
import { failuresKey, REMIND_FAILURES_AFTER_HOURS, scheduledDigestDue } from './digest-due';
import { deadlinePassed } from './run-deadline';
import { createProgressReporter } from './run-progress';
import { syncRecentUntilStopped } from './sync-recent';

export interface BulkRunRequest {
  runId: string;
  trigger: RunRecord['trigger'];
  hoursBack: number;
  dryRun: boolean;
  correlationId: string;
  /** Kept from the `queued` record of a manual run; now otherwise. */
  createdAt?: string | undefined;
  /** No event is started from then on (epoch ms by the engine clock); undefined: no deadline. */
  stopAt?: number | undefined;
}

/**
 * A bulk reconciliation with its progress and final summary in the run record (what
 * `GET /api/sync/runs/{id}` serves) and one digest mail. A throw (e.g. TripleSeat auth on the
 * search) is recorded as `failed` and rethrown. At `stopAt` no further event starts and the run is
 * recorded `finished` with `summary.incomplete`, rather than being killed by Lambda mid-run and
 * left `running`.
 */
export async function runBulk(
  request: BulkRunRequest,
  deps: SyncHandlerDeps,
  holderId: string,
): Promise<SyncSummary> {
  const { runId, trigger, hoursBack, dryRun, correlationId } = request;
  const { clock } = deps.engine;
  const logger = withLogFields(deps.engine.logger, { correlation_id: correlationId, run_id: runId });
  const stamp = () => clock.now().toISOString();
  const started = stamp();
  const run: RunRecord = {
    runId,
    trigger,
    hoursBack,
    dryRun,
    correlationId,
    state: 'running',
    createdAt: request.createdAt ?? started,
    updatedAt: started,
    processed: 0,
  };
  await deps.runs.putRun(run);
  logger.info('bulk run started', { trigger, hours_back: hoursBack, dry_run: dryRun });

  const progress = createProgressReporter(
    (processed) =>
      deps.runs
        .putRun({ ...run, processed, updatedAt: stamp() })
        .catch((e: unknown) => logger.warn('could not record run progress', { error: describeError(e) })),
    clock,
  );
  let summary: SyncSummary;
  try {
    const { results, notStarted } = await syncRecentUntilStopped(
      { ...deps.engine, logger, holderId },
      {
        hoursBack,
        correlationId,
        dryRun,
        trigger,
        onResult: async (result) => {
          if (!dryRun) await observeOutcome(result, deps, logger);
          await progress.onResult();
        },
        shouldStop: deadlinePassed(request.stopAt, clock),
      },
    );
    summary = markIncomplete(summarise('bulk', correlationId, dryRun, results), notStarted);
  } catch (e: unknown) {
    logger.error('bulk run failed', { error: describeError(e) });
    const failed = { state: 'failed', error: describeError(e), processed: progress.processed() } as const;
    await deps.runs
      .putRun({ ...run, ...failed, updatedAt: stamp() })
      .catch((putError: unknown) =>
        logger.error('could not record the failed run', { error: describeError(putError) }),
      );
    throw e;
  }
  await deps.runs.putRun({
    ...run,
    state: 'finished',
    processed: summary.summary.queried,
    summary,
    updatedAt: stamp(),
  });
  logger.info('bulk run finished', { ...summary.summary });
  if (summary.incomplete) {
    logger.warn('bulk run stopped at the time limit; the next run continues', {
      not_started: summary.incomplete.not_started,
      processed: summary.summary.queried,
    });
  }
  const notWritten = notWrittenToday(summary.events, deps.engine.config, clock.now());
  if (!dryRun && (await digestDue(summary, trigger, deps, notWritten))) {
    await sendMail(deps, logger, 'digest', (s) =>
      digestMail(s, { runId, trigger, hoursBack, notWrittenToday: notWritten }, summary),
    );
    if (trigger === 'schedule')
      await deps.digestMarks
        ?.markScheduledDigest({ failures: failuresKey(summary, notWritten), mailedAt: stamp() })
        .catch((e: unknown) => logger.warn('could not record the digest', { error: describeError(e) }));
  }
  return summary;
}

/**
 * A manual run's digest answers the person who started it: sent when anything was injected or
 * failed. A scheduled run's follows scheduledDigestDue (digest-due.ts).
 */
async function digestDue(
  summary: SyncSummary,
  trigger: RunRecord['trigger'],
  deps: SyncHandlerDeps,
  notWritten: readonly EventResult[],
): Promise<boolean> {
  const { injected, failed } = summary.summary;
  if (trigger !== 'schedule' || deps.digestMarks === undefined)
    return injected + failed > 0 || summary.incomplete !== undefined;
  const previous = await deps.digestMarks.lastScheduledDigest().catch(() => undefined);
  const remind = deps.config.notifications?.remindFailuresAfterHours ?? REMIND_FAILURES_AFTER_HOURS;
  return scheduledDigestDue(summary, previous, deps.engine.clock.now(), remind, notWritten);
}
