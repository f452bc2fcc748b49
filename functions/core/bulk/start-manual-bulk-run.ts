import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { AppError, describeError } from '#functions/core/domain/errors';
import type { Logger } from '#functions/core/ports/logger';
import type { RunRecord } from '#functions/core/ports/runs';
import { newRunId } from './run-id';

/** The run record exists but its queue message could not be sent: a retry of the request can help. */
export class RunNotQueuedError extends AppError {
  override readonly name = 'RunNotQueuedError';
  readonly code = 'RUN_NOT_QUEUED';
  readonly retryable = true;
  override readonly httpStatus = 503;
  constructor(readonly runId: string) {
    super('the run could not be queued; try again shortly');
  }
}

export interface ManualBulkRunRequest {
  hoursBack: number;
  dryRun: boolean;
  correlationId: string;
}

/**
 * Records a manual bulk run as `queued` and hands it to the sync queue, so the caller can be answered
 * at once (API Gateway cuts requests at 30 s) and the run outlives the request. A run whose message
 * could not be sent is recorded `failed` and RunNotQueuedError is thrown.
 */
export async function startManualBulkRun(
  request: ManualBulkRunRequest,
  deps: Pick<SyncHandlerDeps, 'engine' | 'runs' | 'queue'>,
  logger: Logger,
): Promise<RunRecord> {
  const { hoursBack, dryRun, correlationId } = request;
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
    await deps.runs.putRun(failed).catch(() => undefined); // the caller is told by the error below
    throw new RunNotQueuedError(runId);
  }
  logger.info('manual bulk run queued', { run_id: runId, hours_back: hoursBack, dry_run: dryRun });
  return run;
}
