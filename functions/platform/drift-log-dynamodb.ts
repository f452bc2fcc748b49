import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { DriftLog, DriftState } from '../core/ports/drift-log';
import { LedgerItemInvalidError } from './ledger-item';
import { driftKey, EVENT_RECORD_TTL_DAYS, ttlEpochSeconds } from './ledger-keys';

const changeSchema = z.object({
  hash: z.string(),
  fields: z.array(z.enum(['status', 'deleted', 'date', 'time', 'location', 'guest_count', 'items', 'money'])),
  changes: z.array(
    z.object({
      field: z.enum(['status', 'deleted', 'date', 'time', 'location', 'guest_count', 'items', 'money']),
      before: z.string(),
      after: z.string(),
    }),
  ),
  detectedAt: z.string(),
  appended: z.array(z.object({ name: z.string(), quantity: z.number() })).optional(),
});
const stateSchema = z.object({
  eventId: z.string(),
  revelOrderId: z.string(),
  seenUpdatedAt: z.string().optional(),
  current: changeSchema.optional(),
  history: z.array(changeSchema),
});
const itemSchema = z.object({ record: z.string() });

/** The DriftLog port on the ledger table: `DRIFT#<eventId>` holds the state as JSON (ledger-keys.ts). */
export class DynamoDbDriftLog implements DriftLog {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #now: () => number;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string; now?: () => number }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#now = options.now ?? Date.now;
  }

  async getDrift(eventId: string): Promise<DriftState | undefined> {
    const key = driftKey(eventId);
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: { pk: key }, ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    try {
      const parsed = stateSchema.parse(JSON.parse(itemSchema.parse(Item).record));
      return {
        eventId: parsed.eventId,
        revelOrderId: parsed.revelOrderId,
        seenUpdatedAt: parsed.seenUpdatedAt,
        current: parsed.current,
        history: parsed.history,
      };
    } catch (e: unknown) {
      if (e instanceof SyntaxError || e instanceof z.ZodError)
        throw new LedgerItemInvalidError(key, 'record', 'not a drift record');
      throw e;
    }
  }

  /** Written under the event's lease (core/drift/watch-drift.ts), so a plain put cannot race. */
  async putDrift(state: DriftState): Promise<void> {
    const now = this.#now();
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: {
          pk: driftKey(state.eventId),
          record: JSON.stringify(state),
          updatedAt: new Date(now).toISOString(),
          expiresAt: ttlEpochSeconds(now, EVENT_RECORD_TTL_DAYS),
        },
      }),
    );
  }
}
