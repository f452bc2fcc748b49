import { describe, expect, it } from 'vitest';
import { InputError } from '../../../functions/core/domain/errors';
import { emptyProgress } from '../../../functions/core/ports/ledger';
import { manualClock, useLedgerTable } from '../../support/dynalite';

const TTL = 60_000;
const { ledgerAt } = useLedgerTable();

describe('acquireLease', () => {
  it('creates a record the first time an event is leased, with nothing recorded yet', async () => {
    const clock = manualClock();
    const record = await ledgerAt(clock).acquireLease('1001', 'worker-a', TTL);

    expect(record).toEqual({
      eventId: '1001',
      status: 'new',
      revelOrderId: undefined,
      reason: undefined,
      error: undefined,
      correlationId: undefined,
      eventUpdatedAt: undefined,
      progress: emptyProgress(),
      createdAt: '2025-06-01T12:00:00.000Z',
      updatedAt: '2025-06-01T12:00:00.000Z',
      leaseHolder: 'worker-a',
      leaseExpiresAt: clock.now() + TTL,
    });
  });

  it('refuses a second holder while the lease is live', async () => {
    const clock = manualClock();
    const ledger = ledgerAt(clock);
    await ledger.acquireLease('1002', 'worker-a', TTL);
    clock.advance(TTL);

    expect(await ledger.acquireLease('1002', 'worker-b', TTL)).toBeUndefined();
    expect((await ledger.get('1002'))?.leaseHolder).toBe('worker-a');
  });

  it('lets another holder take over once the lease has expired', async () => {
    const clock = manualClock();
    const ledger = ledgerAt(clock);
    await ledger.acquireLease('1003', 'worker-a', TTL);
    clock.advance(TTL + 1);

    const record = await ledger.acquireLease('1003', 'worker-b', TTL);

    expect(record?.leaseHolder).toBe('worker-b');
    expect(record?.leaseExpiresAt).toBe(clock.now() + TTL);
    expect(record?.createdAt).toBe('2025-06-01T12:00:00.000Z');
  });

  it('lets the same holder re-acquire its live lease, extending it', async () => {
    const clock = manualClock();
    const ledger = ledgerAt(clock);
    await ledger.acquireLease('1004', 'worker-a', TTL);
    clock.advance(10_000);

    const record = await ledger.acquireLease('1004', 'worker-a', TTL);

    expect(record?.leaseExpiresAt).toBe(clock.now() + TTL);
  });

  it('does not change a recorded status when the lease is taken again', async () => {
    const clock = manualClock();
    const ledger = ledgerAt(clock);
    await ledger.acquireLease('1005', 'worker-a', TTL);
    await ledger.recordOutcome('1005', 'worker-a', { status: 'injected', revelOrderId: '777' });
    await ledger.releaseLease('1005', 'worker-a');

    const record = await ledger.acquireLease('1005', 'worker-b', TTL);

    expect(record).toMatchObject({ status: 'injected', revelOrderId: '777', leaseHolder: 'worker-b' });
  });

  it('gives the lease to exactly one of twenty concurrent callers', async () => {
    const clock = manualClock();
    const holders = Array.from({ length: 20 }, (_, i) => `worker-${i}`);

    const results = await Promise.all(
      holders.map((holder) => ledgerAt(clock).acquireLease('1006', holder, TTL)),
    );

    const winners = results.filter((r) => r !== undefined);
    expect(winners).toHaveLength(1);
    expect((await ledgerAt(clock).get('1006'))?.leaseHolder).toBe(winners[0]?.leaseHolder);
  });

  it('rejects a lease length that is not a positive whole number of milliseconds', async () => {
    const ledger = ledgerAt(manualClock());

    await expect(ledger.acquireLease('1007', 'worker-a', 0)).rejects.toBeInstanceOf(InputError);
    await expect(ledger.acquireLease('1007', 'worker-a', 1.5)).rejects.toBeInstanceOf(InputError);
    expect(await ledger.get('1007')).toBeUndefined();
  });

  it('rejects an empty event id before touching the table', async () => {
    await expect(ledgerAt(manualClock()).acquireLease('', 'worker-a', TTL)).rejects.toBeInstanceOf(
      InputError,
    );
  });
});

describe('releaseLease', () => {
  it('lets another holder in at once', async () => {
    const clock = manualClock();
    const ledger = ledgerAt(clock);
    await ledger.acquireLease('2001', 'worker-a', TTL);

    await ledger.releaseLease('2001', 'worker-a');

    expect(await ledger.acquireLease('2001', 'worker-b', TTL)).toMatchObject({ leaseHolder: 'worker-b' });
  });

  it('leaves the lease alone when called by someone who does not hold it', async () => {
    const clock = manualClock();
    const ledger = ledgerAt(clock);
    await ledger.acquireLease('2002', 'worker-a', TTL);

    await ledger.releaseLease('2002', 'worker-b');

    expect(await ledger.acquireLease('2002', 'worker-b', TTL)).toBeUndefined();
  });

  it('does nothing for an event that was never leased', async () => {
    const ledger = ledgerAt(manualClock());

    await ledger.releaseLease('2003', 'worker-a');

    expect(await ledger.get('2003')).toBeUndefined();
  });

  it('keeps what was recorded while clearing the lease', async () => {
    const ledger = ledgerAt(manualClock());
    await ledger.acquireLease('2004', 'worker-a', TTL);
    await ledger.recordOutcome('2004', 'worker-a', { status: 'skipped', reason: 'TOO_EARLY' });

    await ledger.releaseLease('2004', 'worker-a');

    expect(await ledger.get('2004')).toMatchObject({
      status: 'skipped',
      reason: 'TOO_EARLY',
      leaseHolder: undefined,
      leaseExpiresAt: undefined,
    });
  });
});
