import { describe, expect, it } from 'vitest';
import { LeaseLostError } from '../../../functions/core/domain/errors';
import { emptyProgress, type SagaProgress } from '../../../functions/core/ports/ledger';
import { manualClock, useLedgerTable } from '../../support/dynalite';

const TTL = 60_000;
const DAY_SECONDS = 86_400;
const { ledgerAt, storedItem } = useLedgerTable();

const halfWritten: SagaProgress = {
  orderId: 4242,
  itemsDone: ['5f0c1b7e-0001', '5f0c1b7e-0002'],
  totalsDone: true,
  paymentDone: false,
  historyDone: false,
};

describe('saveProgress', () => {
  it('round-trips the saga progress, item uuids in order', async () => {
    const ledger = ledgerAt(manualClock());
    await ledger.acquireLease('3001', 'worker-a', TTL);

    await ledger.saveProgress('3001', 'worker-a', halfWritten);

    expect((await ledger.get('3001'))?.progress).toEqual(halfWritten);
  });

  it('stores progress before any order exists', async () => {
    const ledger = ledgerAt(manualClock());
    await ledger.acquireLease('3002', 'worker-a', TTL);

    await ledger.saveProgress('3002', 'worker-a', emptyProgress());

    expect((await ledger.get('3002'))?.progress).toEqual(emptyProgress());
  });

  it('throws LeaseLostError for a caller that does not hold the lease', async () => {
    const ledger = ledgerAt(manualClock());
    await ledger.acquireLease('3003', 'worker-a', TTL);

    await expect(ledger.saveProgress('3003', 'worker-b', halfWritten)).rejects.toBeInstanceOf(LeaseLostError);
    expect((await ledger.get('3003'))?.progress).toEqual(emptyProgress());
  });

  it('throws LeaseLostError once the lease has expired, even with no one else waiting', async () => {
    const clock = manualClock();
    const ledger = ledgerAt(clock);
    await ledger.acquireLease('3004', 'worker-a', TTL);
    clock.advance(TTL + 1);

    await expect(ledger.saveProgress('3004', 'worker-a', halfWritten)).rejects.toBeInstanceOf(LeaseLostError);
  });

  it('throws LeaseLostError and creates nothing for an event that was never leased', async () => {
    const ledger = ledgerAt(manualClock());

    await expect(ledger.saveProgress('3005', 'worker-a', halfWritten)).rejects.toMatchObject({
      code: 'LEASE_LOST',
      eventId: '3005',
    });
    expect(await ledger.get('3005')).toBeUndefined();
  });

  it('renews the lease by its original length, so a long saga keeps it', async () => {
    const clock = manualClock();
    const ledger = ledgerAt(clock);
    await ledger.acquireLease('3006', 'worker-a', TTL);
    clock.advance(TTL - 1_000);
    await ledger.saveProgress('3006', 'worker-a', halfWritten);
    clock.advance(TTL - 1_000);

    expect(await ledger.acquireLease('3006', 'worker-b', TTL)).toBeUndefined();
    await ledger.saveProgress('3006', 'worker-a', { ...halfWritten, paymentDone: true });
    expect((await ledger.get('3006'))?.leaseExpiresAt).toBe(clock.now() + TTL);
  });
});

describe('recordOutcome', () => {
  it('records the outcome with its timestamps and a 400-day TTL in epoch seconds', async () => {
    const clock = manualClock();
    const ledger = ledgerAt(clock);
    await ledger.acquireLease('4001', 'worker-a', TTL);
    clock.advance(5_000);

    await ledger.recordOutcome('4001', 'worker-a', {
      status: 'injected',
      revelOrderId: '98765',
      correlationId: 'corr-1',
      eventUpdatedAt: '2025-05-30T09:15:00-07:00',
    });

    expect(await ledger.get('4001')).toMatchObject({
      status: 'injected',
      revelOrderId: '98765',
      correlationId: 'corr-1',
      eventUpdatedAt: '2025-05-30T09:15:00-07:00',
      createdAt: '2025-06-01T12:00:00.000Z',
      updatedAt: '2025-06-01T12:00:05.000Z',
    });
    expect((await storedItem('EVENT#4001'))?.expiresAt).toBe(
      Math.floor(clock.now() / 1000) + 400 * DAY_SECONDS,
    );
  });

  it('removes fields passed as undefined and leaves unmentioned fields alone', async () => {
    const ledger = ledgerAt(manualClock());
    await ledger.acquireLease('4002', 'worker-a', TTL);
    await ledger.recordOutcome('4002', 'worker-a', {
      status: 'failed',
      error: 'REVEL_UNAVAILABLE: 503',
      correlationId: 'corr-1',
    });

    await ledger.recordOutcome('4002', 'worker-a', {
      status: 'injected',
      revelOrderId: '55',
      error: undefined,
    });

    const record = await ledger.get('4002');
    expect(record).toMatchObject({ status: 'injected', revelOrderId: '55', correlationId: 'corr-1' });
    expect(record?.error).toBeUndefined();
    expect(await storedItem('EVENT#4002')).not.toHaveProperty('error');
  });

  it('keeps the saga progress when only the status changes', async () => {
    const ledger = ledgerAt(manualClock());
    await ledger.acquireLease('4003', 'worker-a', TTL);
    await ledger.saveProgress('4003', 'worker-a', halfWritten);

    await ledger.recordOutcome('4003', 'worker-a', { status: 'writing' });

    expect(await ledger.get('4003')).toMatchObject({ status: 'writing', progress: halfWritten });
  });

  it('throws LeaseLostError after another holder took over the expired lease', async () => {
    const clock = manualClock();
    const ledger = ledgerAt(clock);
    await ledger.acquireLease('4004', 'worker-a', TTL);
    clock.advance(TTL + 1);
    await ledger.acquireLease('4004', 'worker-b', TTL);

    await expect(ledger.recordOutcome('4004', 'worker-a', { status: 'injected' })).rejects.toBeInstanceOf(
      LeaseLostError,
    );
    expect((await ledger.get('4004'))?.status).toBe('new');
  });
});
