import { newRunId } from '../../core/bulk/run-id';
import type { ManualRequest } from '../../core/contract/manual-request';
import { runStatusPath } from '../../core/contract/routes';
import { describeError } from '../../core/domain/errors';
import { summarise } from '../../core/engine/results';
import { syncSingleEvent } from '../../core/events/sync-single-event';
import type { Logger } from '../../core/ports/logger';
import type { RunRecord } from '../../core/ports/runs';
import type { SyncHandlerDeps } from '../../core/sync-handler-deps';
import { type HttpResult, jsonResponse, serviceUnavailable } from './http-response';

export interface ManualContext {
  holderId: string;
  correlationId: string;
  logger: Logger;
}

/** One event answers with its summary at once; a bulk run is queued and answered 202 (API Gateway stops at 30 s). */
export async function startManualSync(
  request: ManualRequest,
  deps: SyncHandlerDeps,
  context: ManualContext,
): Promise<HttpResult> {
  const { holderId, correlationId, logger } = context;
  // connector.dryRun is the global preview switch: a request can ask for a preview, not lift it.
  const dryRun = request.dryRun === true || deps.config.connector.dryRun;
  if (request.kind === 'bulk') return queueBulkRun(request.hoursBack, dryRun, deps, context);
  logger.info('manual sync of one event', { event_id: request.eventId, dry_run: dryRun });
  const result = await syncSingleEvent(request.eventId, deps, holderId, {
    correlationId,
    logger,
    source: 'manual',
    dryRun,
  });
  return jsonResponse(200, summarise('single', correlationId, dryRun, [result]), correlationId);
}

async function queueBulkRun(
  hoursBack: number,
  dryRun: boolean,
  deps: SyncHandlerDeps,
  { correlationId, logger }: ManualContext,
): Promise<HttpResult> {
  const now = deps.engine.clock.now();
  const runId = newRunId('manual', now);
  const run: RunRecord = {
    runId,
    state: 'queued',
    trigger: 'manual',
    hoursBack,
    dryRun,
    correlationId,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    processed: 0,
  };
  await deps.runs.putRun(run);
  try {
    await deps.queue.send({ kind: 'bulk-run', runId, hoursBack, dryRun, correlationId });
  } catch (e: unknown) {
    logger.error('could not queue the bulk run', { run_id: runId, error: describeError(e) });
    const failed: RunRecord = { ...run, state: 'failed', error: 'the run could not be queued' };
    await deps.runs.putRun(failed).catch(() => undefined); // the 503 already tells the caller
    return serviceUnavailable('the run could not be queued; try again shortly', correlationId);
  }
  logger.info('manual bulk run queued', { run_id: runId, hours_back: hoursBack, dry_run: dryRun });
  const statusUrl = runStatusPath(runId);
  return jsonResponse(202, { run_id: runId, status: 'queued', status_url: statusUrl }, correlationId, {
    location: statusUrl,
  });
}
