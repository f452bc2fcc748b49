import { describe, expect, it } from 'vitest';
import type { EventInvoice } from '#functions/core/domain/model';
import { moneyTable } from '#functions/core/ops/money-table';
import { buildOrderPlan, writeOrder } from '#functions/core/order/order-writer';
import { emptyProgress } from '#functions/core/ports/ledger';
import { item, moneyInput, orderPlanInput } from '../../../support/builders';
import { FakeRevel } from '../../../support/fake-revel';

const downtown = {
  4: [
    { id: 579, name: 'Maple Bar', priceCents: 170, active: true },
    { id: 900, name: 'Catering Open Item', priceCents: 0, active: true },
    { id: 999, name: 'Fee Item', priceCents: 0, active: true },
  ],
};
const saga = { clock: { now: () => new Date('2025-12-28T17:00:00Z') }, settleMs: 600_000 };
const target = {
  establishmentId: 4,
  stationId: 5,
  userId: 1,
  diningOption: 113,
  discountId: 3358,
  charges: {
    mapping: [
      { kind: 'service_charge' as const, serviceFeeId: 41 },
      { kind: 'fee' as const, productId: 999 },
    ],
  },
};

/** 55.20 of items − 3.00 − 2.00 + 10.00 service charge + 2.50 fee + 4.60 tax = 67.30; 20.00 paid. */
const invoice: EventInvoice = {
  documents: ['Invoice 1'],
  lines: [item('Maple Bar', 6, 170), item('Chef Tasting', 1, 4500)],
  instructions: [],
  discounts: [
    { name: 'Early booking', cents: 300 },
    { name: 'Loyalty', cents: 200 },
  ],
  charges: [
    { name: 'Service Charge (20%)', cents: 1000, kind: 'service_charge' },
    { name: 'Cake cutting', cents: 250, kind: 'fee' },
  ],
  taxes: [{ name: 'Sales Tax', cents: 460 }],
  subtotalCents: 5520,
  grandTotalCents: 6730,
  payments: [{ cents: 2000, date: '2025-12-20', kind: 'deposit' }],
  amountDueCents: 4730,
};

async function writtenOrder(revel: FakeRevel): Promise<number> {
  const money = moneyInput({
    discounts: invoice.discounts,
    discountId: 3358,
    charges: [
      { ...(invoice.charges[0] as EventInvoice['charges'][number]), target: { serviceFeeId: 41 } },
      { ...(invoice.charges[1] as EventInvoice['charges'][number]), target: { productId: 999 } },
    ],
    grandTotalCents: 6730,
    amountDueCents: 4730,
  });
  const plan = buildOrderPlan(orderPlanInput({ money }));
  return (await writeOrder(plan, emptyProgress(), revel, async () => {}, saga)).orderId;
}

describe('the money table of an event page', () => {
  it('puts each figure of the invoice beside the order Revel holds, the fee product out of the subtotal', async () => {
    const revel = new FakeRevel(downtown);
    const orderId = await writtenOrder(revel);
    const before = revel.calls.length;

    const rows = await moneyTable({ invoice, eventGrandTotalCents: undefined, orderId, target }, revel);

    expect(rows.map((r) => [r.label, r.tripleseat_cents, r.revel_cents])).toEqual([
      ['Subtotal', 5520, 5520],
      ['Discount: Early booking', 300, null],
      ['Discount: Loyalty', 200, null],
      ['Discounts in all', 500, 500],
      ['Service Charge (20%)', 1000, 1000],
      ['Cake cutting', 250, 250],
      ['Tax', 460, 460],
      ['Total', 6730, 6730],
      ['Paid', 2000, 2000],
      ['Due', 4730, 4730],
    ]);
    expect(revel.calls.slice(before)).toEqual([
      'getOrder',
      'listOrderItems',
      'listPayments',
      'listServiceFees',
    ]);
  });

  it('says which figures match, differ, or were not checked because Revel did not return them', async () => {
    const revel = new FakeRevel(downtown);
    const orderId = await writtenOrder(revel);
    const [order] = revel.orders;
    if (!order) throw new Error('no order written');
    delete order.tax;
    order.remaining_due = 40;

    const rows = await moneyTable({ invoice, eventGrandTotalCents: undefined, orderId, target }, revel);

    const checks = Object.fromEntries(rows.map((r) => [r.label, r.check]));
    expect(checks).toMatchObject({
      Subtotal: 'matches',
      Tax: 'not checked',
      Total: 'matches',
      Due: 'differs',
    });
    expect(rows.find((r) => r.kind === 'tax')?.revel_cents).toBeNull();
  });

  it('leaves the Revel column empty when there is no order, and asks Revel nothing', async () => {
    const revel = new FakeRevel(downtown);

    const rows = await moneyTable(
      { invoice, eventGrandTotalCents: undefined, orderId: undefined, target },
      revel,
    );

    expect(rows.every((r) => r.revel_cents === null && r.check === null)).toBe(true);
    expect(rows.find((r) => r.kind === 'total')?.tripleseat_cents).toBe(6730);
    expect(revel.calls).toEqual([]);
  });
});
