import { BatchGetCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { AuditEntry, AuditTrail } from '../core/ports/audit-trail';
import { AUDIT_RECORD_TTL_DAYS, auditKey, ttlEpochSeconds } from './ledger-keys';

const entrySchema = z.object({
  at: z.string(),
  operator: z.string(),
  action: z.string(),
  change: z.record(z.string(), z.unknown()),
});
const itemSchema = z.object({ pk: z.string(), entries: z.array(z.unknown()).default([]) });

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The operator audit trail: one ledger item per UTC day, entries appended in one atomic write each. */
export class DynamoDbAuditTrail implements AuditTrail {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async record(entry: AuditEntry): Promise<void> {
    const at = Date.parse(entry.at);
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { pk: auditKey(dayOf(at)) },
        UpdateExpression: 'SET #e = list_append(if_not_exists(#e, :none), :one), #x = :x',
        ExpressionAttributeNames: { '#e': 'entries', '#x': 'expiresAt' },
        ExpressionAttributeValues: {
          ':none': [],
          // A JSON copy: the change is plain data, and DynamoDB stores no undefined.
          ':one': [JSON.parse(JSON.stringify(entry))],
          ':x': ttlEpochSeconds(at, AUDIT_RECORD_TTL_DAYS),
        },
      }),
    );
  }

  async recent(now: Date, days: number): Promise<AuditEntry[]> {
    const keys = Array.from({ length: Math.max(1, Math.min(days, 100)) }, (_, i) => ({
      pk: auditKey(dayOf(now.getTime() - i * 86_400_000)),
    }));
    const items: unknown[] = [];
    let pending: Record<string, unknown>[] = keys;
    while (pending.length > 0) {
      const out = await this.#client.send(
        new BatchGetCommand({ RequestItems: { [this.#tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      items.push(...(out.Responses?.[this.#tableName] ?? []));
      pending = (out.UnprocessedKeys?.[this.#tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
    const entries = items.flatMap((item) => {
      const parsed = itemSchema.safeParse(item);
      if (!parsed.success) return [];
      return parsed.data.entries.flatMap((e) => {
        const entry = entrySchema.safeParse(e);
        return entry.success ? [entry.data] : [];
      });
    });
    return entries.sort((a, b) => b.at.localeCompare(a.at));
  }
}
