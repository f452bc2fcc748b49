import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { LedgerItemInvalidError } from '#functions/platform/ledger-item';
import { manualClock, useLedgerTable } from '../../support/dynalite';

const TTL = 60_000;
const DAY_SECONDS = 86_400;
const { table, ledgerAt, storedItem } = useLedgerTable();

describe('named leases', () => {
  it('give a named lease to one holder at a time', async () => {
    const ledger = ledgerAt(manualClock());

    expect(await ledger.acquireNamedLease('scheduled-sync', 'run-1', TTL)).toBe(true);
    expect(await ledger.acquireNamedLease('scheduled-sync', 'run-2', TTL)).toBe(false);
    expect(await ledger.acquireNamedLease('scheduled-sync', 'run-1', TTL)).toBe(true);
  });

  it('hand an expired named lease to the next holder', async () => {
    const clock = manualClock();
    const ledger = ledgerAt(clock);
    await ledger.acquireNamedLease('bulk-a', 'run-1', TTL);
    clock.advance(TTL + 1);

    expect(await ledger.acquireNamedLease('bulk-a', 'run-2', TTL)).toBe(true);
    expect(await ledger.acquireNamedLease('bulk-a', 'run-1', TTL)).toBe(false);
  });

  it('free the name on release by the holder, and ignore a release by anyone else', async () => {
    const ledger = ledgerAt(manualClock());
    await ledger.acquireNamedLease('bulk-b', 'run-1', TTL);

    await ledger.releaseNamedLease('bulk-b', 'run-2');
    expect(await ledger.acquireNamedLease('bulk-b', 'run-2', TTL)).toBe(false);

    await ledger.releaseNamedLease('bulk-b', 'run-1');
    expect(await ledger.acquireNamedLease('bulk-b', 'run-2', TTL)).toBe(true);
  });

  it('give exactly one of twenty concurrent runs the lease', async () => {
    const clock = manualClock();
    const taken = await Promise.all(
      Array.from({ length: 20 }, (_, i) => ledgerAt(clock).acquireNamedLease('bulk-c', `run-${i}`, TTL)),
    );

    expect(taken.filter(Boolean)).toHaveLength(1);
  });

  it('do not collide with the event record of the same id', async () => {
    const ledger = ledgerAt(manualClock());
    await ledger.acquireLease('5001', 'worker-a', TTL);

    expect(await ledger.acquireNamedLease('5001', 'run-1', TTL)).toBe(true);
    await ledger.releaseNamedLease('5001', 'run-1');

    expect((await ledger.get('5001'))?.leaseHolder).toBe('worker-a');
  });

  it('expire their items a day after the lease would end', async () => {
    const clock = manualClock();
    await ledgerAt(clock).acquireNamedLease('bulk-d', 'run-1', TTL);

    expect((await storedItem('LEASE#bulk-d'))?.expiresAt).toBe(
      Math.floor((clock.now() + TTL) / 1000) + DAY_SECONDS,
    );
  });
});

describe('run records', () => {
  const summary = {
    queried: 3,
    injected: 1,
    skipped: 1,
    failed: 1,
    events: [{ id: '6001', status: 'injected', revelOrderId: '12' }],
  };

  it('round-trip a run summary', async () => {
    const ledger = ledgerAt(manualClock());

    await ledger.putRunRecord('run-2025-06-01T12:00', summary);

    expect(await ledger.getRunRecord('run-2025-06-01T12:00')).toEqual(summary);
  });

  it('replace the summary of a run that is written again, keeping when it started', async () => {
    const clock = manualClock();
    const ledger = ledgerAt(clock);
    await ledger.putRunRecord('run-b', { queried: 3 });
    clock.advance(60_000);

    await ledger.putRunRecord('run-b', summary);

    expect(await ledger.getRunRecord('run-b')).toEqual(summary);
    expect(await storedItem('RUN#run-b')).toMatchObject({
      createdAt: '2025-06-01T12:00:00.000Z',
      updatedAt: '2025-06-01T12:01:00.000Z',
      expiresAt: Math.floor(clock.now() / 1000) + 30 * DAY_SECONDS,
    });
  });

  it('are undefined for a run never recorded', async () => {
    expect(await ledgerAt(manualClock()).getRunRecord('run-unknown')).toBeUndefined();
  });

  it('report a summary that is not a JSON object as an invalid item', async () => {
    await table().client.send(
      new PutCommand({ TableName: table().tableName, Item: { pk: 'RUN#run-junk', summary: '[1, 2' } }),
    );

    await expect(ledgerAt(manualClock()).getRunRecord('run-junk')).rejects.toBeInstanceOf(
      LedgerItemInvalidError,
    );
  });
});
