import { CreateTableCommand, DescribeTableCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ledgerTableDefinition } from '#functions/platform/ledger-keys';

/**
 * Creates the ledger table (functions/platform/ledger-keys.ts) for local and dev use; an existing
 * table is fine. TTL is not set here:
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
