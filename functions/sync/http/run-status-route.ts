import type { SyncHandlerDeps } from '../../core/deps/sync-handler-deps';
import type { RunRecord } from '../../core/ports/runs';
import { type HttpResult, jsonResponse, notFound } from './http-response';

/** A run record as `GET /api/sync/runs/{id}` shows it (snake_case, like the summary it carries). */
export function runView(run: RunRecord) {
  return {
    run_id: run.runId,
    state: run.state,
    trigger: run.trigger,
    hours_back: run.hoursBack,
    dry_run: run.dryRun,
    correlation_id: run.correlationId,
    processed: run.processed,
    summary: run.summary ?? null,
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
  return run ? jsonResponse(200, runView(run), correlationId) : notFound(correlationId);
}
