import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { manualClock, useLedgerTable } from '../../support/dynalite';

// What every Ledger promises is in test/contract/ledger-contract.ts (ledger-contract.test.ts runs
// it here); this file holds what only the DynamoDB item shows.
const TTL = 60_000;
const DAY_SECONDS = 86_400;
const { ledgerAt, storedItem, table } = useLedgerTable();

describe('DynamoDbLedger items', () => {
  it('keeps an event record for 400 days after its last write, as a TTL in epoch seconds', async () => {
    const clock = manualClock();
    const ledger = ledgerAt(clock);
    await ledger.acquireLease('4001', 'worker-a', TTL);
    clock.advance(5_000);

    await ledger.recordOutcome('4001', 'worker-a', { status: 'injected', revelOrderId: '98765' });

    expect((await storedItem('EVENT#4001'))?.expiresAt).toBe(
      Math.floor(clock.now() / 1000) + 400 * DAY_SECONDS,
    );
  });

  it('removes an outcome field passed as undefined from the stored item', async () => {
    const ledger = ledgerAt(manualClock());
    await ledger.acquireLease('4002', 'worker-a', TTL);
    await ledger.recordOutcome('4002', 'worker-a', { status: 'failed', error: 'REVEL_UNAVAILABLE: 503' });

    await ledger.recordOutcome('4002', 'worker-a', {
      status: 'injected',
      revelOrderId: '55',
      error: undefined,
    });

    expect(await storedItem('EVENT#4002')).not.toHaveProperty('error');
  });

  it("keeps the mark that a DUPLICATE names someone else's order, reads it back, and drops it with the next outcome", async () => {
    const ledger = ledgerAt(manualClock());
    await ledger.acquireLease('4003', 'worker-a', TTL);
    await ledger.recordOutcome('4003', 'worker-a', {
      status: 'skipped',
      reason: 'DUPLICATE',
      revelOrderId: '10677136',
      foreignOrder: true,
    });
    expect((await storedItem('EVENT#4003'))?.foreignOrder).toBe(true);
    expect((await ledger.get('4003'))?.foreignOrder).toBe(true);

    await ledger.recordOutcome('4003', 'worker-a', {
      status: 'injected',
      revelOrderId: '55',
      foreignOrder: undefined,
    });
    expect(await storedItem('EVENT#4003')).not.toHaveProperty('foreignOrder');
    expect((await ledger.get('4003'))?.foreignOrder).toBeUndefined();
  });

  it('reads a foreignOrder mark that is not a boolean as no mark (Revel is asked again)', async () => {
    const ledger = ledgerAt(manualClock());
    await ledger.acquireLease('4004', 'worker-a', TTL);
    await ledger.recordOutcome('4004', 'worker-a', { status: 'skipped', reason: 'DUPLICATE' });
    const item = await storedItem('EVENT#4004');
    await table().client.send(
      new PutCommand({ TableName: table().tableName, Item: { ...item, foreignOrder: 'yes' } }),
    );
    expect((await ledger.get('4004'))?.foreignOrder).toBeUndefined();
  });
});
