import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { syncRecent } from '#functions/core/bulk/sync-recent';
import { syncEvent } from '#functions/core/engine/sync-event';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

// Issue 9's reproduction: Revel answers a create later than the client waits, and commits it anyway.
// The client gives up after TIMEOUT_MS; the sandbox commits the write after DELAY_MS.
const TIMEOUT_MS = 250;
const DELAY_MS = 1_500;
const SETTLE_MS = 10 * 60_000;

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(async () => {
  await h.close();
});

/** Four lines, an order discount, a 20 % service charge, a 50.00 deposit (docs/vendors/sandbox-money.md). */
const EVENT = '55521619';
const opts = { correlationId: 'late-commit' };
const ordersFor = (eventId: string) =>
  h.sandboxes.revel.orders().filter((o) => String(o.local_id).endsWith(`_${eventId}`));
const posts = (path: string) =>
  h.sandboxes.revel.requestLog().filter((r) => r.method === 'POST' && r.path === path).length;

/** A sync from its own way in (queue, schedule, manual route): its own holder id and clients. */
const syncFrom = (holderId: string, clock?: { now: () => Date }) =>
  syncEvent(EVENT, h.deps({ holderId, revelTimeoutMs: TIMEOUT_MS, ...(clock && { clock }) }), opts);

/** Waits for the sandbox to commit the delayed write (real work finishing, not a clock to pass). */
const landed = (check: () => void) => vi.waitFor(check, { timeout: DELAY_MS * 4, interval: 25 });

const afterSettling = { now: () => new Date(h.instant.getTime() + SETTLE_MS + 1_000) };

describe('a Revel create that answers after the client timeout but commits', () => {
  it.each([
    { step: 'the Order', path: '/resources/Order/', skip: 0 },
    { step: 'an OrderItem', path: '/resources/OrderItem/', skip: 1 },
    { step: 'the service fee', path: '/resources/AppliedServiceFee/', skip: 0 },
    { step: 'the Payment', path: '/resources/Payment/', skip: 0 },
    { step: 'the OrderHistory', path: '/resources/OrderHistory/', skip: 0 },
  ])(
    'on $step: a retry from another way in re-sends nothing while it settles, and the order ends complete, each row once',
    async ({ path, skip }) => {
      h.sandboxes.faults.add({
        vendor: 'revel',
        method: 'POST',
        path,
        skip,
        action: { kind: 'delay', ms: DELAY_MS },
      });

      const first = await syncFrom('queue');
      expect(first).toMatchObject({ status: 'in_progress', reason: 'WRITE_SETTLING' });
      const manual = await syncFrom('manual');
      expect(manual).toMatchObject({ status: 'in_progress', reason: 'WRITE_SETTLING' });

      // The lost write lands (the sandbox logs a request when it answers): the manual retry sent nothing.
      await landed(() => expect(h.sandboxes.revel.requestLog().some((r) => r.fault === 'delay')).toBe(true));
      expect(posts(path)).toBe(skip + 1);
      // The next sync after the settle time adopts what landed and finishes the order.
      const schedule = await syncFrom('schedule', afterSettling);
      expect(schedule.status).toBe('injected');

      const orders = ordersFor(EVENT);
      expect(orders).toHaveLength(1);
      const [order] = orders;
      expect(String(order?.id)).toBe(schedule.revel_order_id);
      const uuids = order?.items.map((i) => i.uuid) ?? [];
      expect(uuids).toHaveLength(4);
      expect(new Set(uuids).size).toBe(4);
      expect(order?.payments).toHaveLength(1);
      expect(order?.histories).toHaveLength(1);
      expect(order?.serviceFees).toHaveLength(1);
      expect(order?.applied_discounts).toHaveLength(1);
      expect(order).toMatchObject({
        discount_amount: '20.000000',
        final_total: 231.08,
        remaining_due: 181.08,
      });
      expect(await h.ledger.get(EVENT)).toMatchObject({
        status: 'injected',
        revelOrderId: schedule.revel_order_id,
      });
    },
  );

  it('re-sends a create that never landed, once, after the settle time', async () => {
    // Revel refuses with 503 without writing: the client cannot tell this from a lost commit.
    h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'POST',
      path: '/resources/OrderItem/',
      skip: 1,
      action: { kind: 'fail', status: 503 },
    });
    expect(await syncFrom('queue')).toMatchObject({ status: 'in_progress', reason: 'WRITE_SETTLING' });
    expect(await syncFrom('manual')).toMatchObject({ status: 'in_progress', reason: 'WRITE_SETTLING' });
    expect(ordersFor(EVENT)[0]?.items).toHaveLength(1);

    const schedule = await syncFrom('schedule', afterSettling);
    expect(schedule.status).toBe('injected');
    const uuids = ordersFor(EVENT)[0]?.items.map((i) => i.uuid) ?? [];
    expect(uuids).toHaveLength(4);
    expect(new Set(uuids).size).toBe(4);
  });
});

describe('an Order create lost near the end of the event day', () => {
  it('is found and finished by the next day’s scheduled run instead of being skipped as a passed day', async () => {
    h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'POST',
      path: '/resources/Order/',
      action: { kind: 'delay', ms: DELAY_MS },
    });
    const first = await syncFrom('queue');
    expect(first).toMatchObject({ status: 'in_progress', reason: 'WRITE_SETTLING' });
    await landed(() => expect(h.sandboxes.revel.requestLog().some((r) => r.fault === 'delay')).toBe(true));
    expect(ordersFor(EVENT)[0]?.items).toHaveLength(0);

    const nextDay = { now: () => new Date(h.instant.getTime() + 24 * 60 * 60_000) };
    const results = await syncRecent(h.deps({ holderId: 'schedule', clock: nextDay }), {
      hoursBack: 48,
      correlationId: 'next-day',
    });
    const result = results.find((r) => r.id === EVENT);
    expect(result).toMatchObject({ status: 'injected' });
    const orders = ordersFor(EVENT);
    expect(orders).toHaveLength(1);
    expect(result?.revel_order_id).toBe(String(orders[0]?.id));
    expect(orders[0]?.items).toHaveLength(4);
  });
});
