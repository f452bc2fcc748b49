import {
  ChangeMessageVisibilityBatchCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { type SyncMessage, syncMessageSchema } from '#functions/core/contract/queue-message';
import { type FanOutQueue, SEND_BATCH_SIZE, VISIBILITY_BATCH_SIZE } from '#functions/core/ports/sync-queue';

export interface SqsSyncQueueOptions {
  client: SQSClient;
  queueUrl: string;
  /** Tries of one entry in sendMany before it is given back as not sent (default 3). */
  batchAttempts?: number;
}

/**
 * The sync queue on SQS. `send` errors propagate: the verifier answers 503 so TripleSeat retries, and
 * the manual route answers 5xx rather than a 202 for a run that was never handed off.
 */
export class SqsSyncQueue implements FanOutQueue {
  readonly #client: SQSClient;
  readonly #queueUrl: string;
  readonly #batchAttempts: number;

  constructor(options: SqsSyncQueueOptions) {
    this.#client = options.client;
    this.#queueUrl = options.queueUrl;
    this.#batchAttempts = options.batchAttempts ?? 3;
  }

  async send(message: SyncMessage, options: { delaySeconds?: number } = {}): Promise<void> {
    // Checked on the way out too: the sync Lambda would only dead-letter a malformed body.
    const body = syncMessageSchema.parse(message);
    await this.#client.send(
      new SendMessageCommand({
        QueueUrl: this.#queueUrl,
        MessageBody: JSON.stringify(body),
        DelaySeconds: options.delaySeconds,
        MessageAttributes: {
          correlationId: { DataType: 'String', StringValue: body.correlationId },
        },
      }),
    );
  }

  /**
   * SendMessageBatch answers 200 with some entries failed: those (and a whole call that threw) are
   * sent again, up to `batchAttempts` tries; what still failed is returned, never silently dropped.
   */
  async sendMany(messages: readonly SyncMessage[]): Promise<SyncMessage[]> {
    const bodies = messages.map((m) => syncMessageSchema.parse(m));
    let pending = bodies.map((body, i) => ({ id: String(i), body }));
    for (let attempt = 0; attempt < this.#batchAttempts && pending.length > 0; attempt += 1) {
      const failed: typeof pending = [];
      for (let i = 0; i < pending.length; i += SEND_BATCH_SIZE) {
        const chunk = pending.slice(i, i + SEND_BATCH_SIZE);
        try {
          const answer = await this.#client.send(
            new SendMessageBatchCommand({
              QueueUrl: this.#queueUrl,
              Entries: chunk.map(({ id, body }) => ({
                Id: id,
                MessageBody: JSON.stringify(body),
                MessageAttributes: {
                  correlationId: { DataType: 'String', StringValue: body.correlationId },
                },
              })),
            }),
          );
          const refused = new Set((answer.Failed ?? []).map((f) => f.Id));
          failed.push(...chunk.filter((entry) => refused.has(entry.id)));
        } catch {
          failed.push(...chunk);
        }
      }
      pending = failed;
    }
    return pending.map((entry) => entry.body);
  }

  async showAgainAfter(receiptHandles: readonly string[], seconds: number): Promise<string[]> {
    const unchanged: string[] = [];
    for (let i = 0; i < receiptHandles.length; i += VISIBILITY_BATCH_SIZE) {
      const chunk = receiptHandles.slice(i, i + VISIBILITY_BATCH_SIZE);
      try {
        const answer = await this.#client.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: this.#queueUrl,
            Entries: chunk.map((handle, j) => ({
              Id: String(j),
              ReceiptHandle: handle,
              VisibilityTimeout: seconds,
            })),
          }),
        );
        for (const failed of answer.Failed ?? []) {
          const handle = chunk[Number(failed.Id)];
          if (handle !== undefined) unchanged.push(handle);
        }
      } catch {
        unchanged.push(...chunk);
      }
    }
    return unchanged;
  }
}
