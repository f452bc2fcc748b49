import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { DynamoDbLedger } from '#functions/platform/ledger-dynamodb';
import { createLedgerTable } from '../../dev/ledger-table';
import { startLocalDynamo } from '../../dev/local-dynamodb';

export interface LedgerTable {
  client: DynamoDBDocumentClient;
  tableName: string;
  close(): Promise<void>;
}

/**
 * A fresh dynalite server with an empty ledger table, one per test file: call it in beforeAll and
 * `close()` in afterAll. Tests in the file share it, so each uses its own event ids.
 */
export async function startLedgerTable(tableName = 'ledger-test'): Promise<LedgerTable> {
  const dynamo = await startLocalDynamo();
  try {
    await createLedgerTable(dynamo.client, tableName);
  } catch (e: unknown) {
    await dynamo.close();
    throw e;
  }
  return { client: dynamo.client, tableName, close: dynamo.close };
}

/** A clock the test moves by hand (epoch ms), for the ledger's `now` option. */
export function manualClock(start = Date.parse('2025-06-01T12:00:00Z')) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/**
 * A fresh ledger table for the calling test file (started in beforeAll, closed in afterAll), with
 * the helpers most ledger tests need: a ledger on a given clock and the raw stored item.
 */
export function useLedgerTable() {
  let started: LedgerTable | undefined;
  beforeAll(async () => {
    started = await startLedgerTable();
  });
  afterAll(async () => {
    await started?.close();
  });
  const table = (): LedgerTable => {
    if (!started) throw new Error('the ledger table starts in beforeAll');
    return started;
  };
  return {
    table,
    ledgerAt: (clock: { now: () => number }) =>
      new DynamoDbLedger({ client: table().client, tableName: table().tableName, now: clock.now }),
    storedItem: async (pk: string) =>
      (await table().client.send(new GetCommand({ TableName: table().tableName, Key: { pk } }))).Item,
  };
}
