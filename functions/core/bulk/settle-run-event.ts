import type { RunCloseMessage, RunEventMessage } from '#functions/core/contract/queue-message';
import type { BatchedLookupSource } from '#functions/core/deps/batched-lookup-source';
import type { SharedReadBack } from '#functions/core/deps/shared-read-back';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { withoutItems } from '#functions/core/engine/results';
import { syncEvent } from '#functions/core/engine/sync-event';
import { observeOutcome } from '#functions/core/events/outcome-metrics';
import { withLogFields } from '#functions/core/logging/log-context';
import { MAX_DELAY_SECONDS } from '#functions/core/ports/sync-queue';
import { finishBulkRun, settleIfComplete } from './finish-bulk-run';
import { isRoutine } from './run-record-results';

/**
 * One event a bulk run planned: synced under the event's lease and the shared pace exactly as a
 * webhook's message, its outcome added to the run (once, however often SQS delivers the message),
 * and the run finished if it was the last. As in the inline run before, a failure is recorded (the
 * next run tries again) rather than retried by the queue; a throw leaves the message to SQS. The
 * order written is read back with the queue batch's others (core/order/batch-read-back.ts).
 */
export async function settleRunEvent(
  message: RunEventMessage,
  deps: SyncHandlerDeps,
  holderId: string,
  readBack?: SharedReadBack,
  /** The queue batch's fresher look-up (refresh-lookups.ts), in place of the one the message carries. */
  refreshed?: BatchedLookupSource,
): Promise<boolean> {
  const { runId, eventId, correlationId, dryRun, lookup } = message;
  const logger = withLogFields(deps.engine.logger, { correlation_id: correlationId, run_id: runId });
  const carried = lookup
    ? async () => ({
        establishmentId: lookup.establishmentId,
        at: new Date(lookup.at),
        orders: lookup.orders.map((o) => ({
          id: o.id,
          uuid: o.uuid,
          localId: o.localId,
          establishmentId: o.establishmentId,
          subtotalCents: o.subtotalCents,
          finalTotalCents: o.finalTotalCents,
          closed: o.closed,
        })),
      })
    : undefined;
  const result = await syncEvent(
    eventId,
    { ...deps.engine, logger, holderId },
    {
      correlationId,
      dryRun,
      trigger: message.trigger,
      knownUpdatedAt: message.updatedAt,
      batchedLookup: refreshed ?? carried,
      readBack,
    },
  );
  if (!dryRun) await observeOutcome(result, deps, logger);
  const now = deps.engine.clock.now();
  // A routine skip is only counted at the finish: its money and details need not be kept till then.
  // Nor are an order's items (the digest shows totals): hundreds of results share one DynamoDB item.
  const stored = isRoutine(result, deps.engine.config, now, now)
    ? { id: result.id, name: result.name, date: result.date, status: result.status, reason: result.reason }
    : withoutItems(result);
  await deps.runs.recordRunResults(runId, [stored]);
  await settleIfComplete(runId, deps, logger);
  return true;
}

/**
 * The run's time limit: a run still waiting on its queue is finished with "N still queued" and its
 * digest sent. Arriving early (SQS delays at most 15 minutes), it sends itself again for the rest.
 */
export async function closeRunAtLimit(message: RunCloseMessage, deps: SyncHandlerDeps): Promise<boolean> {
  const logger = withLogFields(deps.engine.logger, {
    correlation_id: message.correlationId,
    run_id: message.runId,
  });
  const run = await deps.runs.getRun(message.runId);
  if (run?.state !== 'running' || run.listed === undefined) return true;
  const remainingMs = Date.parse(run.deadlineAt ?? '') - deps.engine.clock.now().getTime();
  if (remainingMs > 0) {
    await deps.queue.send(message, {
      delaySeconds: Math.min(MAX_DELAY_SECONDS, Math.ceil(remainingMs / 1000)),
    });
    return true;
  }
  await finishBulkRun(run, deps, logger, Math.max(0, run.listed - run.processed));
  return true;
}
