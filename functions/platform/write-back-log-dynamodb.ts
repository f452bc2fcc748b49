import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { WriteBackLog, WriteBackState } from '#functions/core/ports/write-back-log';
import { parseJsonAttribute } from './ledger-item';
import { EVENT_RECORD_TTL_DAYS, ttlEpochSeconds, writeBackKey } from './ledger-keys';

const kind = z.enum(['injected', 'paid']);
const stateSchema = z.object({
  eventId: z.string(),
  revelOrderId: z.string(),
  notes: z.array(z.object({ kind, noteId: z.string(), at: z.string(), found: z.boolean() })),
  error: z
    .object({ kind, message: z.string(), at: z.string(), retryable: z.boolean() })
    .optional()
    .transform((v) => v),
});

/** The WriteBackLog port on the ledger table: `WRITEBACK#<eventId>` holds the state as JSON (ledger-keys.ts). */
export class DynamoDbWriteBackLog implements WriteBackLog {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #now: () => number;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string; now?: () => number }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#now = options.now ?? Date.now;
  }

  async getWriteBack(eventId: string): Promise<WriteBackState | undefined> {
    const key = writeBackKey(eventId);
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: { pk: key }, ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    return parseJsonAttribute(Item, key, 'record', stateSchema, 'not a write-back record');
  }

  /** Written under the event's lease (core/engine/sync-event.ts), so a plain put cannot race. */
  async putWriteBack(state: WriteBackState): Promise<void> {
    const now = this.#now();
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: {
          pk: writeBackKey(state.eventId),
          record: JSON.stringify(state),
          updatedAt: new Date(now).toISOString(),
          expiresAt: ttlEpochSeconds(now, EVENT_RECORD_TTL_DAYS),
        },
      }),
    );
  }
}
