import { describe, expect, it } from 'vitest';
import { VendorError } from '#functions/core/domain/errors';
import type { OrderPlan, PlannedLine, PlannedPayment } from '#functions/core/domain/planned-order';
import { buildOrderPlan } from '#functions/core/order/order-plan';
import type { RevelApi } from '#functions/core/ports/revel-api';
import { item, moneyInput } from '../support/builders';
import { caught } from '../support/rejections';

export type RevelWrite = 'createOrder' | 'createOrderItem' | 'createPayment' | 'createOrderHistory';

/** A Revel to hold to the contract, holding the sandbox's seed (dev/sandbox/revel-seed.ts). */
export interface RevelUnderTest {
  revel: RevelApi;
  /** The next `write` is committed, then its answer is lost (a gateway 504). */
  loseNextAnswer(write: RevelWrite): void;
  /** The next `write` is refused with a 503 before anything is written. */
  refuseNext(write: RevelWrite): void;
}

/** Downtown (establishment 4) as the sandbox seeds it: its user, its station, its dining option. */
const downtown = { establishmentId: 4, stationId: 4, userId: 1, diningOption: 113 };

function planFor(eventId: string, overrides: { establishmentId?: number; productIds?: number[] } = {}) {
  const [first = 579, second = 580] = overrides.productIds ?? [];
  return buildOrderPlan({
    eventId,
    localId: `Triple Seat_${eventId}`,
    revel: { ...downtown, establishmentId: overrides.establishmentId ?? downtown.establishmentId },
    timestampLocal: '2025-12-28T12:00:00',
    notes: `Triple Seat Event #${eventId}`,
    callName: 'Ann Lee | 555-0100',
    lines: [
      { item: item('Maple Bar', 6, 250), productId: first, nameOverride: undefined, via: 'name' },
      { item: item('Glazed Donut', 12, 200), productId: second, nameOverride: undefined, via: 'name' },
    ],
    money: moneyInput({ taxes: [], grandTotalCents: 3900, amountDueCents: 2900, payments: [deposit] }),
    orderHistory: true,
  });
}

const deposit = { cents: 1000, date: '2025-12-20', kind: 'deposit' } as const;

const paymentOf = (plan: OrderPlan): PlannedPayment => {
  const payment = plan.payments[0];
  if (!payment) throw new Error('the plan has no payment');
  return payment;
};

const lineOf = (plan: OrderPlan, index: number): PlannedLine => {
  const line = plan.lines[index];
  if (!line) throw new Error(`the plan has no line ${index}`);
  return line;
};

/**
 * What the engine and the order saga rely on from Revel (core/ports/revel-api.ts), run against the
 * real client over the Revel sandbox and against the in-memory double the unit tests use, so a
 * unit test that passes on the double says something about Revel. `setUp` is called once per test
 * and gives a Revel holding the sandbox's seed and nothing else.
 */
export function describeRevelContract(name: string, setUp: () => RevelUnderTest): void {
  describe(`${name}: catalogue`, () => {
    it('lists every product of the establishment, prices in cents, inactive ones flagged', async () => {
      const { revel } = setUp();

      const products = await revel.listProducts(4);

      expect(products).toHaveLength(26);
      expect(products).toContainEqual({ id: 579, name: 'Maple Bar', priceCents: 250, active: true });
      expect(products).toContainEqual({
        id: 587,
        name: 'Old Fashioned Donut',
        priceCents: 225,
        active: false,
      });
      expect(products.map((p) => p.id)).not.toContain(1201);
    });

    it("searches the establishment's active products by the words of their name, and no other establishment's", async () => {
      const { revel } = setUp();

      expect((await revel.searchProducts(4, 'glazed DONUT')).map((p) => p.id)).toEqual([580]);
      expect((await revel.searchProducts(4, 'old fashioned')).map((p) => p.id)).toEqual([]);
      expect((await revel.searchProducts(7, 'maple')).map((p) => p.id)).toEqual([1201]);
    });
  });

  describe(`${name}: orders`, () => {
    it('creates the order with the plan’s uuid and local_id, its totals still zero', async () => {
      const { revel } = setUp();
      const plan = planFor('70000001');

      const order = await revel.createOrder(plan);

      expect(order).toMatchObject({
        uuid: plan.orderUuid,
        localId: plan.localId,
        establishmentId: 4,
        subtotalCents: 0,
        finalTotalCents: 0,
      });
      expect(await revel.findOrdersByLocalId(4, [plan.localId])).toEqual([
        expect.objectContaining({ id: order.id, uuid: plan.orderUuid }),
      ]);
    });

    it('finds orders by exact local_id in the one establishment only, two sharing one both', async () => {
      const { revel } = setUp();
      const plan = planFor('70000002');
      const first = await revel.createOrder(plan);
      const second = await revel.createOrder(plan);
      await revel.createOrder(planFor('700000020'));

      const found = await revel.findOrdersByLocalId(4, [plan.localId, 'Triple Seat_70000099']);

      expect(found.map((o) => o.id).sort()).toEqual([first.id, second.id].sort());
      expect(await revel.findOrdersByLocalId(7, [plan.localId])).toEqual([]);
    });

    it('lists no items, payments or history on a new order', async () => {
      const { revel } = setUp();
      const { id } = await revel.createOrder(planFor('70000003'));

      expect(await revel.listOrderItems(id)).toEqual([]);
      expect(await revel.listPaymentUuids(id)).toEqual([]);
      expect(await revel.countOrderHistory(id)).toBe(0);
    });

    it('holds a whole order: items by uuid, totals, the payment and the history', async () => {
      const { revel } = setUp();
      const plan = planFor('70000004');
      const { id } = await revel.createOrder(plan);

      for (const [index, line] of plan.lines.entries()) await revel.createOrderItem(plan, id, line, index);
      await revel.setOrderTotals(plan, id);
      await revel.createPayment(plan, id, paymentOf(plan));
      await revel.createOrderHistory(plan, id);

      expect(await revel.listOrderItems(id)).toEqual([
        expect.objectContaining({ uuid: lineOf(plan, 0).uuid, orderId: id, productId: 579, quantity: 6 }),
        expect.objectContaining({ uuid: lineOf(plan, 1).uuid, orderId: id, productId: 580, quantity: 12 }),
      ]);
      const [order] = await revel.findOrdersByLocalId(4, [plan.localId]);
      // 6 × 2.50 + 12 × 2.00
      expect(order).toMatchObject({ subtotalCents: 3900, finalTotalCents: 3900 });
      expect(await revel.listPaymentUuids(id)).toEqual([paymentOf(plan).uuid]);
      expect(await revel.countOrderHistory(id)).toBe(1);
    });

    it('keeps one order’s items, payments and history apart from another’s', async () => {
      const { revel } = setUp();
      const plan = planFor('70000005');
      const mine = await revel.createOrder(plan);
      const other = await revel.createOrder(planFor('70000006'));
      await revel.createOrderItem(plan, mine.id, lineOf(plan, 0), 0);
      await revel.createPayment(plan, mine.id, paymentOf(plan));
      await revel.createOrderHistory(plan, mine.id);

      expect(await revel.listOrderItems(other.id)).toEqual([]);
      expect(await revel.listPaymentUuids(other.id)).toEqual([]);
      expect(await revel.countOrderHistory(other.id)).toBe(0);
    });

    it('reads several orders back in one list each, as each reads alone: the orders, their items, their payments', async () => {
      const { revel } = setUp();
      const plan = planFor('70000007');
      const mine = await revel.createOrder(plan);
      const other = await revel.createOrder(planFor('70000008'));
      const elsewhere = await revel.createOrder(planFor('70000009'));
      await revel.createOrderItem(plan, mine.id, lineOf(plan, 0), 0);
      await revel.createPayment(plan, mine.id, paymentOf(plan));
      const ids = [mine.id, other.id];

      const orders = await revel.listOrdersById(4, ids);
      const items = await revel.listItemsOfOrders(ids);
      const payments = await revel.listPaymentsOfOrders(ids);

      expect(orders.map((o) => o.id).sort()).toEqual([...ids].sort());
      expect(orders.find((o) => o.id === mine.id)).toEqual(await revel.getOrder(mine.id));
      expect(items).toEqual(await revel.listOrderItems(mine.id));
      expect(payments).toEqual(await revel.listPayments(mine.id));
      expect(orders.map((o) => o.id)).not.toContain(elsewhere.id);
    });
  });

  describe(`${name}: refusals`, () => {
    it('rejects, for good, an item of an order that does not exist', async () => {
      const { revel } = setUp();
      const plan = planFor('70000007');

      const error = await caught(revel.createOrderItem(plan, 1, lineOf(plan, 0), 0));

      expect(error).toBeInstanceOf(VendorError);
      expect(error).toMatchObject({ code: 'REVEL_REJECTED', retryable: false, outcomeUnknown: false });
    });

    it('rejects, for good, an item whose product is unknown or belongs to another establishment', async () => {
      const { revel } = setUp();
      const plan = planFor('70000008', { productIds: [4242, 1201] });
      const { id } = await revel.createOrder(plan);

      for (const [index, line] of plan.lines.entries()) {
        await expect(revel.createOrderItem(plan, id, line, index)).rejects.toMatchObject({
          code: 'REVEL_REJECTED',
          retryable: false,
        });
      }
      expect(await revel.listOrderItems(id)).toEqual([]);
    });

    it('rejects, for good, an order in an establishment that does not exist', async () => {
      const { revel } = setUp();
      const plan = planFor('70000009', { establishmentId: 99 });

      await expect(revel.createOrder(plan)).rejects.toMatchObject({
        code: 'REVEL_REJECTED',
        retryable: false,
      });
      expect(await revel.findOrdersByLocalId(99, [plan.localId])).toEqual([]);
    });

    it('answers setting the totals of an order that does not exist with not found', async () => {
      const { revel } = setUp();

      await expect(revel.setOrderTotals(planFor('70000010'), 1)).rejects.toMatchObject({
        code: 'REVEL_NOT_FOUND',
        retryable: false,
      });
    });
  });

  describe(`${name}: unknown outcomes`, () => {
    it('reports a create whose answer was lost as retryable with its outcome unknown, and it did land', async () => {
      const { revel, loseNextAnswer } = setUp();
      const plan = planFor('70000011');
      loseNextAnswer('createOrder');

      const error = await caught(revel.createOrder(plan));

      expect(error).toMatchObject({ code: 'REVEL_UNAVAILABLE', retryable: true, outcomeUnknown: true });
      expect(await revel.findOrdersByLocalId(4, [plan.localId])).toEqual([
        expect.objectContaining({ uuid: plan.orderUuid }),
      ]);
    });

    it('reports an item, payment or history whose answer was lost the same way, and each did land', async () => {
      const { revel, loseNextAnswer } = setUp();
      const plan = planFor('70000012');
      const { id } = await revel.createOrder(plan);
      const lost = { code: 'REVEL_UNAVAILABLE', retryable: true, outcomeUnknown: true };

      loseNextAnswer('createOrderItem');
      await expect(revel.createOrderItem(plan, id, lineOf(plan, 0), 0)).rejects.toMatchObject(lost);
      loseNextAnswer('createPayment');
      const payment = paymentOf(plan);
      await expect(revel.createPayment(plan, id, payment)).rejects.toMatchObject(lost);
      loseNextAnswer('createOrderHistory');
      await expect(revel.createOrderHistory(plan, id)).rejects.toMatchObject(lost);

      expect((await revel.listOrderItems(id)).map((i) => i.uuid)).toEqual([lineOf(plan, 0).uuid]);
      expect(await revel.listPaymentUuids(id)).toEqual([payment.uuid]);
      expect(await revel.countOrderHistory(id)).toBe(1);
    });

    it('reports a create refused with 503 as retryable with its outcome unknown, though nothing landed', async () => {
      const { revel, refuseNext } = setUp();
      const plan = planFor('70000013');
      refuseNext('createOrder');

      const error = await caught(revel.createOrder(plan));

      expect(error).toMatchObject({ code: 'REVEL_UNAVAILABLE', retryable: true, outcomeUnknown: true });
      expect(await revel.findOrdersByLocalId(4, [plan.localId])).toEqual([]);
    });
  });
}
