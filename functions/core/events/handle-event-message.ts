import type { EventMessage } from '#functions/core/contract/queue-message';
import { DELETE_EVENT } from '#functions/core/contract/triggers';
import type { SharedReadBack } from '#functions/core/deps/shared-read-back';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import type { EventResult } from '#functions/core/engine/results';
import { withLogFields } from '#functions/core/logging/log-context';
import type { Logger } from '#functions/core/ports/logger';
import { handleDeletedEvent } from './handle-deleted-event';
import { syncSingleEvent } from './sync-single-event';

/** Which delivery of a queue message this is (SQS counts receives from 1). */
export interface QueueDelivery {
  messageId: string;
  receiveCount: number;
}

/** One `event` queue message; true = done (delete it from the queue), false = let SQS deliver it again. */
export async function handleEventMessage(
  message: EventMessage,
  delivery: QueueDelivery,
  deps: SyncHandlerDeps,
  holderId: string,
  maxReceiveCount: number,
  readBack?: SharedReadBack,
): Promise<boolean> {
  const { eventId, correlationId } = message;
  const logger = withLogFields(deps.engine.logger, {
    correlation_id: correlationId,
    message_id: delivery.messageId,
    trigger: message.trigger,
  });
  if (message.trigger === DELETE_EVENT)
    return handleDeletedEvent(eventId, deps, holderId, correlationId, logger);
  const lastAttempt = delivery.receiveCount >= maxReceiveCount;
  const result = await syncSingleEvent(eventId, deps, holderId, {
    correlationId,
    logger,
    source: 'queue',
    lastAttempt,
    knownUpdatedAt: message.updatedAt,
    trigger: delivery.receiveCount > 1 ? 'queue' : 'webhook',
    readBack,
  });
  return isSettled(result, lastAttempt, logger);
}

function isSettled(result: EventResult, lastAttempt: boolean, logger: Logger): boolean {
  if (result.status === 'failed') return result.retryable !== true;
  if (result.status !== 'in_progress') return true;
  // Another sync holds the lease and will record the outcome, or a Revel create is settling
  // (WRITE_SETTLING) and the scheduled run finishes it: a dead-letter entry would only be noise.
  if (lastAttempt)
    logger.warn('event still in progress on the last receive; leaving it to a later sync', {
      reason: result.reason,
    });
  return lastAttempt;
}
