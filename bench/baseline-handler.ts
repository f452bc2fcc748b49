// The design this project replaces, as a baseline for the bench: the webhook handler injects the
// order before it answers TripleSeat. Built from the real verifier and the real sync handler; only
// the queue between them is replaced by a direct call.
import { randomUUID } from 'node:crypto';
import type { SyncMessage } from '#functions/core/contract/queue-message';
import type { WebhookDeps } from '#functions/core/intake/webhook-deps';
import type { SyncEntry } from '#functions/sync/handler';
import { toSqsEvent } from '../dev/sqs-event';

/** WebhookDeps whose queue runs the sync handler on the message and returns when it is done. */
export function injectBeforeAnswering(
  deps: WebhookDeps,
  sync: SyncEntry,
  queue: { queueUrl: string; region: string },
): WebhookDeps {
  return {
    ...deps,
    queue: {
      send: async (message: SyncMessage) => {
        const event = toSqsEvent(
          [
            {
              MessageId: randomUUID(),
              ReceiptHandle: randomUUID(),
              Body: JSON.stringify(message),
              MessageAttributes: {
                correlationId: { DataType: 'String', StringValue: message.correlationId },
              },
            },
          ],
          queue,
        );
        const result = (await sync(event)) as { batchItemFailures?: unknown[] } | undefined;
        if (result?.batchItemFailures?.length) throw new Error('baseline injection failed');
      },
    },
  };
}
