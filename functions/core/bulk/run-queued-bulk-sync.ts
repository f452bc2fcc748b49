import type { BulkRunMessage } from '#functions/core/contract/queue-message';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import type { RunRecord } from '#functions/core/ports/runs';
import { planBulkRun } from './plan-bulk-run';
import { SYNC_TIMEOUT_MS } from './run-deadline';

/**
 * No invocation lives longer than the Lambda timeout, and a live run rewrites `updatedAt` as it
 * goes: a `running` record untouched for longer was left by an invocation that died.
 */
export const STALE_RUN_MS = SYNC_TIMEOUT_MS + 60_000;

/**
 * A manual bulk run handed over by the route: planned and fanned out here (plan-bulk-run.ts). SQS may deliver it twice: a run already finished or
 * failed is not repeated; one another invocation is still running is handed back to SQS (false), so
 * that if that invocation dies the message comes back and the stale check below decides. A recorded failure is for
 * the operator, not retried (they start a new run). A crash mid-run leaves `running`, and SQS
 * delivers the message again only after its visibility timeout (six Lambda timeouts), by which time
 * the record is stale and the run starts over; an unrecorded throw rethrows so that happens too.
 */
export async function runQueuedBulk(
  message: BulkRunMessage,
  deps: SyncHandlerDeps,
  holderId: string,
): Promise<boolean> {
  const { runId, hoursBack, dryRun, correlationId } = message;
  const { logger, clock } = deps.engine;
  const existing = await deps.runs.getRun(runId);
  const fields = { run_id: runId, correlation_id: correlationId, state: existing?.state };
  // Planned already (`listed` is set): its events are on the queue, and the run finishes as they settle.
  if (existing?.state === 'finished' || existing?.state === 'failed' || existing?.listed !== undefined) {
    logger.info('bulk run already done; redelivery ignored', fields);
    return true;
  }
  if (existing?.state === 'running') {
    if (!isStale(existing, clock.now())) {
      logger.info('bulk run still running in another invocation; SQS will deliver it again', fields);
      return false;
    }
    logger.warn('bulk run left running by an invocation that died; running it again', {
      ...fields,
      updated_at: existing.updatedAt,
    });
  }
  try {
    await planBulkRun(
      { runId, trigger: 'manual', hoursBack, dryRun, correlationId, createdAt: existing?.createdAt },
      deps,
      holderId,
    );
  } catch (e: unknown) {
    if ((await deps.runs.getRun(runId))?.state !== 'failed') throw e;
  }
  return true;
}

/** An unreadable `updatedAt` counts as stale: re-running is safe (event leases), never finishing is not. */
function isStale(run: RunRecord, now: Date): boolean {
  const age = now.getTime() - Date.parse(run.updatedAt);
  return Number.isNaN(age) || age > STALE_RUN_MS;
}
