import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { PreflightReport, PreflightStore } from '../core/ports/preflight-store';
import { parseJsonAttribute } from './ledger-item';
import { PREFLIGHT_KEY, RUN_RECORD_TTL_DAYS, ttlEpochSeconds } from './ledger-keys';

// A key JSON.stringify dropped reads back as present and undefined, as the port's types have it.
const text = z
  .string()
  .optional()
  .transform((v) => v);
const problemSchema = z.object({
  eventId: text,
  eventName: text,
  date: text,
  location: text,
  reason: z.string(),
  detail: z.string(),
  fix: z.string(),
});
const reportSchema = z.object({
  checkedAt: z.string(),
  runId: text,
  days: z.number(),
  eventsChecked: z.number(),
  tripleseatRequests: z.number(),
  problems: z.array(problemSchema),
  problemsHash: z.string(),
  mailedAt: text,
  mailedHash: text,
});

/** The PreflightStore port on the ledger table: one item, `PREFLIGHT#latest` (ledger-keys.ts). */
export class DynamoDbPreflightStore implements PreflightStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #now: () => number;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string; now?: () => number }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#now = options.now ?? Date.now;
  }

  async getPreflight(): Promise<PreflightReport | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: { pk: PREFLIGHT_KEY }, ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    return parseJsonAttribute(Item, PREFLIGHT_KEY, 'report', reportSchema, 'not a preflight report');
  }

  /** Only scheduled runs write it, one at a time (the scheduled-sync lease): a plain put. */
  async putPreflight(report: PreflightReport): Promise<void> {
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: {
          pk: PREFLIGHT_KEY,
          report: JSON.stringify(report),
          expiresAt: ttlEpochSeconds(this.#now(), RUN_RECORD_TTL_DAYS),
        },
      }),
    );
  }
}
