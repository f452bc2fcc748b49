import { describe, expect, it } from 'vitest';
import { VendorError } from '#functions/core/domain/errors';
import {
  buildOrderPlan,
  findPlannedOrder,
  type OrderPlanInput,
  planHash,
  writeOrder,
} from '#functions/core/order/order-writer';
import { emptyProgress, type SagaProgress } from '#functions/core/ports/ledger';
import { item, moneyInput, orderPlanInput } from '../../../support/builders';
import { FakeRevel } from '../../../support/fake-revel';
import { caught } from '../../../support/rejections';

const planInput = (overrides: Partial<OrderPlanInput> = {}): OrderPlanInput =>
  orderPlanInput({
    lines: [
      { item: item('Maple Bar', 6, 170), productId: 579, nameOverride: undefined, via: 'name' },
      { item: item('Drip Coffee', 2, 1250), productId: 581, nameOverride: undefined, via: 'mapping' },
      {
        item: item('Chef Tasting', 1, 4500),
        productId: 900,
        nameOverride: 'Chef Tasting',
        via: 'open_price',
      },
    ],
    // 80.20 of items + 4.60 tax; a deposit of 20.00 paid with tender 7.
    money: moneyInput({ grandTotalCents: 8480, amountDueCents: 6480 }),
    ...overrides,
  });

const plan = buildOrderPlan(planInput());

const START = Date.parse('2025-12-28T17:00:00Z');
const SETTLE_MS = 10 * 60_000;
/** The saga's clock and settle time; `later` is past the settle time of anything marked at START. */
const sagaAt = (ms: number) => ({ clock: { now: () => new Date(ms) }, settleMs: SETTLE_MS });
const saga = sagaAt(START);
const later = sagaAt(START + SETTLE_MS + 1);

/** Revel holding establishment 4 with the plan's products (the open-price one is 900). */
const downtown = {
  4: [
    { id: 579, name: 'Maple Bar', priceCents: 170, active: true },
    { id: 581, name: 'Drip Coffee', priceCents: 1250, active: true },
    { id: 900, name: 'Catering Open Item', priceCents: 0, active: true },
  ],
};

/** Records every saved progress; optionally dies (like a crashed Lambda) on the n-th save. */
function progressStore(crashOnSave?: number) {
  const saved: SagaProgress[] = [];
  const save = async (p: SagaProgress) => {
    if (saved.length + 1 === crashOnSave) throw new Error('Lambda timed out');
    saved.push(p);
  };
  return { saved, save, last: () => saved.at(-1) ?? emptyProgress() };
}

describe('writeOrder', () => {
  it('writes the order, its items, totals, payment and history, saving progress after each step', async () => {
    const revel = new FakeRevel(downtown);
    const store = progressStore();
    const result = await writeOrder(plan, emptyProgress(), revel, store.save, saga);

    expect(result.progress).toEqual({
      orderId: result.orderId,
      itemsWritten: 3,
      totalsDone: true,
      paymentDone: false,
      paymentsWritten: 1,
      historyDone: true,
      planHash: planHash(plan),
      establishmentId: plan.establishmentId,
    });
    // One save per create (its pending mark, carrying the step before it as done), then the end.
    expect(store.saved).toHaveLength(7);
    expect(store.saved[0]).toEqual({
      ...emptyProgress(),
      planHash: planHash(plan),
      establishmentId: plan.establishmentId,
      pending: { step: 'order', uuid: plan.orderUuid, since: '2025-12-28T17:00:00.000Z' },
    });
    expect(store.saved[2]).toMatchObject({
      orderId: result.orderId,
      itemsWritten: 1,
      pending: { step: 'item', uuid: plan.lines[1]?.uuid },
    });
    expect(store.last()).toEqual(result.progress);
    expect(revel.orders).toHaveLength(1);
    expect(revel.orderItems).toHaveLength(3);
    expect(revel.payments).toHaveLength(1);
    expect(revel.orderHistories).toHaveLength(1);
    // The order was created by this run: no row of it is looked up before being created.
    expect(revel.calls).not.toContain('listOrderItems');
    expect(revel.calls).not.toContain('listPayments');
    expect(revel.calls).not.toContain('countOrderHistory');
  });

  it('sends the order body fields proven in production, with naive local times and zero totals', async () => {
    const revel = new FakeRevel(downtown);
    const { orderId } = await writeOrder(plan, emptyProgress(), revel, progressStore().save, saga);
    expect(revel.orders[0]).toMatchObject({
      uuid: plan.orderUuid,
      establishment: '/enterprise/Establishment/4/',
      pos_mode: 'Q',
      local_id: 'Triple Seat_55521609',
      web_order: true,
      notes: 'Triple Seat Event #55521609',
      call_name: 'Ann Lee | 555-0100',
      dining_option: 113,
      created_date: '2025-12-28T18:00:00',
      updated_date: '2025-12-28T18:00:00',
      created_by: '/enterprise/User/1/',
      updated_by: '/enterprise/User/1/',
      station: '/resources/PosStation/5/',
      created_at: '/resources/PosStation/5/',
      last_updated_at: '/resources/PosStation/5/',
      surcharge: 0,
      // Patched by the totals step: 6×1.70 + 2×12.50 + 45.00, TripleSeat's tax, 20.00 paid.
      subtotal: 80.2,
      tax: 4.6,
      final_total: 84.8,
      remaining_due: 64.8,
    });
    expect(revel.orderItems[2]).toMatchObject({
      uuid: plan.lines[2]?.uuid,
      order: `/resources/Order/${orderId}/`,
      product: '/resources/Product/900/',
      quantity: 1,
      price: 45,
      initial_price: 45,
      price_to_display: 45,
      product_name_override: 'Chef Tasting',
      temp_sort: 2,
      // 45.00 of 80.20 bears 2.58 of the 4.60 tax.
      tax_amount: 2.58,
      modifier_amount: 0,
      tax_rate: 0,
      dining_option: 113,
    });
    expect(revel.orderItems[0]).toMatchObject({ price: 1.7, quantity: 6, temp_sort: 0 });
    expect(revel.orderItems[0]).not.toHaveProperty('product_name_override');
    expect(revel.payments[0]).toMatchObject({
      uuid: plan.payments[0]?.uuid,
      order: `/resources/Order/${orderId}/`,
      establishment: '/enterprise/Establishment/4/',
      payment_type: 7,
      amount: 20,
      tip: 0,
      created_by: '/enterprise/User/1/',
      created_date: '2025-12-20T12:00:00',
    });
    expect(revel.orderHistories[0]).toMatchObject({
      order: `/resources/Order/${orderId}/`,
      order_opened_by: '/enterprise/User/1/',
      order_opened_at: '/resources/PosStation/5/',
      opened: '2025-12-28T18:00:00',
    });
  });

  it('sends the totals with the create and skips the totals step when revel.totalsWithCreate is on', async () => {
    const revel = new FakeRevel(downtown);
    const upFront = buildOrderPlan(planInput({ totalsWithCreate: true }));
    const { progress, created } = await writeOrder(
      upFront,
      emptyProgress(),
      revel,
      progressStore().save,
      saga,
    );
    expect(revel.orders[0]).toMatchObject({
      subtotal: 80.2,
      tax: 4.6,
      final_total: 84.8,
      remaining_due: 64.8,
    });
    expect(revel.calls).not.toContain('setOrderTotals');
    expect(progress).toMatchObject({ totalsDone: true, itemsWritten: 3 });
    expect(created).toBe(true);
  });

  it('still sends the totals step for an order found rather than created, even with totals on the create', async () => {
    const revel = new FakeRevel(downtown);
    revel.failNext('createOrder', 'lost_response');
    const upFront = buildOrderPlan(planInput({ totalsWithCreate: true }));
    const written = await writeOrder(upFront, emptyProgress(), revel, progressStore().save, saga);
    expect(revel.callCount('setOrderTotals')).toBe(1);
    expect(written.created).toBe(false);
    expect(revel.orders).toHaveLength(1);
  });

  it('resumes after a crash between items and creates only the missing ones', async () => {
    const revel = new FakeRevel(downtown);
    // Saves: order, item 1, item 2 pending; the crash comes after item 2 committed, before it was counted.
    const first = progressStore(4);
    await expect(writeOrder(plan, emptyProgress(), revel, first.save, saga)).rejects.toThrow(
      'Lambda timed out',
    );
    expect(revel.orderItems).toHaveLength(2);
    expect(first.last()).toMatchObject({
      itemsWritten: 1,
      pending: { step: 'item', uuid: plan.lines[1]?.uuid },
    });

    const second = progressStore();
    const result = await writeOrder(plan, first.last(), revel, second.save, saga);
    expect(revel.orders).toHaveLength(1);
    expect(revel.orderItems.map((row) => row.uuid)).toEqual(plan.lines.map((l) => l.uuid));
    expect(revel.callCount('createOrder')).toBe(1);
    expect(revel.callCount('createOrderItem')).toBe(3);
    expect(revel.callCount('listOrderItems')).toBe(1);
    expect(result.progress).toMatchObject({ itemsWritten: 3 });
    expect(result.progress.pending).toBeUndefined();
  });

  it('finds an order whose create response was lost by its local_id and does not create it again', async () => {
    const revel = new FakeRevel(downtown);
    revel.failNext('createOrder', 'lost_response');
    const result = await writeOrder(plan, emptyProgress(), revel, progressStore().save, saga);
    expect(revel.orders).toHaveLength(1);
    expect(revel.callCount('createOrder')).toBe(1);
    expect(revel.callCount('findOrdersByLocalId')).toBe(1);
    expect(result.orderId).toBe(revel.orders[0]?.id);
    expect(revel.callCount('listOrderItems')).toBe(1);
    expect(revel.orderItems).toHaveLength(3);
  });

  it('leaves a create whose re-check finds nothing pending and settling (it may still be committing)', async () => {
    const revel = new FakeRevel(downtown);
    revel.failNext('createOrder', 'unavailable');
    const store = progressStore();
    const error = await caught(writeOrder(plan, emptyProgress(), revel, store.save, saga));
    expect(error).toMatchObject({ code: 'WRITE_SETTLING', retryable: true });
    expect(revel.callCount('createOrder')).toBe(1);
    expect(revel.callCount('findOrdersByLocalId')).toBe(1);
    expect(store.last()).toMatchObject({
      orderId: undefined,
      pending: { step: 'order', uuid: plan.orderUuid, since: '2025-12-28T17:00:00.000Z' },
    });
  });

  it('does not re-send a pending create before the settle time, however often it is retried', async () => {
    const revel = new FakeRevel(downtown);
    revel.failNext('createOrder', 'unavailable');
    const store = progressStore();
    await caught(writeOrder(plan, emptyProgress(), revel, store.save, saga));
    for (const ms of [START + 1_000, START + SETTLE_MS - 1]) {
      const error = await caught(writeOrder(plan, store.last(), revel, store.save, sagaAt(ms)));
      expect(error).toMatchObject({ code: 'WRITE_SETTLING' });
    }
    expect(revel.callCount('createOrder')).toBe(1);
    expect(revel.orders).toHaveLength(0);
  });

  it('adopts a pending create that landed late, without sending it again', async () => {
    const revel = new FakeRevel(downtown);
    revel.failNext('createOrderItem', 'unavailable');
    const store = progressStore();
    await caught(writeOrder(plan, emptyProgress(), revel, store.save, saga));
    // The lost POST commits after all, while the event settles.
    revel.seedOrderItem(store.last().orderId as number, plan.lines[0]?.uuid as string);
    const result = await writeOrder(plan, store.last(), revel, store.save, sagaAt(START + 1_000));
    expect(revel.orderItems.map((row) => row.uuid)).toEqual(plan.lines.map((l) => l.uuid));
    expect(revel.callCount('createOrderItem')).toBe(3);
    expect(result.progress).toMatchObject({ itemsWritten: 3, historyDone: true });
  });

  it('creates the order after the settle time when the earlier create never landed', async () => {
    const revel = new FakeRevel(downtown);
    revel.failNext('createOrder', 'unavailable');
    const store = progressStore();
    await caught(writeOrder(plan, emptyProgress(), revel, store.save, saga));
    const result = await writeOrder(plan, store.last(), revel, store.save, later);
    expect(revel.orders).toHaveLength(1);
    expect(result.orderId).toBe(revel.orders[0]?.id);
    expect(revel.callCount('createOrder')).toBe(2);
  });

  it('clears the pending mark of a create Revel refused, so the next run does not wait', async () => {
    const revel = new FakeRevel(downtown);
    revel.failNext('createPayment', 'rejected');
    const store = progressStore();
    await expect(writeOrder(plan, emptyProgress(), revel, store.save, saga)).rejects.toMatchObject({
      code: 'REVEL_REJECTED',
    });
    expect(store.last()).toMatchObject({ itemsWritten: 3, totalsDone: true, paymentDone: false });
    expect(store.last().pending).toBeUndefined();
    await writeOrder(plan, store.last(), revel, store.save, saga);
    expect(revel.payments).toHaveLength(1);
  });

  it('does not re-send a create when another order already carries our local_id under another uuid', async () => {
    const revel = new FakeRevel(downtown);
    revel.seedOrder({
      uuid: 'someone-else',
      local_id: plan.localId,
      establishment: '/enterprise/Establishment/4/',
    });
    revel.failNext('createOrder', 'unavailable');
    await expect(writeOrder(plan, emptyProgress(), revel, progressStore().save, saga)).rejects.toMatchObject({
      code: 'WRITE_SETTLING',
    });
    expect(revel.callCount('createOrder')).toBe(1);
    expect(revel.orders).toHaveLength(1);
  });

  it('does not double an item whose POST committed and then answered 504', async () => {
    const revel = new FakeRevel(downtown);
    revel.failNext('createOrderItem', 'lost_response');
    const result = await writeOrder(plan, emptyProgress(), revel, progressStore().save, saga);
    expect(revel.orderItems.map((row) => row.uuid)).toEqual(plan.lines.map((l) => l.uuid));
    expect(revel.callCount('createOrderItem')).toBe(3);
    expect(result.progress.itemsWritten).toBe(3);
  });

  it('leaves an item whose failed POST is not found on re-check to a run after the settle time, which writes it once', async () => {
    const revel = new FakeRevel(downtown);
    revel.failNext('createOrderItem', 'unavailable');
    const store = progressStore();
    await expect(writeOrder(plan, emptyProgress(), revel, store.save, saga)).rejects.toMatchObject({
      code: 'WRITE_SETTLING',
      retryable: true,
    });
    expect(revel.orderItems).toHaveLength(0);
    await writeOrder(plan, store.last(), revel, store.save, later);
    expect(revel.orderItems).toHaveLength(3);
    expect(revel.callCount('createOrderItem')).toBe(4);
  });

  it('refuses to append to a half-written order whose event now plans different items', async () => {
    const revel = new FakeRevel(downtown);
    revel.failNext('createOrderItem', 'rejected');
    const store = progressStore();
    await caught(writeOrder(plan, emptyProgress(), revel, store.save, saga));
    const edited = {
      ...plan,
      lines: plan.lines.map((l, i) => (i === 0 ? { ...l, uuid: 'edited-line', quantity: 9 } : l)),
    };
    const error = await caught(writeOrder(edited, store.last(), revel, store.save, saga));
    expect(error).toMatchObject({ code: 'HALF_WRITTEN_ORDER', retryable: false });
    expect(revel.orderItems).toHaveLength(0);
    expect(revel.callCount('createOrderItem')).toBe(1);
  });

  it('refuses to finish a half-written order whose lines now carry another price or name', async () => {
    const revel = new FakeRevel(downtown);
    revel.failNext('createOrderItem', 'rejected');
    const store = progressStore();
    await caught(writeOrder(plan, emptyProgress(), revel, store.save, saga));
    const repriced = {
      ...plan,
      lines: plan.lines.map((l, i) => (i === 0 ? { ...l, unitPriceCents: 999 } : l)),
    };
    await expect(writeOrder(repriced, store.last(), revel, store.save, saga)).rejects.toMatchObject({
      code: 'HALF_WRITTEN_ORDER',
    });
    const renamed = { ...plan, lines: plan.lines.map((l) => ({ ...l, nameOverride: 'Wedding Cake' })) };
    await expect(writeOrder(renamed, store.last(), revel, store.save, saga)).rejects.toMatchObject({
      code: 'HALF_WRITTEN_ORDER',
    });
    expect(revel.orderItems).toHaveLength(0);
  });

  it('checks an order started without fingerprints against Revel’s items before finishing it', async () => {
    const revel = new FakeRevel(downtown);
    revel.failNext('createOrderItem', 'rejected');
    const store = progressStore();
    await caught(writeOrder(plan, emptyProgress(), revel, store.save, saga));
    const legacy = { ...store.last(), planHash: undefined, establishmentId: undefined };
    const result = await writeOrder(plan, legacy, revel, store.save, saga);
    expect(result.progress.planHash).toBe(planHash(plan));
    expect(revel.orderItems).toHaveLength(3);
  });

  it('refuses to finish a half-written order in another establishment', async () => {
    const revel = new FakeRevel(downtown);
    revel.failNext('createOrderItem', 'rejected');
    const store = progressStore();
    await caught(writeOrder(plan, emptyProgress(), revel, store.save, saga));
    const moved = { ...plan, establishmentId: 7 };
    await expect(writeOrder(moved, store.last(), revel, store.save, saga)).rejects.toMatchObject({
      code: 'HALF_WRITTEN_ORDER',
    });
  });

  it('skips the payment and the history when Revel already has them', async () => {
    const revel = new FakeRevel(downtown);
    const { orderId, progress } = await writeOrder(plan, emptyProgress(), revel, progressStore().save, saga);
    const rerun = { ...progress, paymentsWritten: 0, historyDone: false };
    const result = await writeOrder(plan, rerun, revel, progressStore().save, saga);
    expect(result.orderId).toBe(orderId);
    expect(result.progress).toMatchObject({ paymentsWritten: 1, historyDone: true });
    expect(revel.callCount('createPayment')).toBe(1);
    expect(revel.callCount('createOrderHistory')).toBe(1);
    expect(revel.payments).toHaveLength(1);
    expect(revel.orderHistories).toHaveLength(1);
  });

  it('looks for the payment and history of an order whose create answer was lost before writing them', async () => {
    const revel = new FakeRevel(downtown);
    revel.failNext('createOrder', 'lost_response');
    const result = await writeOrder(plan, emptyProgress(), revel, progressStore().save, saga);
    expect(result.progress).toMatchObject({ paymentsWritten: 1, historyDone: true });
    expect(revel.calls).toContain('listPayments');
    expect(revel.calls).toContain('countOrderHistory');
    expect(revel.orderHistories).toHaveLength(1);
  });

  it('leaves out the payment and history steps the plan does not ask for', async () => {
    const revel = new FakeRevel(downtown);
    const bare = buildOrderPlan(planInput({ money: undefined, orderHistory: false }));
    const { progress } = await writeOrder(bare, emptyProgress(), revel, progressStore().save, saga);
    expect(revel.calls).not.toContain('listPayments');
    expect(revel.calls).not.toContain('countOrderHistory');
    expect(progress).toMatchObject({ totalsDone: true, paymentDone: false, historyDone: false });
  });

  it('lets a rejection propagate unchanged, with progress saved up to the last completed step', async () => {
    const revel = new FakeRevel(downtown);
    const rejection = new VendorError('revel', 'REVEL_REJECTED', 445, false, 'Integrity Error: bad discount');
    revel.failNext('setOrderTotals', rejection);
    const store = progressStore();
    await expect(writeOrder(plan, emptyProgress(), revel, store.save, saga)).rejects.toBe(rejection);
    expect(store.last()).toEqual({
      orderId: revel.orders[0]?.id,
      itemsWritten: 3,
      totalsDone: false,
      paymentDone: false,
      historyDone: false,
      planHash: planHash(plan),
      establishmentId: plan.establishmentId,
    });

    await writeOrder(plan, store.last(), revel, store.save, saga);
    expect(revel.orders).toHaveLength(1);
    expect(revel.orderItems).toHaveLength(3);
    expect(revel.calls.filter((m) => m.startsWith('create'))).toEqual([
      'createOrder',
      'createOrderItem',
      'createOrderItem',
      'createOrderItem',
      'createPayment',
      'createOrderHistory',
    ]);
    expect(store.last()).toMatchObject({ totalsDone: true, paymentsWritten: 1, historyDone: true });
  });

  it('lets a rejected item stop the saga without retrying it', async () => {
    const revel = new FakeRevel(downtown);
    revel.failNext('createOrderItem', 'rejected');
    const store = progressStore();
    await expect(writeOrder(plan, emptyProgress(), revel, store.save, saga)).rejects.toMatchObject({
      code: 'REVEL_REJECTED',
    });
    expect(revel.callCount('createOrderItem')).toBe(1);
    expect(store.last()).toMatchObject({ orderId: revel.orders[0]?.id, itemsWritten: 0 });
  });

  it('leaves the progress it was given untouched', async () => {
    const revel = new FakeRevel(downtown);
    const given = emptyProgress();
    await writeOrder(plan, given, revel, progressStore().save, saga);
    expect(given).toEqual(emptyProgress());
  });
});

describe('findPlannedOrder', () => {
  const order = (id: number, uuid: string | undefined, localId: string) => ({
    id,
    uuid,
    localId,
    establishmentId: 4,
    subtotalCents: undefined,
    finalTotalCents: undefined,
  });

  it("recognises the plan's order by uuid, or by local_id when Revel kept no uuid", () => {
    expect(
      findPlannedOrder([order(1, 'other', plan.localId), order(2, plan.orderUuid, plan.localId)], plan)?.id,
    ).toBe(2);
    expect(findPlannedOrder([order(3, undefined, plan.localId)], plan)?.id).toBe(3);
    expect(findPlannedOrder([order(4, 'other', plan.localId)], plan)).toBeUndefined();
  });
});
