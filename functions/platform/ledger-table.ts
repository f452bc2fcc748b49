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
 *   pk = DELIVERY#<sha256> a webhook delivery already accepted: deliveredAt, expiresAt (ttlDays later)
 *   pk = COUNTER#<name>    a number shared by every sync, e.g. consecutive-failed-injections: streak;
 *                          no TTL (one small item that must outlive quiet weeks)
 *
 * Leases are time-based and checked in condition expressions, never by TTL: DynamoDB TTL deletes
 * "within a few days" of expiry (AWS TTL docs), far too late to free a lease.
 */
import { CreateTableCommand, DescribeTableCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ledgerTableDefinition } from './ledger-keys';

export { LedgerItemInvalidError, parseLedgerItem } from './ledger-item';
export {
  counterKey,
  deliveryKey,
  EVENT_RECORD_TTL_DAYS,
  eventKey,
  ledgerTableDefinition,
  NAMED_LEASE_TTL_DAYS,
  namedLeaseKey,
  RUN_RECORD_TTL_DAYS,
  runKey,
  ttlEpochSeconds,
} from './ledger-keys';

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
