import { RunNotQueuedError, startManualBulkRun } from '#functions/core/bulk/start-manual-bulk-run';
import type { ManualRequest } from '#functions/core/contract/manual-request';
import type { SyncAnswer } from '#functions/core/contract/operator-api/sync-answer';
import { runStatusPath } from '#functions/core/contract/routes';
import type { SyncTrigger } from '#functions/core/contract/sync-trigger';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { summarise } from '#functions/core/engine/results';
import { syncSingleEvent } from '#functions/core/events/sync-single-event';
import type { Logger } from '#functions/core/ports/logger';
import { type HttpResult, jsonResponse, serviceUnavailable } from './http-response';

export interface ManualContext {
  holderId: string;
  correlationId: string;
  logger: Logger;
  /** How the sync was started; `manual` unless the operator route says `operator`. */
  trigger?: SyncTrigger | undefined;
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
  if (request.kind === 'bulk') {
    try {
      const run = await startManualBulkRun(
        { hoursBack: request.hoursBack, dryRun, correlationId },
        deps,
        logger,
      );
      const statusUrl = runStatusPath(run.runId);
      const body = { run_id: run.runId, status: 'queued', status_url: statusUrl };
      return jsonResponse(202, body, correlationId, { location: statusUrl });
    } catch (e: unknown) {
      if (e instanceof RunNotQueuedError) return serviceUnavailable(e.message, correlationId);
      throw e;
    }
  }
  logger.info('manual sync of one event', { event_id: request.eventId, dry_run: dryRun });
  // No `knownUpdatedAt`, on purpose: "sync this event now" looks in Revel again for an event whose
  // order someone else made, instead of the ledger's answer (core/engine/event-outcome.ts).
  const result = await syncSingleEvent(request.eventId, deps, holderId, {
    correlationId,
    logger,
    source: 'manual',
    dryRun,
    trigger: context.trigger ?? 'manual',
  });
  // The summary as the contract has it (POST /api/events/{id}/sync answers the same): the compiler ties them.
  const answer: SyncAnswer = summarise('single', correlationId, dryRun, [result]);
  return jsonResponse(200, answer, correlationId);
}
