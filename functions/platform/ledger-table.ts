/**
 * The ledger table: one DynamoDB table, one string partition key `pk`, no sort key, no indexes.
 *
 *   pk = EVENT#<eventId>   one TripleSeat event: what was done to it, and who may write it now
 *     status             new | writing | injected | skipped | failed | in_progress | would_inject
 *                        (absent until the first outcome: read as 'new')
 *     revelOrderId, reason, error, correlationId, eventUpdatedAt   strings, absent when unknown
 *     progress           map { orderId?: number, itemsDone: string[] (OrderItem uuids),
 *                              totalsDone, paymentDone, historyDone: boolean }
 *     createdAt, updatedAt   ISO-8601 instants
 *     leaseHolder        who may write now; leaseExpiresAt (epoch ms) ends that by itself;
 *     leaseTtlMs         the lease length asked for, reused to renew the lease on every write
 *     expiresAt          epoch SECONDS, the TTL attribute: 400 days after the last update
 *   pk = LEASE#<name>      a named lease (scheduled runs must not overlap): leaseHolder,
 *                          leaseExpiresAt, leaseTtlMs, expiresAt = lease end + 1 day
 *   pk = RUN#<runId>       a bulk run's JSON summary: summary, createdAt, updatedAt, expiresAt (30 days)
 *
 * Leases are time-based and checked in condition expressions, never by TTL: DynamoDB TTL deletes
 * "within a few days" of expiry (AWS TTL docs), far too late to free a lease.
 */
import { CreateTableCommand, DescribeTableCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { AppError, InputError } from '../domain/errors';
import { emptyProgress, type LedgerRecord } from '../sync/ports';

/** The table's shape, shared by the local runtime and the CDK stack. */
export const ledgerTableDefinition = {
  partitionKey: { name: 'pk', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
  billingMode: 'PAY_PER_REQUEST',
} as const;

export const EVENT_RECORD_TTL_DAYS = 400;
export const RUN_RECORD_TTL_DAYS = 30;
export const NAMED_LEASE_TTL_DAYS = 1;

const nonEmpty = (field: string, value: string): string => {
  if (value.length === 0) throw new InputError(field, `${field} must not be empty`);
  return value;
};

export const eventKey = (eventId: string): string => `EVENT#${nonEmpty('eventId', eventId)}`;
export const namedLeaseKey = (name: string): string => `LEASE#${nonEmpty('name', name)}`;
export const runKey = (runId: string): string => `RUN#${nonEmpty('runId', runId)}`;

/** The TTL attribute's value: DynamoDB TTL reads epoch seconds, not milliseconds (AWS TTL docs). */
export const ttlEpochSeconds = (fromMs: number, days: number): number =>
  Math.floor(fromMs / 1000) + days * 86_400;

/**
 * Creates the table for local and dev use; an existing table is fine. TTL is not set here:
 * dynalite has no UpdateTimeToLive, and in AWS the CDK stack owns it.
 */
export async function createLedgerTable(client: DynamoDBDocumentClient, tableName: string): Promise<void> {
  const { partitionKey, billingMode } = ledgerTableDefinition;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        KeySchema: [{ AttributeName: partitionKey.name, KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: partitionKey.name, AttributeType: partitionKey.type }],
        BillingMode: billingMode,
      }),
    );
  } catch (e: unknown) {
    if (!(e instanceof ResourceInUseException)) throw e;
  }
  await waitUntilActive(client, tableName);
}

async function waitUntilActive(client: DynamoDBDocumentClient, tableName: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
}

/** A stored item the engine cannot trust (hand-edited, or written by a newer version). */
export class LedgerItemInvalidError extends AppError {
  override readonly name = 'LedgerItemInvalidError';
  readonly code = 'LEDGER_ITEM_INVALID';
  readonly retryable = false;
  constructor(
    readonly key: string,
    readonly field: string,
    message: string,
  ) {
    super(`ledger item ${key} is invalid: ${field}: ${message}`);
  }
}

const knownStatuses: Record<LedgerRecord['status'], true> = {
  new: true,
  writing: true,
  injected: true,
  skipped: true,
  failed: true,
  in_progress: true,
  would_inject: true,
};

// Fields that steer the engine (status, progress) must be exact: guessing a saga step could double
// an order item. Descriptive fields fall back to "unknown" instead of blocking the event.
const descriptive = z
  .union([z.string(), z.number().transform(String)])
  .optional()
  .catch(undefined);

const progressSchema = z.object({
  orderId: z
    .union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)])
    .nullish()
    .transform((id) => id ?? undefined),
  // A hand-made string set (SS) unmarshals to a Set; the saga only needs the uuids.
  itemsDone: z.preprocess((v) => (v instanceof Set ? [...v] : v), z.array(z.string())).default([]),
  totalsDone: z.boolean().default(false),
  paymentDone: z.boolean().default(false),
  historyDone: z.boolean().default(false),
});

const eventItemSchema = z.object({
  status: z
    .custom<LedgerRecord['status']>((v) => typeof v === 'string' && Object.hasOwn(knownStatuses, v), {
      message: 'not a known ledger status',
    })
    .optional()
    .transform((s) => s ?? 'new'),
  revelOrderId: descriptive,
  reason: descriptive,
  error: descriptive,
  correlationId: descriptive,
  eventUpdatedAt: descriptive,
  progress: progressSchema.optional().transform((p) => p ?? emptyProgress()),
  createdAt: z.string().optional().catch(undefined),
  updatedAt: z.string().optional().catch(undefined),
  leaseHolder: z.string().optional().catch(undefined),
  leaseExpiresAt: z.number().optional().catch(undefined),
});

/** Reads a stored event item into the engine's LedgerRecord; unknown attributes are ignored. */
export function parseLedgerItem(eventId: string, item: Record<string, unknown>): LedgerRecord {
  const parsed = eventItemSchema.safeParse(item);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const received = issue ? JSON.stringify(valueAt(item, issue.path)) : undefined;
    throw new LedgerItemInvalidError(
      eventKey(eventId),
      issue?.path.join('.') || '(item)',
      `${issue?.message ?? 'invalid'} (stored: ${received ?? 'nothing'})`,
    );
  }
  const data = parsed.data;
  return {
    eventId,
    status: data.status,
    revelOrderId: data.revelOrderId,
    reason: data.reason,
    error: data.error,
    correlationId: data.correlationId,
    eventUpdatedAt: data.eventUpdatedAt,
    progress: data.progress,
    // Only a hand-written item lacks these: acquireLease always sets both.
    createdAt: data.createdAt ?? data.updatedAt ?? '',
    updatedAt: data.updatedAt ?? data.createdAt ?? '',
    leaseHolder: data.leaseHolder,
    leaseExpiresAt: data.leaseExpiresAt,
  };
}

function valueAt(item: unknown, path: readonly PropertyKey[]): unknown {
  let value = item;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value instanceof Set ? [...value] : value;
}
