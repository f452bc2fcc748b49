import type { RunProgress } from '#functions/core/contract/operator-api/runs';
import type { RunRecord, RunStore } from '#functions/core/ports/runs';
import { addCounts, noCounts, type StatusCounts } from './run-record-results';

/** A planned run's counts (the operator API's `progress`, core/contract/operator-api/runs.ts). */
export type RunTally = RunProgress;

/** Undefined for a run not planned yet (queued, or failed while planning) or recorded before fan-out. */
export async function tallyRun(
  run: RunRecord,
  runs: Pick<RunStore, 'runResults'>,
): Promise<RunTally | undefined> {
  if (run.listed === undefined || run.queued === undefined) return undefined;
  const summary = run.summary as
    | { summary?: Partial<StatusCounts>; events?: unknown[]; incomplete?: { still_queued?: number } }
    | undefined;
  const counts =
    run.state === 'finished'
      ? finishedCounts(summary)
      : addCounts(
          run.planningCounts ?? addCounts(noCounts(), run.planningResults ?? []),
          await runs.runResults(run.runId),
        );
  const stillQueued =
    run.state === 'finished'
      ? (summary?.incomplete?.still_queued ?? 0)
      : Math.max(0, run.listed - run.processed);
  return { listed: run.listed, queued: run.queued, ...counts, still_queued: stillQueued };
}

/** The summary's own counts: its `events` leave routine skips out. */
function finishedCounts(
  summary: { summary?: Partial<StatusCounts>; events?: unknown[] } | undefined,
): StatusCounts {
  const stored = summary?.summary;
  if (stored === undefined) return addCounts(noCounts(), summary?.events ?? []);
  const fallback = noCounts();
  return {
    injected: stored.injected ?? fallback.injected,
    skipped: stored.skipped ?? fallback.skipped,
    failed: stored.failed ?? fallback.failed,
    in_progress: stored.in_progress ?? fallback.in_progress,
    would_inject: stored.would_inject ?? fallback.would_inject,
  };
}
