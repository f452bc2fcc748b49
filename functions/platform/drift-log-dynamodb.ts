import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { DRIFT_FIELDS, fingerprintPaymentsSchema } from '../core/drift/fingerprint';
import type { DriftLog, DriftState } from '../core/ports/drift-log';
import { parseJsonAttribute } from './ledger-item';
import { driftKey, EVENT_RECORD_TTL_DAYS, ttlEpochSeconds } from './ledger-keys';

const field = z.enum(DRIFT_FIELDS);
const appendedLine = z.object({
  name: z.string(),
  quantity: z.number(),
  unitPriceCents: z.number().optional(),
});
const changeSchema = z.object({
  hash: z.string(),
  fields: z.array(field),
  changes: z.array(
    z.object({
      field,
      before: z.string(),
      after: z.string(),
    }),
  ),
  detectedAt: z.string(),
  appended: z.array(appendedLine).optional(),
  appendError: z.string().optional(),
  notesUpdate: z.object({ updated: z.boolean(), detail: z.string() }).optional(),
  paymentsUpdate: z
    .object({
      written: z.array(z.object({ cents: z.number(), createdDate: z.string() })),
      remainingDueCents: z.number().optional(),
      closed: z.boolean(),
      notDone: z.string().optional(),
    })
    .optional(),
});
const stateSchema = z.object({
  eventId: z.string(),
  revelOrderId: z.string(),
  // Keys JSON.stringify dropped read back as present and undefined, as the port's types have them.
  seenUpdatedAt: z
    .string()
    .optional()
    .transform((v) => v),
  current: changeSchema.optional().transform((v) => v),
  history: z.array(changeSchema),
  appendedLines: z.array(appendedLine).optional(),
  kitchenBaseline: z.array(z.string()).optional(),
  paymentsBaseline: fingerprintPaymentsSchema.optional(),
});

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
    return parseJsonAttribute(Item, key, 'record', stateSchema, 'not a drift record');
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
