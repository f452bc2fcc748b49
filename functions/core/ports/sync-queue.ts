import type { SyncMessage } from '#functions/core/contract/queue-message';

/** SQS's most entries in one SendMessageBatch call. */
export const SEND_BATCH_SIZE = 10;
/** SQS's longest DelaySeconds. */
export const MAX_DELAY_SECONDS = 900;
/** SQS's most entries in one ChangeMessageVisibilityBatch call. */
export const VISIBILITY_BATCH_SIZE = 10;

/** What the webhook verifier sends on: one message at a time. */
export interface SyncQueue {
  /** `delaySeconds` (0..900): the message becomes visible that much later. */
  send(message: SyncMessage, options?: { delaySeconds?: number }): Promise<void>;
}

/** What the sync Lambda sends on: a bulk run's fan-out as well. */
export interface FanOutQueue extends SyncQueue {
  /**
   * Many messages, SEND_BATCH_SIZE per call; entries the queue refused are sent again a few times.
   * Resolves to the messages still not sent (none: all went), never throwing for a partial failure.
   */
  sendMany(messages: readonly SyncMessage[]): Promise<SyncMessage[]>;
  /**
   * Received messages (by receipt handle) made visible again `seconds` from now, rather than when
   * the queue's visibility timeout runs out. Resolves to the handles it could not change (those keep
   * the queue's timeout: later, never lost), never throwing.
   */
  showAgainAfter(receiptHandles: readonly string[], seconds: number): Promise<string[]>;
}
