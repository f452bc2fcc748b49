import type { BulkRunMessage } from '../platform/queue-message';
import { runBulk } from './bulk-run';
import type { SyncHandlerDeps } from './sync-deps';

/**
 * A manual bulk run handed over by the route. SQS may deliver it twice: a run already finished or
 * failed is not repeated. A recorded failure is for the operator, not retried (they start a new
 * run); a crash mid-run leaves `running` and an unrecorded throw rethrows, so SQS delivers it again.
 */
export async function runQueuedBulk(
  message: BulkRunMessage,
  deps: SyncHandlerDeps,
  holderId: string,
): Promise<void> {
  const existing = await deps.runs.getRun(message.runId);
  if (existing?.state === 'finished' || existing?.state === 'failed') {
    deps.engine.logger.info('bulk run already done; redelivery ignored', {
      run_id: message.runId,
      correlation_id: message.correlationId,
      state: existing.state,
    });
    return;
  }
  const { runId, hoursBack, dryRun, correlationId } = message;
  try {
    await runBulk(
      { runId, trigger: 'manual', hoursBack, dryRun, correlationId, createdAt: existing?.createdAt },
      deps,
      holderId,
    );
  } catch (e: unknown) {
    if ((await deps.runs.getRun(runId))?.state !== 'failed') throw e;
  }
}
