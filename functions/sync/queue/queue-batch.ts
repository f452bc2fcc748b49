import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { refreshedLookups } from '#functions/core/bulk/refresh-lookups';
import { closeRunAtLimit, settleRunEvent } from '#functions/core/bulk/settle-run-event';
import { mapSharingReadBack, type ReadBackMember } from '#functions/core/concurrency/map-sharing-read-back';
import {
  MAX_RECEIVE_COUNT,
  type SyncMessage,
  syncMessageSchema,
} from '#functions/core/contract/queue-message';
import type { BatchedLookupSource } from '#functions/core/deps/batched-lookup-source';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { describeError } from '#functions/core/domain/errors';
import { type ParseProblem, parseJsonWith } from '#functions/core/domain/parse-with';
import { handleEventMessage } from '#functions/core/events/handle-event-message';
import { poisonMessageMail } from '#functions/core/notify/alert-mails';
import { sendMail } from '#functions/core/notify/send-mail';
import { BatchReadBack } from '#functions/core/order/batch-read-back';

const CONCURRENCY = 4;
/**
 * A message handed back unstarted at the invocation's deadline is visible again at once: it has no
 * reason to wait, and the queue's visibility timeout (6 × the sync timeout, lib/sync-queues.ts) would
 * hold it back 18 minutes. A retry (a vendor failure, a settling Revel create, an event another
 * sync holds) keeps that timeout: it is the back-off.
 */
export const UNSTARTED_VISIBLE_AFTER_SECONDS = 0;

/** A record's end: deleted, retried after the visibility timeout, or handed back unstarted. */
type Handled = 'done' | 'retry' | 'unstarted';
const handled = (done: boolean): Handled => (done ? 'done' : 'retry');

export interface QueueBatchOptions {
  /**
   * The invocation's deadline (run-deadline.ts): a run's event not started by then goes back to SQS
   * (Lambda would cut it off mid-way); undefined: none.
   */
  stopAt?: number | undefined;
  maxReceiveCount?: number;
}

/**
 * Every record on its own: only those a retry can help are reported in `batchItemFailures`, so
 * SQS deletes the rest. A poison message is dropped with an alert, never failing the batch. The
 * orders the batch writes are read back together (core/order/batch-read-back.ts). Records not started
 * before the deadline are shown again at once, for the next invocation.
 */
export async function processQueueBatch(
  event: SQSEvent,
  deps: SyncHandlerDeps,
  holderId: string,
  options: QueueBatchOptions = {},
): Promise<SQSBatchResponse> {
  const readBack = new BatchReadBack(deps.engine.revel, deps.engine.logger);
  const parsed = event.Records.map(parseRecord);
  const runEvents = parsed.flatMap((p) =>
    'message' in p && p.message.kind === 'run-event' ? [p.message] : [],
  );
  const lookups = refreshedLookups(runEvents, { ...deps.engine, holderId });
  const { results: done } = await mapSharingReadBack(
    parsed,
    CONCURRENCY,
    readBack,
    undefined,
    (one, shared) =>
      processRecord(one, deps, `${holderId}:${one.record.messageId}`, options, shared, lookups),
  );
  const unstarted = event.Records.filter((_, i) => done[i] === 'unstarted');
  if (unstarted.length > 0) await showAgainSoon(unstarted, deps);
  return {
    batchItemFailures: event.Records.filter((_, i) => done[i] !== 'done').map((r) => ({
      itemIdentifier: r.messageId,
    })),
  };
}

/** A record with its message, or why its body is poison (no retry can fix it). */
type ParsedRecord = { record: SQSRecord; message: SyncMessage } | { record: SQSRecord; poison: string };

function parseRecord(record: SQSRecord): ParsedRecord {
  try {
    return { record, message: parseJsonWith(syncMessageSchema, record.body, poisonMessage) };
  } catch (e: unknown) {
    if (!(e instanceof PoisonMessageError)) throw e;
    return { record, poison: e.message };
  }
}

async function showAgainSoon(records: readonly SQSRecord[], deps: SyncHandlerDeps): Promise<void> {
  const logger = deps.engine.logger;
  const unchanged = await deps.queue.showAgainAfter(
    records.map((r) => r.receiptHandle),
    UNSTARTED_VISIBLE_AFTER_SECONDS,
  );
  logger.info('messages not started before the deadline handed back', {
    handed_back: records.length,
    visible_after_seconds: UNSTARTED_VISIBLE_AFTER_SECONDS,
  });
  // Not lost: those come back when the queue's visibility timeout runs out.
  if (unchanged.length > 0)
    logger.warn('could not shorten the visibility of messages handed back; they wait the queue timeout', {
      unchanged: unchanged.length,
    });
}

async function processRecord(
  parsed: ParsedRecord,
  deps: SyncHandlerDeps,
  holderId: string,
  { stopAt, maxReceiveCount = MAX_RECEIVE_COUNT }: QueueBatchOptions,
  readBack: ReadBackMember,
  lookups: ReadonlyMap<string, BatchedLookupSource>,
): Promise<Handled> {
  const { record } = parsed;
  if ('poison' in parsed) {
    readBack.pass();
    await dropPoison(record, parsed.poison, deps);
    return 'done';
  }
  const { message } = parsed;
  try {
    if (message.kind === 'bulk-run') {
      // Planning writes no order: the batch's events must not wait for it.
      readBack.pass();
      // Loaded on the first queued manual run: an event message's cold start needs none of it.
      const { runQueuedBulk } = await import('#functions/core/bulk/run-queued-bulk-sync');
      return handled(await runQueuedBulk(message, deps, holderId));
    }
    if (message.kind === 'run-close') {
      readBack.pass();
      return handled(await closeRunAtLimit(message, deps));
    }
    if (message.kind === 'run-event') {
      if (stopAt !== undefined && deps.engine.clock.now().getTime() >= stopAt) {
        readBack.pass();
        return 'unstarted';
      }
      return handled(await settleRunEvent(message, deps, holderId, readBack, lookups.get(message.eventId)));
    }
    const delivery = { messageId: record.messageId, receiveCount: receiveCount(record) };
    return handled(await handleEventMessage(message, delivery, deps, holderId, maxReceiveCount, readBack));
  } catch (e: unknown) {
    deps.engine.logger.error('queue message failed; SQS will deliver it again', {
      message_id: record.messageId,
      correlation_id: message.correlationId,
      error: describeError(e),
    });
    return 'retry';
  }
}

/** A body no retry can fix; its message names the problem, never the body's content. */
class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
}

function poisonMessage({ kind, path, message }: ParseProblem): PoisonMessageError {
  if (kind === 'not-json') return new PoisonMessageError('the body is not JSON');
  return new PoisonMessageError(`invalid field "${path || '(root)'}" (${message})`);
}

/** The body itself is not logged or mailed: it is unknown input and may hold anything. */
async function dropPoison(record: SQSRecord, problem: string, deps: SyncHandlerDeps): Promise<void> {
  const messageId = record.messageId;
  const logger = deps.engine.logger;
  logger.error('poison queue message dropped', {
    message_id: messageId,
    receive_count: receiveCount(record),
    problem,
  });
  await sendMail(deps, logger, 'alert', (s) => poisonMessageMail(s, { messageId, problem }));
}

function receiveCount(record: SQSRecord): number {
  const count = Number(record.attributes?.ApproximateReceiveCount);
  return Number.isInteger(count) && count > 0 ? count : 1;
}
