import { type RunTally, tallyRun } from '#functions/core/bulk/run-tally';
import type { RunAnswer } from '#functions/core/contract/operator-api/runs';
import { syncAnswerSchema } from '#functions/core/contract/operator-api/sync-answer';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import type { RunRecord } from '#functions/core/ports/runs';
import { type HttpResult, jsonResponse, notFound } from './http-response';

/**
 * A run record as `GET /api/sync/runs/{id}` shows it (snake_case, like the summary it carries);
 * `progress` counts a planned run's events as their queue messages settle (null before planning).
 */
export function runView(run: RunRecord, progress?: RunTally): RunAnswer {
  return {
    run_id: run.runId,
    state: run.state,
    trigger: run.trigger,
    hours_back: run.hoursBack,
    dry_run: run.dryRun,
    correlation_id: run.correlationId,
    processed: run.processed,
    progress: progress ?? null,
    deadline_at: run.deadlineAt ?? null,
    summary: summaryOf(run.summary),
    error: run.error ?? null,
    created_at: run.createdAt,
    updated_at: run.updatedAt,
  };
}

export async function showRun(
  runId: string,
  deps: SyncHandlerDeps,
  correlationId: string,
): Promise<HttpResult> {
  const run = await deps.runs.getRun(runId);
  if (!run) return notFound(correlationId);
  return jsonResponse(200, runView(run, await tallyRun(run, deps.runs)), correlationId);
}

/** A stored summary as the contract has it; one that no longer reads (an older shape) shows as none. */
function summaryOf(stored: unknown): RunAnswer['summary'] {
  const read = syncAnswerSchema.safeParse(stored);
  return read.success ? read.data : null;
}
