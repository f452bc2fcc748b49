import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runQueuedBulk } from '#functions/core/bulk/run-queued-bulk-sync';
import { runScheduledSync } from '#functions/core/bulk/run-scheduled-sync';
import type { SyncConfig } from '#functions/core/config/sync-config';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { LEASE_HELD } from '#functions/core/domain/reasons';
import { syncEvent } from '#functions/core/engine/sync-event';
import type { Ledger, LedgerRecord, OutcomeUpdate, SagaProgress } from '#functions/core/ports/ledger';
import { DynamoDbLedger } from '#functions/platform/ledger-dynamodb';
import { processQueueBatch } from '#functions/sync/queue/queue-batch';
import { type EngineHarness, startEngineHarness } from '../support/engine-harness';
import {
  eventMessage,
  fakeSyncHandlerDeps,
  type MemorySyncQueue,
  sqsEvent,
  sqsRecord,
} from '../support/fake-sync-handler-deps';

// RELIABILITY.md, "Faults": the cases of issue 9 no other test covered, against the vendor
// sandboxes over real HTTP and the DynamoDB ledger (dynalite). Time is injected, never slept through.
const EVENT = '55521609';
/** Four lines with an order discount, a service charge and a deposit: every saga step has a row to write. */
const MONEY_EVENT = '55521619';
const LEASE_SECONDS = 60;
const SETTLE_SECONDS = 600;
const opts = { correlationId: 'fault-cases' };

let h: EngineHarness;
let config: SyncConfig;
beforeEach(async () => {
  h = await startEngineHarness();
  config = {
    ...h.config,
    notifications: {
      from: 'sync@example.com',
      to: ['ops@example.com'],
      onInjected: true,
      onFailed: true,
      digest: true,
    },
    sync: { ...h.config.sync, leaseSeconds: LEASE_SECONDS, writeSettleSeconds: SETTLE_SECONDS },
  };
});
afterEach(async () => {
  await h.close();
});

const ordersFor = (eventId: string) =>
  h.sandboxes.revel.orders().filter((o) => o.local_id === `Triple Seat_${eventId}`);
const at = (offsetMs: number) => new Date(h.instant.getTime() + offsetMs);

/** Over the same table, with the ledger's own clock (lease expiry) moved with the engine's. */
const ledgerAt = (offsetMs: number) =>
  new DynamoDbLedger({
    client: h.table.client,
    tableName: h.table.tableName,
    now: () => at(offsetMs).getTime(),
  });

/** One way in at a moment: its own holder, clients, clock and ledger clock. */
const syncAt = (holderId: string, offsetMs: number, ledger: Ledger = ledgerAt(offsetMs)) =>
  syncEvent(EVENT, { ...h.deps({ holderId, config }), ledger, clock: { now: () => at(offsetMs) } }, opts);

function expectOneCompleteOrder(eventId: string, orderId?: string) {
  const orders = ordersFor(eventId);
  expect(orders).toHaveLength(1);
  const uuids = orders[0]?.items.map((i) => i.uuid) ?? [];
  expect(uuids).toHaveLength(4);
  expect(new Set(uuids).size).toBe(4);
  if (orderId !== undefined) expect(String(orders[0]?.id)).toBe(orderId);
}

class ProcessDied extends Error {
  override readonly name = 'ProcessDied';
}

/**
 * A ledger whose process dies right after a chosen progress save (the save itself lands): from then
 * on nothing it does reaches the table — no outcome, no lease release.
 */
class DyingLedger implements Ledger {
  dead = false;
  constructor(
    private readonly inner: Ledger,
    private readonly diesAfter: (progress: SagaProgress) => boolean,
  ) {}
  #alive(): void {
    if (this.dead) throw new ProcessDied('the process is gone');
  }
  async acquireLease(eventId: string, holder: string, ttlMs: number) {
    this.#alive();
    return this.inner.acquireLease(eventId, holder, ttlMs);
  }
  async saveProgress(eventId: string, holder: string, progress: SagaProgress) {
    this.#alive();
    await this.inner.saveProgress(eventId, holder, progress);
    if (this.diesAfter(progress)) {
      this.dead = true;
      throw new ProcessDied('killed after saving progress');
    }
  }
  async recordOutcome(eventId: string, holder: string, outcome: OutcomeUpdate) {
    this.#alive();
    return this.inner.recordOutcome(eventId, holder, outcome);
  }
  async releaseLease(eventId: string, holder: string) {
    this.#alive();
    return this.inner.releaseLease(eventId, holder);
  }
  async get(eventId: string): Promise<LedgerRecord | undefined> {
    this.#alive();
    return this.inner.get(eventId);
  }
}

/** A ledger that does not answer while `down`, as DynamoDB throttled or unreachable. */
class OutageLedger implements Ledger {
  down = false;
  /** Goes down by itself after this many successful progress saves (undefined: never). */
  downAfterSaves: number | undefined;
  constructor(private readonly inner: Ledger) {}
  #check(): void {
    if (this.down) throw Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable' });
  }
  async acquireLease(eventId: string, holder: string, ttlMs: number) {
    this.#check();
    return this.inner.acquireLease(eventId, holder, ttlMs);
  }
  async saveProgress(eventId: string, holder: string, progress: SagaProgress) {
    this.#check();
    if (this.downAfterSaves !== undefined && this.downAfterSaves-- <= 0) {
      this.down = true;
      this.#check();
    }
    return this.inner.saveProgress(eventId, holder, progress);
  }
  async recordOutcome(eventId: string, holder: string, outcome: OutcomeUpdate) {
    this.#check();
    return this.inner.recordOutcome(eventId, holder, outcome);
  }
  async releaseLease(eventId: string, holder: string) {
    this.#check();
    return this.inner.releaseLease(eventId, holder);
  }
  async get(eventId: string) {
    this.#check();
    return this.inner.get(eventId);
  }
}

describe('a write that commits in Revel and then answers 504, at every saga step', () => {
  it.each([
    { step: 'the Order create', method: 'POST', path: '/resources/Order/' as string | RegExp, skip: 0 },
    { step: 'an OrderItem create', method: 'POST', path: '/resources/OrderItem/', skip: 2 },
    { step: 'the service fee create', method: 'POST', path: '/resources/AppliedServiceFee/', skip: 0 },
    {
      step: 'the totals update (revel.totalsWithCreate off)',
      method: 'PATCH',
      path: /^\/resources\/Order\/\d+\/?$/,
      skip: 0,
      totalsWithCreate: false,
    },
    { step: 'the Payment create', method: 'POST', path: '/resources/Payment/', skip: 0 },
    { step: 'the OrderHistory create', method: 'POST', path: '/resources/OrderHistory/', skip: 0 },
  ])(
    'on $step, with a retry from another way in at once: one order, each row once',
    async ({ method, path, skip, totalsWithCreate }) => {
      h.sandboxes.faults.add({ vendor: 'revel', method, path, skip, action: { kind: 'commit-then-fail' } });
      const revel = { ...config.revel, totalsWithCreate: totalsWithCreate ?? config.revel.totalsWithCreate };
      const way = (holderId: string, offsetMs: number) =>
        syncEvent(
          MONEY_EVENT,
          {
            ...h.deps({ holderId, config: { ...config, revel } }),
            ledger: ledgerAt(offsetMs),
            clock: { now: () => at(offsetMs) },
          },
          opts,
        );
      const [queue, manual] = await Promise.all([way('queue', 0), way('manual', 0)]);
      expect([queue.status, manual.status]).not.toContain('failed');
      // Whatever is still settling is finished by the next run after the settle time.
      const next = await way('schedule', (SETTLE_SECONDS + 60) * 1000);
      expect(h.sandboxes.revel.requestLog().some((r) => r.fault === 'commit-then-fail')).toBe(true);
      expectOneCompleteOrder(MONEY_EVENT);
      const [order] = ordersFor(MONEY_EVENT);
      expect(order?.payments).toHaveLength(1);
      expect(order?.histories).toHaveLength(1);
      expect(order?.serviceFees).toHaveLength(1);
      expect(order?.applied_discounts).toHaveLength(1);
      expect(await h.ledger.get(MONEY_EVENT)).toMatchObject({
        status: 'injected',
        revelOrderId: String(order?.id),
      });
      expect([queue.status, manual.status, next.status]).toContain('injected');
    },
  );
});

describe('a lease holder that dies', () => {
  it('keeps every other way in out until its lease expires; then its unfinished create settles, and the same order is finished', async () => {
    // It dies right after saving the order id with its first item create marked pending.
    const dying = new DyingLedger(ledgerAt(0), (p) => p.orderId !== undefined && p.itemsWritten === 0);
    // Whatever that process would have answered, nobody hears it: it is gone.
    await syncAt('queue-that-dies', 0, dying).catch(() => undefined);
    expect(dying.dead).toBe(true);
    // It left an empty order and its lease behind.
    expect(ordersFor(EVENT)).toHaveLength(1);
    expect(ordersFor(EVENT)[0]?.items).toHaveLength(0);

    const early = await syncAt('manual', 30_000);
    expect(early).toMatchObject({ status: 'in_progress', reason: LEASE_HELD });

    // The lease expired; the item create it may have sent is left alone until the settle time.
    const afterLease = await syncAt('queue-redelivered', (LEASE_SECONDS + 1) * 1000);
    expect(afterLease).toMatchObject({ status: 'in_progress', reason: 'WRITE_SETTLING' });
    expect(ordersFor(EVENT)[0]?.items).toHaveLength(0);

    const late = await syncAt('schedule', (SETTLE_SECONDS + 60) * 1000);
    expect(late.status).toBe('injected');
    expectOneCompleteOrder(EVENT, late.revel_order_id ?? undefined);
    expect(await h.ledger.get(EVENT)).toMatchObject({
      status: 'injected',
      revelOrderId: late.revel_order_id,
    });
  });
});

describe('the ledger unavailable for a while', () => {
  it('writes nothing to Revel while the ledger cannot lease, and injects once it is back', async () => {
    const ledger = new OutageLedger(ledgerAt(0));
    ledger.down = true;
    await expect(syncAt('queue', 0, ledger)).rejects.toThrow('Service Unavailable');
    expect(h.sandboxes.revel.requestLog().filter((r) => r.method === 'POST')).toEqual([]);

    ledger.down = false;
    const back = await syncAt('queue-redelivered', 5_000, ledger);
    expect(back.status).toBe('injected');
    expectOneCompleteOrder(EVENT, back.revel_order_id ?? undefined);
  });

  it('goes down after the order was created: no second order, the order finished once the ledger is back', async () => {
    // The pending mark of the Order create is saved; the save of its id after the create is not.
    const ledger = new OutageLedger(ledgerAt(0));
    ledger.downAfterSaves = 1;
    await syncAt('queue', 0, ledger).catch(() => undefined);
    expect(ordersFor(EVENT)).toHaveLength(1);

    // Back within the settle time: the create it cannot account for is left alone.
    const soon = await syncAt('queue-redelivered', 60_000);
    expect(soon.status).not.toBe('injected');
    expect(ordersFor(EVENT)).toHaveLength(1);

    const later = await syncAt('schedule', (SETTLE_SECONDS + 60) * 1000);
    expect(later.status).toBe('injected');
    expectOneCompleteOrder(EVENT, later.revel_order_id ?? undefined);
  });
});

/** SyncHandlerDeps with the real engine over the sandboxes and dynalite; runs, mail and queue in memory. */
function handlerDeps() {
  const fakes = fakeSyncHandlerDeps({ config });
  const { holderId: _, ...engine } = h.deps({ config });
  const deps: SyncHandlerDeps = { ...fakes.deps, config, engine };
  return { deps, mailer: fakes.mailer };
}

describe('the same queue message delivered five times', () => {
  it('makes one order and one mail whether the copies arrive at once or one after another', async () => {
    const { deps, mailer } = handlerDeps();
    const record = (receiveCount: number) =>
      sqsRecord(eventMessage(EVENT, { correlationId: 'five-times' }), { messageId: 'm-1', receiveCount });
    // SQS hands a message to another poller when its visibility ends while the first is still at work.
    const atOnce = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => processQueueBatch(sqsEvent(record(n)), deps, `invocation-${n}`)),
    );
    // Those that found the event held elsewhere ask SQS for the message again.
    for (const answer of atOnce) expect(answer.batchItemFailures.length).toBeLessThanOrEqual(1);
    for (const n of [1, 2, 3, 4, 5]) {
      expect(await processQueueBatch(sqsEvent(record(n)), deps, `redelivery-${n}`)).toEqual({
        batchItemFailures: [],
      });
    }
    expectOneCompleteOrder(EVENT);
    expect(mailer.sent.filter((m) => m.subject.includes(EVENT))).toHaveLength(1);
  });
});

describe('the same events planned by two overlapping runs and a webhook', () => {
  it('make one order per eligible event between them, and both runs finish', async () => {
    const { deps } = handlerDeps();
    const manual = {
      kind: 'bulk-run',
      runId: 'manual-overlap',
      hoursBack: 48,
      dryRun: false,
      correlationId: 'overlap',
    } as const;
    const [scheduled, manualDone] = await Promise.all([
      runScheduledSync(deps, 'schedule-invocation'),
      runQueuedBulk(manual, deps, 'manual-invocation'),
    ]);
    if (scheduled.status !== 'planned') throw new Error('the scheduled run did not plan');
    expect(manualDone).toBe(true);
    const eligible = h.sandboxes.seededEventIds.eligible;
    const planned = (deps.queue as MemorySyncQueue).takeAll().filter((m) => m.kind === 'run-event');
    // Both runs planned every eligible event: each is on the queue twice, and the webhook makes three.
    for (const id of eligible) expect(planned.filter((m) => m.eventId === id)).toHaveLength(2);
    const webhook = sqsRecord(eventMessage(eligible[0] ?? '', { correlationId: 'webhook' }), {
      messageId: 'webhook',
    });
    const answers = await Promise.all([
      ...planned.map((m, i) =>
        processQueueBatch(sqsEvent(sqsRecord(m, { messageId: `run-${i}` })), deps, `c-${i}`),
      ),
      processQueueBatch(sqsEvent(webhook), deps, 'webhook-consumer'),
    ]);
    // A webhook that found the event held asks SQS for it again; its redelivery finds the order.
    if ((answers.at(-1)?.batchItemFailures.length ?? 0) > 0) {
      await processQueueBatch(
        sqsEvent({ ...webhook, attributes: { ...webhook.attributes, ApproximateReceiveCount: '2' } }),
        deps,
        'webhook-again',
      );
    }
    for (const id of eligible) expect(ordersFor(id)).toHaveLength(1);
    const ours = h.sandboxes.revel.orders().filter((o) => String(o.local_id).startsWith('Triple Seat_'));
    expect(new Set(ours.map((o) => o.local_id)).size).toBe(ours.length);
    for (const runId of [scheduled.runId, 'manual-overlap']) {
      expect(await deps.runs.getRun(runId)).toMatchObject({ state: 'finished' });
    }
  });
});
