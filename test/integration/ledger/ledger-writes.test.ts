import { describe, expect, it } from 'vitest';
import { manualClock, useLedgerTable } from '../../support/dynalite';

// What every Ledger promises is in test/contract/ledger-contract.ts (ledger-contract.test.ts runs
// it here); this file holds what only the DynamoDB item shows.
const TTL = 60_000;
const DAY_SECONDS = 86_400;
const { ledgerAt, storedItem } = useLedgerTable();

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
});
