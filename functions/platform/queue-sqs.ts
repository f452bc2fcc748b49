import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type SyncMessage, syncMessageSchema } from '../core/contract/queue-message';
import type { SyncQueue } from '../core/ports/sync-queue';

export interface SqsSyncQueueOptions {
  client: SQSClient;
  queueUrl: string;
}

/**
 * The sync queue on SQS. Errors propagate: the verifier answers 503 so TripleSeat retries, and
 * the manual route answers 5xx rather than a 202 for a run that was never handed off.
 */
export class SqsSyncQueue implements SyncQueue {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  constructor(options: SqsSyncQueueOptions) {
    this.#client = options.client;
    this.#queueUrl = options.queueUrl;
  }

  async send(message: SyncMessage): Promise<void> {
    // Checked on the way out too: the sync Lambda would only dead-letter a malformed body.
    const body = syncMessageSchema.parse(message);
    await this.#client.send(
      new SendMessageCommand({
        QueueUrl: this.#queueUrl,
        MessageBody: JSON.stringify(body),
        MessageAttributes: {
          correlationId: { DataType: 'String', StringValue: body.correlationId },
        },
      }),
    );
  }
}
