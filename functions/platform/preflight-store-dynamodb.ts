import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { PreflightReport, PreflightStore } from '../core/ports/preflight-store';
import { LedgerItemInvalidError } from './ledger-item';
import { PREFLIGHT_KEY, RUN_RECORD_TTL_DAYS, ttlEpochSeconds } from './ledger-keys';

const text = z.string().optional();
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
const itemSchema = z.object({ report: z.string() });

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
    try {
      const report = reportSchema.parse(JSON.parse(itemSchema.parse(Item).report));
      return {
        ...report,
        problems: report.problems.map((p) => ({
          ...p,
          eventId: p.eventId,
          eventName: p.eventName,
          date: p.date,
          location: p.location,
        })),
      };
    } catch (e: unknown) {
      if (e instanceof SyntaxError || e instanceof z.ZodError)
        throw new LedgerItemInvalidError(PREFLIGHT_KEY, 'report', 'not a preflight report');
      throw e;
    }
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
