import { mapWithConcurrency } from '#functions/core/concurrency/map-with-concurrency';
import type { RunEventMessage, SyncMessage } from '#functions/core/contract/queue-message';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { describeError } from '#functions/core/domain/errors';
import type { TripleSeatEvent } from '#functions/core/domain/model';
import { FailReason } from '#functions/core/domain/reasons';
import type { EventResult } from '#functions/core/engine/results';
import { withLogFields } from '#functions/core/logging/log-context';
import { localIdsFor } from '#functions/core/order/local-id';
import type { Logger } from '#functions/core/ports/logger';
import type { RunRecord } from '#functions/core/ports/runs';
import { MAX_DELAY_SECONDS } from '#functions/core/ports/sync-queue';
import { planBatchedLookups } from './batched-lookups';
import { settleIfComplete } from './finish-bulk-run';
import { addCounts, isRoutine, listedResults, noCounts, PLANNING_LINES_BYTES } from './run-record-results';
import { judgeFromListing, listRecentEvents, withListing } from './sync-recent';

/**
 * How long a run waits for its queued events before it is finished with "N still queued" (and its
 * digest sent). Below the 45-minute schedule, so a scheduled run always ends before the next starts;
 * far above a busy day's queue time at the vendors' pace (docs/architecture.md, "Throughput").
 */
export const RUN_TIME_LIMIT_MS = 30 * 60_000;
const LEDGER_READS_AT_ONCE = 10;

export interface BulkRunRequest {
  runId: string;
  trigger: RunRecord['trigger'];
  hoursBack: number;
  dryRun: boolean;
  correlationId: string;
  /** Kept from the `queued` record of a manual run; now otherwise. */
  createdAt?: string | undefined;
}

/**
 * Plans a bulk run and fans it out: lists the events, settles what the listing and the ledger
 * already answer, asks Revel for the rest's orders in batches, then sends one `run-event` message per
 * event that needs work (SendMessageBatch) and a `run-close` message for the time limit. The queue's
 * consumers do the work (settle-run-event.ts) and the last one to settle finishes the run
 * (finish-bulk-run.ts). Entries the queue refused after retries are recorded failed (NOT_QUEUED). A
 * throw while planning (e.g. TripleSeat auth on the search) is recorded as `failed` and rethrown.
 */
export async function planBulkRun(
  request: BulkRunRequest,
  deps: SyncHandlerDeps,
  holderId: string,
): Promise<RunRecord> {
  const { runId, trigger, hoursBack, dryRun, correlationId } = request;
  const { clock } = deps.engine;
  const logger = withLogFields(deps.engine.logger, { correlation_id: correlationId, run_id: runId });
  const started = clock.now();
  const run: RunRecord = {
    runId,
    trigger,
    hoursBack,
    dryRun,
    correlationId,
    state: 'running',
    createdAt: request.createdAt ?? started.toISOString(),
    updatedAt: started.toISOString(),
    processed: 0,
  };
  await deps.runs.putRun(run);
  logger.info('bulk run started', { trigger, hours_back: hoursBack, dry_run: dryRun });
  let planned: RunRecord;
  let messages: RunEventMessage[];
  try {
    const engine = { ...deps.engine, logger, holderId };
    const events = await listRecentEvents(engine, hoursBack);
    const judged = await mapWithConcurrency(events, LEDGER_READS_AT_ONCE, (listed) =>
      judgeFromListing(listed, engine),
    );
    const planningResults = events.flatMap((listed, i) => {
      const result = judged[i];
      return result ? [withListing(result, listed)] : [];
    });
    const toQueue = events.filter((_, i) => judged[i] === undefined);
    messages = await runEventMessages(toQueue, request, deps, engine);
    const deadline = new Date(started.getTime() + RUN_TIME_LIMIT_MS);
    planned = {
      ...run,
      listed: events.length,
      queued: messages.length,
      processed: planningResults.length,
      deadlineAt: deadline.toISOString(),
      planningResults: listedResults(
        planningResults.filter((r) => !isRoutine(r, deps.engine.config, started, deadline)),
        PLANNING_LINES_BYTES,
      ),
      planningCounts: addCounts(noCounts(), planningResults),
      updatedAt: clock.now().toISOString(),
    };
    // Before the first message goes: a consumer's settle counts against `queued`.
    await deps.runs.putRun(planned);
  } catch (e: unknown) {
    logger.error('bulk run failed', { error: describeError(e) });
    await deps.runs
      .putRun({ ...run, state: 'failed', error: describeError(e), updatedAt: clock.now().toISOString() })
      .catch((putError: unknown) =>
        logger.error('could not record the failed run', { error: describeError(putError) }),
      );
    throw e;
  }
  logger.info('bulk run planned', { listed: planned.listed, queued: planned.queued });
  await fanOut(messages, planned, deps, logger);
  await settleIfComplete(runId, deps, logger);
  return planned;
}

async function runEventMessages(
  toQueue: readonly TripleSeatEvent[],
  request: BulkRunRequest,
  deps: SyncHandlerDeps,
  engine: Parameters<typeof planBatchedLookups>[1],
): Promise<RunEventMessage[]> {
  const lookups = await planBatchedLookups(toQueue, engine);
  const messages: RunEventMessage[] = [];
  for (const listed of toQueue) {
    const answer = await lookups.get(listed.id)?.();
    const own = new Set(localIdsFor(deps.config.revel, listed.id).all);
    const orders = answer?.orders.filter((o) => o.localId !== undefined && own.has(o.localId)) ?? [];
    messages.push({
      kind: 'run-event',
      runId: request.runId,
      eventId: listed.id,
      trigger: request.trigger,
      dryRun: request.dryRun,
      correlationId: request.correlationId,
      ...(listed.updatedAt !== undefined ? { updatedAt: listed.updatedAt } : {}),
      ...(answer
        ? {
            lookup: {
              establishmentId: answer.establishmentId,
              at: answer.at.toISOString(),
              orders,
            },
          }
        : {}),
    });
  }
  return messages;
}

/** Sends the run's messages; what the queue would not take is recorded failed, never silently lost. */
async function fanOut(
  messages: readonly RunEventMessage[],
  run: RunRecord,
  deps: SyncHandlerDeps,
  logger: Logger,
): Promise<void> {
  if (messages.length === 0) return;
  let unsent: SyncMessage[];
  try {
    unsent = await deps.queue.sendMany(messages);
  } catch (e: unknown) {
    logger.error('could not queue the run events', { error: describeError(e) });
    unsent = [...messages];
  }
  if (unsent.length > 0) {
    logger.error('run events not queued; the next run tries them again', { not_queued: unsent.length });
    const failed = unsent.flatMap((m) => (m.kind === 'run-event' ? [notQueued(m.eventId)] : []));
    await deps.runs.recordRunResults(run.runId, failed);
  }
  const close = { kind: 'run-close', runId: run.runId, correlationId: run.correlationId } as const;
  await deps.queue
    .send(close, { delaySeconds: Math.min(MAX_DELAY_SECONDS, RUN_TIME_LIMIT_MS / 1000) })
    .catch((e: unknown) =>
      logger.warn('could not queue the run-close message; the run finishes when its last event settles', {
        error: describeError(e),
      }),
    );
}

function notQueued(eventId: string): EventResult {
  return {
    id: eventId,
    name: null,
    date: null,
    status: 'failed',
    revel_order_id: null,
    reason: FailReason.NOT_QUEUED,
    error: 'the queue did not take this event; the next run tries again',
    retryable: true,
  };
}
