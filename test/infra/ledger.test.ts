import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deliveryKey, ledgerTableDefinition, rateLimitKey } from '#functions/platform/ledger-keys';
import { DELIVERY_LOG_ACTIONS, LEDGER_ACTIONS } from '../../lib/ledger';
import { projectRoot } from '../../lib/project-root';
import { logicalId, policyStatementsOf, synthStack, testSettings, testStack } from './stack-fixture';

beforeAll(() => {
  testStack();
});

/** DynamoDB document-client commands and the IAM action each one needs. */
const actionOfCommand: Record<string, string> = {
  GetCommand: 'dynamodb:GetItem',
  PutCommand: 'dynamodb:PutItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  DeleteCommand: 'dynamodb:DeleteItem',
  QueryCommand: 'dynamodb:Query',
  ScanCommand: 'dynamodb:Scan',
  BatchGetCommand: 'dynamodb:BatchGetItem',
  BatchWriteCommand: 'dynamodb:BatchWriteItem',
  TransactGetCommand: 'dynamodb:GetItem',
  TransactWriteCommand: 'dynamodb:ConditionCheckItem',
  GetItemCommand: 'dynamodb:GetItem',
  PutItemCommand: 'dynamodb:PutItem',
  UpdateItemCommand: 'dynamodb:UpdateItem',
  DeleteItemCommand: 'dynamodb:DeleteItem',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the ledger table', () => {
  it('has the shape the functions use: string key pk, TTL on expiresAt, on-demand', () => {
    const { template } = testStack();
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: ledgerTableDefinition.partitionKey.name, KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('keeps point-in-time recovery on', () => {
    testStack().template.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('survives the deletion of the stack', () => {
    testStack().template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('refuses a delete from the console or the API in a production stage, and only there', () => {
    const prod = synthStack(testSettings({ stage: 'prod' })).template;
    prod.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
    const live = synthStack(testSettings({ stage: 'live', production: true })).template;
    live.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
    const [table] = Object.values(testStack().template.findResources('AWS::DynamoDB::Table'));
    expect(table?.Properties.DeletionProtectionEnabled).toBe(false);
  });

  it('is named to both functions by LEDGER_TABLE', () => {
    const { stack } = testStack();
    const ref = { Ref: logicalId(stack, stack.ledger) };
    const variables = (fn: typeof stack.verifier) =>
      testStack().template.toJSON().Resources[logicalId(stack, fn.function)].Properties.Environment.Variables;
    expect(variables(stack.verifier).LEDGER_TABLE).toEqual(ref);
    expect(variables(stack.sync).LEDGER_TABLE).toEqual(ref);
  });

  it('grants the sync function the item actions on every item, and nothing that reads many items', () => {
    const { stack, template } = testStack();
    const table = { 'Fn::GetAtt': [logicalId(stack, stack.ledger), 'Arn'] };
    const statements = policyStatementsOf({ stack, template }, stack.sync).filter(
      (s) => JSON.stringify(s.Resource) === JSON.stringify(table),
    );
    expect(statements.map((s) => s.Action)).toEqual([[...LEDGER_ACTIONS].sort()]);
    expect(statements[0]?.Condition).toBeUndefined();
  });

  it('lets the internet-facing verifier touch delivery records only, never an event lease or outcome', () => {
    const { stack, template } = testStack();
    const table = { 'Fn::GetAtt': [logicalId(stack, stack.ledger), 'Arn'] };
    const onTable = policyStatementsOf({ stack, template }, stack.verifier).filter((s) =>
      JSON.stringify(s.Resource).includes(logicalId(stack, stack.ledger)),
    );
    expect(onTable).toEqual([
      {
        Effect: 'Allow',
        Action: [...DELIVERY_LOG_ACTIONS],
        Resource: table,
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['DELIVERY#*'] } },
      },
    ]);
    expect(deliveryKey('UPDATE_EVENT:55521609:2026-11-27T10:00:00Z')).toMatch(/^DELIVERY#/);
    expect(onTable[0]?.Action).not.toContain('dynamodb:UpdateItem');
  });

  it('lets the sync role alone move the shared vendor pace (RATE# items)', () => {
    const { stack, template } = testStack();
    const onTable = (fn: typeof stack.sync) =>
      policyStatementsOf({ stack, template }, fn).filter((s) =>
        JSON.stringify(s.Resource).includes(logicalId(stack, stack.ledger)),
      );
    const reaches = (statement: { Action: unknown; Condition?: unknown }, key: string) => {
      const patterns: string[] = (
        statement.Condition as { 'ForAllValues:StringLike'?: { 'dynamodb:LeadingKeys'?: string[] } }
      )?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] ?? ['*'];
      // The stack's LeadingKeys patterns are prefixes ending in '*'.
      const matches = patterns.some((p) => key.startsWith(p.replace(/\*$/, '')));
      return matches && ([] as unknown[]).concat(statement.Action).includes('dynamodb:UpdateItem');
    };
    for (const vendor of ['tripleseat', 'revel']) {
      expect(onTable(stack.sync).some((s) => reaches(s, rateLimitKey(vendor)))).toBe(true);
      expect(onTable(stack.verifier).some((s) => reaches(s, rateLimitKey(vendor)))).toBe(false);
    }
  });

  it('grants the verifier every DynamoDB action its delivery log sends', () => {
    const source = readFileSync(join(projectRoot, 'functions/platform/delivery-log-dynamodb.ts'), 'utf8');
    const used = [...source.matchAll(/new (\w+Command)\(/g)].map(([, command]) =>
      command ? actionOfCommand[command] : undefined,
    );
    expect(used.length).toBeGreaterThan(0);
    expect([...DELIVERY_LOG_ACTIONS]).toEqual(expect.arrayContaining(used));
  });

  it('grants every DynamoDB action the functions code can send (dynalite checks no IAM, AWS does)', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(projectRoot, 'functions'))) {
      for (const [, command] of readFileSync(file, 'utf8').matchAll(/new (\w+Command)\(/g)) {
        const action = command ? actionOfCommand[command] : undefined;
        if (action) used.add(action);
      }
    }
    expect(used.size).toBeGreaterThan(0);
    expect([...LEDGER_ACTIONS]).toEqual(expect.arrayContaining([...used]));
  });
});
