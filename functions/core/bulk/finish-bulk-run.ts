import * as z from 'zod';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { describeError } from '#functions/core/domain/errors';
import { type EventResult, type SyncSummary, summarise } from '#functions/core/engine/results';
import { notWrittenToday } from '#functions/core/notify/not-written-today';
import { digestMail } from '#functions/core/notify/outcome-mails';
import { sendMail } from '#functions/core/notify/send-mail';
import type { Logger } from '#functions/core/ports/logger';
import { MetricName } from '#functions/core/ports/metrics';
import type { RunRecord } from '#functions/core/ports/runs';
import { failuresKey, REMIND_FAILURES_AFTER_HOURS, scheduledDigestDue } from './digest-due';
import { addCounts, isRoutine, LISTED_LINES_BYTES, listedResults, noCounts } from './run-record-results';

export const SCHEDULED_SYNC_LEASE = 'scheduled-sync';

/**
 * A run's stored results are written by this module's callers only; read back tolerantly, the
 * fields the summary and the digest use checked.
 */
const storedResultSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullable().catch(null),
  date: z.string().nullable().catch(null),
  status: z.enum(['injected', 'skipped', 'failed', 'in_progress', 'would_inject']),
  revel_order_id: z.string().nullable().catch(null),
  reason: z.string().nullable().catch(null),
  error: z.string().nullable().catch(null),
});

function storedResults(values: readonly unknown[], logger: Logger): EventResult[] {
  return values.flatMap((value) => {
    const parsed = storedResultSchema.safeParse(value);
    if (parsed.success) return [parsed.data as EventResult];
    logger.warn('unreadable event result in the run record left out', { problem: parsed.error.message });
    return [];
  });
}

/** Finishes the run once every listed event has its result (the last consumer to settle gets here). */
export async function settleIfComplete(runId: string, deps: SyncHandlerDeps, logger: Logger): Promise<void> {
  const run = await deps.runs.getRun(runId);
  if (run?.state !== 'running' || run.listed === undefined) return;
  if (run.processed < run.listed) return;
  await finishBulkRun(run, deps, logger, 0);
}

/**
 * Stores the run's summary with one conditional write: only the caller whose write lands (the last
 * consumer, or the time limit's `run-close`) sends the digest and frees the scheduled-run lease, so
 * the digest goes out exactly once. `stillQueued` > 0: the time limit came first.
 */
export async function finishBulkRun(
  run: RunRecord,
  deps: SyncHandlerDeps,
  logger: Logger,
  stillQueued: number,
): Promise<boolean> {
  const queuedResults = storedResults(await deps.runs.runResults(run.runId), logger);
  const planning = storedResults(run.planningResults ?? [], logger);
  // Records planned before routine skips were only counted hold every planning result.
  const counts = addCounts(run.planningCounts ?? addCounts(noCounts(), planning), queuedResults);
  const now = deps.engine.clock.now();
  const kept = [...planning, ...queuedResults.filter((r) => !isRoutine(r, deps.engine.config, now, now))];
  const events = listedResults(kept, LISTED_LINES_BYTES);
  const summed = summarise('bulk', run.correlationId, run.dryRun, events);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const counted: SyncSummary = {
    ...summed,
    success: counts.failed === 0,
    summary: { queried: total, ...counts },
    ...(total > events.length ? { events_omitted: total - events.length } : {}),
  };
  const summary: SyncSummary =
    stillQueued > 0
      ? { ...counted, success: false, incomplete: { not_started: 0, still_queued: stillQueued } }
      : counted;
  const { planningResults: _kept, planningCounts: _counts, ...fields } = run;
  const finished: RunRecord = {
    ...fields,
    state: 'finished',
    processed: total,
    summary,
    updatedAt: deps.engine.clock.now().toISOString(),
  };
  if (!(await deps.runs.finishRun(finished))) return false;
  logger.info('bulk run finished', { ...summary.summary, still_queued: stillQueued });
  if (stillQueued > 0)
    logger.warn('bulk run reached its time limit with events still queued', { still_queued: stillQueued });
  if (run.trigger === 'schedule') {
    deps.metrics.count(MetricName.ScheduledRunCompleted);
    await deps.runLock.releaseNamedLease(SCHEDULED_SYNC_LEASE, run.runId).catch((e: unknown) =>
      logger.warn('could not release the scheduled-sync lease (it will expire)', {
        error: describeError(e),
      }),
    );
  }
  const notWritten = notWrittenToday(summary.events, deps.engine.config, deps.engine.clock.now());
  if (!run.dryRun && (await digestDue(summary, run.trigger, deps, notWritten))) {
    const { runId, trigger, hoursBack } = run;
    await sendMail(deps, logger, 'digest', (s) =>
      digestMail(s, { runId, trigger, hoursBack, notWrittenToday: notWritten }, summary),
    );
    if (trigger === 'schedule')
      await deps.digestMarks
        ?.markScheduledDigest({
          failures: failuresKey(summary, notWritten),
          mailedAt: deps.engine.clock.now().toISOString(),
        })
        .catch((e: unknown) => logger.warn('could not record the digest', { error: describeError(e) }));
  }
  return true;
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
