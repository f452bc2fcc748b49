import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { ledgerTableDefinition } from '#functions/platform/ledger-keys';

const attributeTypes = { S: AttributeType.STRING, N: AttributeType.NUMBER, B: AttributeType.BINARY } as const;
const billingModes = {
  PAY_PER_REQUEST: BillingMode.PAY_PER_REQUEST,
  PROVISIONED: BillingMode.PROVISIONED,
} as const;

/**
 * What the functions do to the ledger: single-item reads and conditional writes by key
 * (functions/platform/*-dynamodb.ts), plus the operator API's two multi-item reads (audit days, runs).
 * test/infra/ledger.test.ts checks this list against the commands the functions send.
 */
export const LEDGER_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  // The operator API: the audit trail's days in one read, and the list of recent runs (a scan).
  'dynamodb:BatchGetItem',
  'dynamodb:Scan',
] as const;

/** What the verifier's delivery log does, on `DELIVERY#` items only (functions/platform/delivery-log-dynamodb.ts). */
export const DELIVERY_LOG_ACTIONS = ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem'] as const;

/**
 * The ledger: the one record of what was done to each event. Its shape comes from the same
 * definition the local runtime creates its table from. Retained when the stack is deleted, and
 * deletion-protected in production: losing it would let the next run inject every recent event a
 * second time (Revel's local_id check is the only guard left).
 */
export function createLedgerTable(
  scope: Construct,
  id: string,
  { production }: { production: boolean },
): Table {
  const { partitionKey, timeToLiveAttribute, billingMode } = ledgerTableDefinition;
  return new Table(scope, id, {
    partitionKey: { name: partitionKey.name, type: attributeTypes[partitionKey.type] },
    billingMode: billingModes[billingMode],
    timeToLiveAttribute,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    removalPolicy: RemovalPolicy.RETAIN,
    // RETAIN covers a stack deletion only; this also refuses a DeleteTable from the console or the
    // API, in production. Off elsewhere, so a dev stage's table can be dropped by hand.
    deletionProtection: production,
  });
}
