import type { SyncTrigger } from '#functions/core/contract/sync-trigger';
import type { SharedReadBack } from '#functions/core/deps/shared-read-back';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import type { EventResult } from '#functions/core/engine/results';
import { syncEvent } from '#functions/core/engine/sync-event';
import { type FailureSource, failedMail, injectedMail } from '#functions/core/notify/outcome-mails';
import { sendMail } from '#functions/core/notify/send-mail';
import type { LedgerRecord } from '#functions/core/ports/ledger';
import type { Logger } from '#functions/core/ports/logger';
import { observeOutcome } from './outcome-metrics';

export interface SingleEventOptions {
  correlationId: string;
  /** Already carries the correlation id (and message id on the queue path). */
  logger: Logger;
  source: FailureSource;
  /** Queue only: this receive is the last one before the dead-letter queue. */
  lastAttempt?: boolean;
  /** Undefined → the connector's default (`connector.dryRun`). */
  dryRun?: boolean;
  /** The event's `updated_at` as the webhook carried it (queue message): see SyncEventOptions. */
  knownUpdatedAt?: string | undefined;
  /** How the sync was started, recorded with its outcome. */
  trigger: SyncTrigger;
  /** A queue batch's shared read-back (core/order/batch-read-back.ts); absent: the order is read alone. */
  readBack?: SharedReadBack | undefined;
}

/** One event through the engine, then the mail its outcome calls for (queue and manual route alike). */
export async function syncSingleEvent(
  eventId: string,
  deps: SyncHandlerDeps,
  holderId: string,
  options: SingleEventOptions,
): Promise<EventResult> {
  const { correlationId, logger } = options;
  const dryRun = options.dryRun ?? deps.config.connector.dryRun;
  // What the ledger said before this attempt: a failure it already recorded was already mailed.
  const before = dryRun ? undefined : await deps.engine.ledger.get(eventId);
  const result = await syncEvent(
    eventId,
    { ...deps.engine, logger, holderId },
    {
      correlationId,
      dryRun,
      trigger: options.trigger,
      knownUpdatedAt: options.knownUpdatedAt,
      readBack: options.readBack,
    },
  );
  // A preview has no consequences worth a mail or a metric.
  if (dryRun) return result;
  await observeOutcome(result, deps, logger);
  if (result.status === 'injected') {
    await sendMail(deps, logger, 'onInjected', (s) => injectedMail(s, result, correlationId));
  } else if (result.status === 'failed' && failureIsFinal(result, options)) {
    if (sameFailure(before, result)) {
      logger.info('failure already mailed', { event_id: eventId, reason: result.reason });
    } else {
      await sendMail(deps, logger, 'onFailed', (s) => failedMail(s, result, correlationId, options.source));
    }
  }
  return result;
}

/**
 * The event failed the same way last time (reason and message): its mail went out then, and the
 * scheduled runs' digest lists it while it stays failed — one mail per failure, not per retry.
 */
function sameFailure(before: LedgerRecord | undefined, result: EventResult): boolean {
  return (
    before?.status === 'failed' &&
    before.reason === (result.reason ?? undefined) &&
    before.error === (result.error ?? undefined)
  );
}

/** A queued retryable failure is retried by SQS; it is mailed only when no retry is left. */
function failureIsFinal(result: EventResult, options: SingleEventOptions): boolean {
  return result.retryable !== true || options.source === 'manual' || options.lastAttempt === true;
}
