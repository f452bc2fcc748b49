import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { PreflightReport, PreflightStore } from '#functions/core/ports/preflight-store';
import { JsonDocumentItem } from './json-document-item';
import { PREFLIGHT_KEY, RUN_RECORD_TTL_DAYS } from './ledger-keys';

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
  readonly #item: JsonDocumentItem<typeof reportSchema>;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string; now?: () => number }) {
    this.#item = new JsonDocumentItem({
      ...options,
      attribute: 'report',
      schema: reportSchema,
      what: 'not a preflight report',
      ttlDays: RUN_RECORD_TTL_DAYS,
    });
  }

  getPreflight(): Promise<PreflightReport | undefined> {
    return this.#item.read(PREFLIGHT_KEY);
  }

  /** Only scheduled runs write it, one at a time (the scheduled-sync lease): a plain put. */
  putPreflight(report: PreflightReport): Promise<void> {
    return this.#item.write(PREFLIGHT_KEY, report);
  }
}
