import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { AuditEntry, AuditTrail, StoredAuditEntry } from '#functions/core/ports/audit-trail';
import { AUDIT_RECORD_TTL_DAYS, auditEntryKey, auditKey, ttlEpochSeconds } from './ledger-keys';

const entrySchema = z.object({
  at: z.string(),
  operator: z.string(),
  action: z.string(),
  change: z.record(z.string(), z.unknown()),
});
const storedSchema = entrySchema.extend({
  pk: z.string(),
  outcome: z.enum(['pending', 'applied', 'failed']).catch('pending'),
  result: z.record(z.string(), z.unknown()).optional(),
});
/** The day's item: the entry counter, and (before one item per entry) the day's entries as a list. */
const dayItemSchema = z.object({
  pk: z.string(),
  count: z.number().int().nonnegative().default(0),
  entries: z.array(z.unknown()).default([]),
});

/** BatchGetItem reads at most 100 keys per call (DynamoDB limits). */
const BATCH_GET_KEYS = 100;
/** Most days read by one `recent` call. */
const MAX_DAYS = 100;

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The operator audit trail, one ledger item per entry: `AUDIT#<day>` counts the day's entries
 * (one atomic ADD hands out the next number) and `AUDIT#<day>#<number>` holds entry number n, so
 * no item grows with the day's activity. Read newest first, day by day, 100 keys per read.
 */
export class DynamoDbAuditTrail implements AuditTrail {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async begin(entry: AuditEntry): Promise<string> {
    const at = Date.parse(entry.at);
    const day = dayOf(at);
    const expiresAt = ttlEpochSeconds(at, AUDIT_RECORD_TTL_DAYS);
    const counted = await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { pk: auditKey(day) },
        UpdateExpression: 'ADD #n :one SET #x = :x',
        ExpressionAttributeNames: { '#n': 'count', '#x': 'expiresAt' },
        ExpressionAttributeValues: { ':one': 1, ':x': expiresAt },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const pk = auditEntryKey(day, Number(counted.Attributes?.count));
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        // A JSON copy: the change is plain data, and DynamoDB stores no undefined.
        Item: { ...JSON.parse(JSON.stringify(entry)), pk, outcome: 'pending', expiresAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return pk;
  }

  async settle(id: string, outcome: 'applied' | 'failed', result?: Record<string, unknown>): Promise<void> {
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { pk: id },
        UpdateExpression: result === undefined ? 'SET #o = :o' : 'SET #o = :o, #r = :r',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#o': 'outcome', ...(result === undefined ? {} : { '#r': 'result' }) },
        ExpressionAttributeValues: {
          ':o': outcome,
          ...(result === undefined ? {} : { ':r': JSON.parse(JSON.stringify(result)) }),
        },
      }),
    );
  }

  async recent(now: Date, days: number, limit: number): Promise<StoredAuditEntry[]> {
    const dayKeys = Array.from({ length: Math.max(1, Math.min(days, MAX_DAYS)) }, (_, i) =>
      dayOf(now.getTime() - i * 86_400_000),
    );
    const dayItems = new Map<string, z.infer<typeof dayItemSchema>>();
    for (const item of await this.#getAll(dayKeys.map(auditKey))) {
      const parsed = dayItemSchema.safeParse(item);
      if (parsed.success) dayItems.set(parsed.data.pk, parsed.data);
    }
    const out: StoredAuditEntry[] = [];
    for (const day of dayKeys) {
      if (out.length >= limit) break;
      const dayItem = dayItems.get(auditKey(day));
      if (dayItem === undefined) continue;
      const wanted = Math.min(dayItem.count, limit - out.length);
      const keys = Array.from({ length: wanted }, (_, i) => auditEntryKey(day, dayItem.count - i));
      const entries = (await this.#getAll(keys)).flatMap((item) => {
        const parsed = storedSchema.safeParse(item);
        if (!parsed.success) return [];
        const { pk, ...rest } = parsed.data;
        return [{ ...rest, id: pk }];
      });
      out.push(...entries.sort((a, b) => b.at.localeCompare(a.at)));
      // Entries kept in the day item's list before one item per entry: read, never written again.
      for (const legacy of dayItem.entries) {
        const entry = entrySchema.safeParse(legacy);
        if (entry.success && out.length < limit)
          out.push({ ...entry.data, id: `${auditKey(day)}@${entry.data.at}`, outcome: 'applied' });
      }
    }
    return out.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
  }

  async #getAll(keys: readonly string[]): Promise<unknown[]> {
    const items: unknown[] = [];
    for (let i = 0; i < keys.length; i += BATCH_GET_KEYS) {
      let pending: Record<string, unknown>[] = keys.slice(i, i + BATCH_GET_KEYS).map((pk) => ({ pk }));
      while (pending.length > 0) {
        const out = await this.#client.send(
          new BatchGetCommand({
            RequestItems: { [this.#tableName]: { Keys: pending, ConsistentRead: true } },
          }),
        );
        items.push(...(out.Responses?.[this.#tableName] ?? []));
        pending =
          (out.UnprocessedKeys?.[this.#tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
      }
    }
    return items;
  }
}
