import { describe, expect, it } from 'vitest';
import { buildOrderPlan, writeOrder } from '#functions/core/order/order-writer';
import { reconcileOrder } from '#functions/core/order/reconcile';
import { emptyProgress } from '#functions/core/ports/ledger';
import { moneyInput, orderPlanInput } from '../../../support/builders';
import { FakeRevel } from '../../../support/fake-revel';

const downtown = {
  4: [
    { id: 579, name: 'Maple Bar', priceCents: 170, active: true },
    { id: 900, name: 'Catering Open Item', priceCents: 0, active: true },
  ],
};
const saga = { clock: { now: () => new Date('2025-12-28T17:00:00Z') }, settleMs: 600_000 };

/** 55.20 of lines, a 10.00 service fee as an AppliedServiceFee, tax 4.60: 69.80, paid in full. */
const paidWithFee = () =>
  buildOrderPlan(
    orderPlanInput({
      money: moneyInput({
        charges: [
          { name: 'Service Charge (20%)', kind: 'service_charge', cents: 1000, target: { serviceFeeId: 41 } },
        ],
        grandTotalCents: 6980,
        payments: [{ cents: 6980, date: '2025-12-20', kind: 'payment' }],
        amountDueCents: 0,
      }),
    }),
  );

/** A Revel whose `Order.closed` never follows the OrderHistory row (whether it does is unknown). */
function revelKeepingOrderOpen(): FakeRevel {
  const revel = new FakeRevel(downtown);
  const getOrder = revel.getOrder.bind(revel);
  revel.getOrder = async (orderId) => ({ ...(await getOrder(orderId)), closed: false });
  return revel;
}

async function written(revel: FakeRevel, plan = paidWithFee()) {
  const { orderId } = await writeOrder(plan, emptyProgress(), revel, async () => {}, saga);
  return { plan, orderId, before: revel.calls.length };
}

describe('the read-back of service fees', () => {
  it('takes the fee from the AppliedServiceFee rows when the order leaves its fee fields at 0', async () => {
    const revel = new FakeRevel(downtown);
    const { plan, orderId, before } = await written(revel);
    const check = await reconcileOrder(plan, orderId, revel);
    expect(check.ok).toBe(true);
    expect(check.figures.find((f) => f.name === 'service fees')).toEqual({
      name: 'service fees',
      tripleseatCents: 1000,
      revelCents: 1000,
      check: 'matches',
    });
    expect(revel.calls.slice(before)).toContain('listServiceFees');
  });

  it("does not list the rows when the order's service_fee_untaxed + service_fee_taxed already equal the plan", async () => {
    const revel = new FakeRevel(downtown);
    const { plan, orderId, before } = await written(revel);
    Object.assign(revel.orders[0] ?? {}, { service_fee_untaxed: '4.000000', service_fee_taxed: '6.000000' });
    expect((await reconcileOrder(plan, orderId, revel)).ok).toBe(true);
    expect(revel.calls.slice(before)).not.toContain('listServiceFees');
  });

  it('reports a fee row Revel holds at another amount, and does not try to heal it with a totals PATCH', async () => {
    const revel = new FakeRevel(downtown);
    const { plan, orderId } = await written(revel);
    Object.assign(revel.serviceFees[0] ?? {}, { amount: 8 });
    const check = await reconcileOrder(plan, orderId, revel);
    expect(check.mismatches).toEqual(['service fees: TripleSeat 10.00, Revel 8.00']);
    expect(check.onlyOrderTotals).toBe(false);
  });
});

describe('figures Revel does not return', () => {
  it('are "not checked", never a mismatch', async () => {
    const revel = new FakeRevel(downtown);
    const { plan, orderId } = await written(revel);
    const [row] = revel.orders;
    if (!row) throw new Error('no order written');
    delete row.tax;
    delete row.discount_amount;
    const check = await reconcileOrder(plan, orderId, revel);
    expect(check.ok).toBe(true);
    expect(check.figures.filter((f) => f.check === 'not checked').map((f) => f.name)).toEqual([
      'discount',
      'tax',
    ]);
  });
});

describe('the closed check of a paid order', () => {
  it('takes our closed OrderHistory row when Order.closed stays false, without another request', async () => {
    const revel = revelKeepingOrderOpen();
    const plan = paidWithFee();
    const writtenOrder = await writeOrder(plan, emptyProgress(), revel, async () => {}, saga);
    expect(writtenOrder.historyClosed).toBe(true);
    const before = revel.calls.length;
    const check = await reconcileOrder(plan, writtenOrder.orderId, revel, {
      historyClosed: writtenOrder.historyClosed,
    });
    expect(check).toMatchObject({ ok: true, closing: { expected: true, closed: true, by: 'order history' } });
    expect(revel.calls.slice(before)).not.toContain('listOrderHistory');
  });

  it('lists the history rows when this run did not see the row closed', async () => {
    const revel = revelKeepingOrderOpen();
    const { plan, orderId, before } = await written(revel);
    const check = await reconcileOrder(plan, orderId, revel);
    expect(check.closing).toEqual({ expected: true, closed: true, by: 'order history' });
    expect(revel.calls.slice(before)).toContain('listOrderHistory');
  });

  it('is a mismatch when neither the order nor any history row is closed', async () => {
    const revel = revelKeepingOrderOpen();
    const { plan, orderId } = await written(revel);
    for (const row of revel.orderHistories) row.closed = null;
    const check = await reconcileOrder(plan, orderId, revel);
    expect(check.mismatches).toEqual(['closed: TripleSeat paid in full, Revel open']);
  });

  it('takes Order.closed true without looking at the history', async () => {
    const revel = new FakeRevel(downtown);
    const { plan, orderId, before } = await written(revel);
    const check = await reconcileOrder(plan, orderId, revel);
    expect(check.closing).toEqual({ expected: true, closed: true, by: 'order' });
    expect(revel.calls.slice(before)).not.toContain('listOrderHistory');
  });
});
