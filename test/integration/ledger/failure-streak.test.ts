import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbLedger } from '#functions/platform/ledger-dynamodb';
import { type LedgerTable, startLedgerTable } from '../../support/dynalite';

const STREAK_KEY = 'COUNTER#consecutive-failed-injections';
// One table for the file and one streak item on it (as in AWS): a test that counts resets it first.
let table: LedgerTable;

beforeAll(async () => {
  table = await startLedgerTable();
});
afterAll(async () => {
  await table.close();
});

const ledger = () => new DynamoDbLedger({ client: table.client, tableName: table.tableName });

const storedStreak = async () =>
  (await table.client.send(new GetCommand({ TableName: table.tableName, Key: { pk: STREAK_KEY } }))).Item;

describe('the failure streak', () => {
  it('counts failed injections in a row, is reset to 0 by an injection, and counts again from there', async () => {
    const streak = ledger();
    await streak.recordInjectionOutcome(false);

    const afterFailures = [];
    for (let i = 0; i < 3; i += 1) afterFailures.push(await streak.recordInjectionOutcome(true));

    expect(afterFailures).toEqual([1, 2, 3]);
    expect(await streak.recordInjectionOutcome(false)).toBe(0);
    expect(await streak.recordInjectionOutcome(true)).toBe(1);
  });

  it('loses no failure when ten syncs record theirs at the same moment', async () => {
    await ledger().recordInjectionOutcome(false);

    const seen = await Promise.all(Array.from({ length: 10 }, () => ledger().recordInjectionOutcome(true)));

    expect([...seen].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await storedStreak())?.streak).toBe(10);
  });

  it('is shared by every ledger on the table, so one Lambda sees the failures of another', async () => {
    await ledger().recordInjectionOutcome(false);
    await ledger().recordInjectionOutcome(true);

    expect(await ledger().recordInjectionOutcome(true)).toBe(2);
  });

  it('starts from nothing on a fresh table: the first failure makes a streak of 1', async () => {
    const fresh = await startLedgerTable('ledger-fresh-streak');
    try {
      const streak = new DynamoDbLedger({ client: fresh.client, tableName: fresh.tableName });

      expect(await streak.recordInjectionOutcome(true)).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it('keeps the counter in one small item without a TTL, apart from the event records', async () => {
    await ledger().recordInjectionOutcome(true);

    const item = await storedStreak();
    expect(Object.keys(item ?? {}).sort()).toEqual(['pk', 'streak']);
  });
});
