import { describe, expect, it } from 'vitest';
import { InputError, LeaseLostError } from '#functions/core/domain/errors';
import { emptyProgress, type Ledger, type SagaProgress } from '#functions/core/ports/ledger';

/** Epoch ms the ledger reads; moved by hand, never slept through. */
export type LedgerClock = () => number;

const TTL = 60_000;
const START = Date.parse('2025-06-01T12:00:00Z');

const halfWritten: SagaProgress = {
  orderId: 4242,
  itemsWritten: 2,
  totalsDone: true,
  paymentDone: false,
  historyDone: false,
};

/**
 * What every Ledger (core/ports/ledger.ts) promises the engine, run against each implementation:
 * the DynamoDB adapter and the in-memory double the unit tests use. Each test makes one ledger on
 * its own clock; event ids are unique per call of this function, so the ledgers may share a store.
 */
export function describeLedgerContract(name: string, makeLedger: (now: LedgerClock) => Ledger): void {
  let nextId = 0;
  const eventId = () => `${name.replace(/\W+/g, '-')}-${++nextId}`;

  function setUp() {
    let now = START;
    const clock: LedgerClock = () => now;
    return {
      ledger: makeLedger(clock),
      id: eventId(),
      now: clock,
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  describe(`${name}: acquireLease`, () => {
    it('creates a record the first time an event is leased, with nothing recorded yet', async () => {
      const { ledger, id, now } = setUp();

      const record = await ledger.acquireLease(id, 'worker-a', TTL);

      const expected = {
        eventId: id,
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
        leaseExpiresAt: now() + TTL,
      };
      expect(record).toEqual(expected);
      expect(await ledger.get(id)).toEqual(expected);
    });

    it('refuses a second holder while the lease is live, up to its last millisecond', async () => {
      const { ledger, id, advance } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);
      advance(TTL);

      expect(await ledger.acquireLease(id, 'worker-b', TTL)).toBeUndefined();
      expect((await ledger.get(id))?.leaseHolder).toBe('worker-a');
    });

    it('lets another holder take over once the lease has expired, keeping the creation time', async () => {
      const { ledger, id, now, advance } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);
      advance(TTL + 1);

      const record = await ledger.acquireLease(id, 'worker-b', TTL);

      expect(record?.leaseHolder).toBe('worker-b');
      expect(record?.leaseExpiresAt).toBe(now() + TTL);
      expect(record?.createdAt).toBe('2025-06-01T12:00:00.000Z');
    });

    it('lets the same holder re-acquire its live lease, extending it', async () => {
      const { ledger, id, now, advance } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);
      advance(10_000);

      const record = await ledger.acquireLease(id, 'worker-a', TTL);

      expect(record?.leaseExpiresAt).toBe(now() + TTL);
    });

    it('hands the next holder what was recorded, status untouched', async () => {
      const { ledger, id } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);
      await ledger.saveProgress(id, 'worker-a', halfWritten);
      await ledger.recordOutcome(id, 'worker-a', { status: 'injected', revelOrderId: '777' });
      await ledger.releaseLease(id, 'worker-a');

      const record = await ledger.acquireLease(id, 'worker-b', TTL);

      expect(record).toMatchObject({
        status: 'injected',
        revelOrderId: '777',
        progress: halfWritten,
        leaseHolder: 'worker-b',
      });
    });

    it('gives the lease to exactly one of twenty concurrent callers', async () => {
      const { ledger, id } = setUp();
      const holders = Array.from({ length: 20 }, (_, i) => `worker-${i}`);

      const results = await Promise.all(holders.map((holder) => ledger.acquireLease(id, holder, TTL)));

      const winners = results.filter((r) => r !== undefined);
      expect(winners).toHaveLength(1);
      expect((await ledger.get(id))?.leaseHolder).toBe(winners[0]?.leaseHolder);
    });

    it('rejects a lease length that is not a positive whole number of milliseconds', async () => {
      const { ledger, id } = setUp();

      await expect(ledger.acquireLease(id, 'worker-a', 0)).rejects.toBeInstanceOf(InputError);
      await expect(ledger.acquireLease(id, 'worker-a', 1.5)).rejects.toBeInstanceOf(InputError);
      expect(await ledger.get(id)).toBeUndefined();
    });

    it('rejects an empty event id', async () => {
      const { ledger } = setUp();

      await expect(ledger.acquireLease('', 'worker-a', TTL)).rejects.toBeInstanceOf(InputError);
    });
  });

  describe(`${name}: releaseLease`, () => {
    it('lets another holder in at once', async () => {
      const { ledger, id } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);

      await ledger.releaseLease(id, 'worker-a');

      expect(await ledger.acquireLease(id, 'worker-b', TTL)).toMatchObject({ leaseHolder: 'worker-b' });
    });

    it('leaves the lease alone when called by someone who does not hold it', async () => {
      const { ledger, id } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);

      await ledger.releaseLease(id, 'worker-b');

      expect(await ledger.acquireLease(id, 'worker-b', TTL)).toBeUndefined();
    });

    it('does nothing for an event that was never leased', async () => {
      const { ledger, id } = setUp();

      await ledger.releaseLease(id, 'worker-a');

      expect(await ledger.get(id)).toBeUndefined();
    });

    it('keeps what was recorded while clearing the lease', async () => {
      const { ledger, id } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);
      await ledger.recordOutcome(id, 'worker-a', { status: 'skipped', reason: 'TOO_EARLY' });

      await ledger.releaseLease(id, 'worker-a');

      expect(await ledger.get(id)).toMatchObject({
        status: 'skipped',
        reason: 'TOO_EARLY',
        leaseHolder: undefined,
        leaseExpiresAt: undefined,
      });
    });
  });

  describe(`${name}: saveProgress`, () => {
    it('round-trips the saga progress', async () => {
      const { ledger, id } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);

      await ledger.saveProgress(id, 'worker-a', halfWritten);

      expect((await ledger.get(id))?.progress).toEqual(halfWritten);
    });

    it('round-trips the plan hash, establishment and pending create saved with the order', async () => {
      const { ledger, id } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);
      const fingerprinted: SagaProgress = {
        ...halfWritten,
        planHash: 'pQ3x9hG1kVw',
        establishmentId: 4,
        pending: { step: 'item', uuid: '5f0c1b7e-0003', since: '2025-06-01T12:00:00.000Z' },
      };

      await ledger.saveProgress(id, 'worker-a', fingerprinted);

      expect((await ledger.get(id))?.progress).toEqual(fingerprinted);
    });

    it('round-trips the money steps: fees and payments written, the order closed, a pending fee', async () => {
      const { ledger, id } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);
      const money: SagaProgress = {
        ...halfWritten,
        planHash: 'pQ3x9hG1kVw',
        feesWritten: 1,
        paymentsWritten: 2,
        closeDone: true,
        pending: { step: 'fee', uuid: '5f0c1b7e-0009', since: '2025-06-01T12:00:00.000Z' },
      };

      await ledger.saveProgress(id, 'worker-a', money);

      expect((await ledger.get(id))?.progress).toEqual(money);
    });

    it('stores progress before any order exists', async () => {
      const { ledger, id } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);

      await ledger.saveProgress(id, 'worker-a', emptyProgress());

      expect((await ledger.get(id))?.progress).toEqual(emptyProgress());
    });

    it('keeps no link to the progress it was given: a later change by the caller is not saved', async () => {
      const { ledger, id } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);
      const pending = { step: 'item' as const, uuid: '5f0c1b7e-0003', since: '2025-06-01T12:00:00.000Z' };
      const progress: SagaProgress = { ...halfWritten, pending };

      await ledger.saveProgress(id, 'worker-a', progress);
      progress.itemsWritten = 3;
      pending.since = '2025-06-01T13:00:00.000Z';

      expect((await ledger.get(id))?.progress).toEqual({
        ...halfWritten,
        pending: { ...pending, since: '2025-06-01T12:00:00.000Z' },
      });
    });

    it('throws LeaseLostError for a caller that does not hold the lease', async () => {
      const { ledger, id } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);

      await expect(ledger.saveProgress(id, 'worker-b', halfWritten)).rejects.toBeInstanceOf(LeaseLostError);
      expect((await ledger.get(id))?.progress).toEqual(emptyProgress());
    });

    it('throws LeaseLostError once the lease has expired, even with no one else waiting', async () => {
      const { ledger, id, advance } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);
      advance(TTL + 1);

      await expect(ledger.saveProgress(id, 'worker-a', halfWritten)).rejects.toBeInstanceOf(LeaseLostError);
      expect((await ledger.get(id))?.progress).toEqual(emptyProgress());
    });

    it('throws LeaseLostError and creates nothing for an event that was never leased', async () => {
      const { ledger, id } = setUp();

      await expect(ledger.saveProgress(id, 'worker-a', halfWritten)).rejects.toMatchObject({
        code: 'LEASE_LOST',
        eventId: id,
      });
      expect(await ledger.get(id)).toBeUndefined();
    });

    it('renews the lease by its original length, so a long saga keeps it', async () => {
      const { ledger, id, now, advance } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);
      advance(TTL - 1_000);
      await ledger.saveProgress(id, 'worker-a', halfWritten);
      advance(TTL - 1_000);

      expect(await ledger.acquireLease(id, 'worker-b', TTL)).toBeUndefined();
      await ledger.saveProgress(id, 'worker-a', { ...halfWritten, paymentDone: true });
      expect((await ledger.get(id))?.leaseExpiresAt).toBe(now() + TTL);
    });

    it('stamps the record as updated, leaving its creation time', async () => {
      const { ledger, id, advance } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);
      advance(5_000);

      await ledger.saveProgress(id, 'worker-a', halfWritten);

      expect(await ledger.get(id)).toMatchObject({
        createdAt: '2025-06-01T12:00:00.000Z',
        updatedAt: '2025-06-01T12:00:05.000Z',
      });
    });
  });

  describe(`${name}: recordOutcome`, () => {
    it('records the outcome with its timestamps', async () => {
      const { ledger, id, advance } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);
      advance(5_000);

      await ledger.recordOutcome(id, 'worker-a', {
        status: 'injected',
        revelOrderId: '98765',
        correlationId: 'corr-1',
        eventUpdatedAt: '2025-05-30T09:15:00-07:00',
      });

      expect(await ledger.get(id)).toMatchObject({
        status: 'injected',
        revelOrderId: '98765',
        correlationId: 'corr-1',
        eventUpdatedAt: '2025-05-30T09:15:00-07:00',
        createdAt: '2025-06-01T12:00:00.000Z',
        updatedAt: '2025-06-01T12:00:05.000Z',
      });
    });

    it('keeps the fingerprint of what an injected order was built from, until an outcome replaces it', async () => {
      const { ledger, id } = setUp();
      const fingerprint = '{"status":"DEFINITE","date":"2025-06-01"}';
      await ledger.acquireLease(id, 'worker-a', TTL);
      await ledger.recordOutcome(id, 'worker-a', { status: 'injected', revelOrderId: '98765', fingerprint });
      await ledger.recordOutcome(id, 'worker-a', { status: 'injected', correlationId: 'corr-2' });

      expect((await ledger.get(id))?.fingerprint).toBe(fingerprint);
    });

    it('removes fields passed as undefined and leaves unmentioned fields alone', async () => {
      const { ledger, id } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);
      await ledger.recordOutcome(id, 'worker-a', {
        status: 'failed',
        error: 'REVEL_UNAVAILABLE: 503',
        correlationId: 'corr-1',
      });

      await ledger.recordOutcome(id, 'worker-a', {
        status: 'injected',
        revelOrderId: '55',
        error: undefined,
      });

      const record = await ledger.get(id);
      expect(record).toMatchObject({ status: 'injected', revelOrderId: '55', correlationId: 'corr-1' });
      expect(record?.error).toBeUndefined();
    });

    it('keeps the saga progress when only the status changes', async () => {
      const { ledger, id } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);
      await ledger.saveProgress(id, 'worker-a', halfWritten);

      await ledger.recordOutcome(id, 'worker-a', { status: 'writing' });

      expect(await ledger.get(id)).toMatchObject({ status: 'writing', progress: halfWritten });
    });

    it('renews the lease by its original length, like every write under the lease', async () => {
      const { ledger, id, now, advance } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);
      advance(TTL - 1_000);

      await ledger.recordOutcome(id, 'worker-a', { status: 'writing' });

      expect((await ledger.get(id))?.leaseExpiresAt).toBe(now() + TTL);
    });

    it('throws LeaseLostError after another holder took over the expired lease', async () => {
      const { ledger, id, advance } = setUp();
      await ledger.acquireLease(id, 'worker-a', TTL);
      advance(TTL + 1);
      await ledger.acquireLease(id, 'worker-b', TTL);

      await expect(ledger.recordOutcome(id, 'worker-a', { status: 'injected' })).rejects.toBeInstanceOf(
        LeaseLostError,
      );
      expect((await ledger.get(id))?.status).toBe('new');
    });
  });

  describe(`${name}: get`, () => {
    it('answers undefined for an event the ledger has never seen', async () => {
      const { ledger, id } = setUp();

      expect(await ledger.get(id)).toBeUndefined();
    });

    it('hands out a copy: changing what it returned changes nothing stored', async () => {
      const { ledger, id } = setUp();
      const leased = await ledger.acquireLease(id, 'worker-a', TTL);
      if (leased) leased.progress.itemsWritten = 99;
      const read = await ledger.get(id);
      if (read) read.status = 'injected';

      expect(await ledger.get(id)).toMatchObject({ status: 'new', progress: emptyProgress() });
    });
  });
}
