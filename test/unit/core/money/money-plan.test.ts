import { describe, expect, it } from 'vitest';
import type { EventInvoice } from '#functions/core/domain/model';
import {
  chargeTargetFor,
  type MoneySettings,
  missingMoneySettings,
  resolveMoney,
} from '#functions/core/money/money-plan';
import { buildOrderPlan, writeOrder } from '#functions/core/order/order-writer';
import { reconcileOrder } from '#functions/core/order/reconcile';
import { emptyProgress } from '#functions/core/ports/ledger';
import { item, moneyInput, orderPlanInput } from '../../../support/builders';
import { FakeRevel } from '../../../support/fake-revel';

/** The worked example: 200.00 − 20.00 + 36.00 + 15.08 = 231.08, 50.00 paid, 181.08 due. */
const workedExample = (overrides: Partial<EventInvoice> = {}): EventInvoice => ({
  documents: ['Invoice 1'],
  lines: [
    item('Maple Bar', 20, 250),
    item('Glazed Donut', 16, 200),
    item('Coffee', 12, 350),
    item('Bagels', 2, 3800),
  ],
  instructions: [],
  discounts: [{ name: 'Discount', cents: 2000 }],
  charges: [{ name: 'Service Charge (20%)', cents: 3600, kind: 'service_charge' }],
  taxes: [{ name: 'Sales Tax', cents: 1508 }],
  subtotalCents: 20000,
  grandTotalCents: 23108,
  payments: [{ cents: 5000, date: '2026-11-23', kind: 'deposit' }],
  amountDueCents: 18108,
  ...overrides,
});

const settings = (
  revel: Partial<MoneySettings['revel']> = {},
  tenderId: number | null = 236,
): MoneySettings => ({
  revel: {
    establishmentId: 4,
    stationId: 4,
    userId: 1,
    diningOption: 113,
    discountId: 3358,
    charges: { mapping: [{ kind: 'service_charge', serviceFeeId: 41 }] },
    ...revel,
  },
  tenderId: tenderId ?? undefined,
  taxMode: 'tripleseat',
  closeWhenPaid: true,
  fallbackDate: '2026-11-29',
});

describe('missingMoneySettings', () => {
  it('names every missing setting at once, in the order the engine stops at the first', () => {
    const missing = missingMoneySettings(
      workedExample(),
      settings({ discountId: undefined, charges: { mapping: [] } }, null),
    );

    expect(missing.map((m) => [m.reason, m.setting, m.what])).toEqual([
      ['DISCOUNT_NOT_CONFIGURED', 'discountId', 'discount Discount 20.00'],
      ['UNMAPPED_CHARGES', 'charges.mapping', 'charges Service Charge (20%) (service_charge) 36.00'],
      ['PAYMENT_NOT_CONFIGURED', 'tenderId', 'payments deposit 50.00'],
    ]);
    expect(resolveMoney(workedExample(), settings({ discountId: undefined }, null))).toMatchObject({
      ok: false,
      reason: missing[0]?.reason,
      error: missing[0]?.error,
    });
  });

  it('finds nothing missing when the location has every setting', () => {
    expect(missingMoneySettings(workedExample(), settings())).toEqual([]);
  });
});

describe('resolveMoney', () => {
  it('resolves the worked example when the location has a discount, a charge mapping and a tender', () => {
    const resolved = resolveMoney(workedExample(), settings());
    expect(resolved).toMatchObject({
      ok: true,
      money: {
        discountId: 3358,
        tenderId: 236,
        charges: [{ name: 'Service Charge (20%)', target: { serviceFeeId: 41 } }],
      },
    });
  });

  it('names the missing setting and the money that needs it', () => {
    expect(resolveMoney(workedExample(), settings({ discountId: undefined }))).toMatchObject({
      ok: false,
      reason: 'DISCOUNT_NOT_CONFIGURED',
      error: expect.stringContaining('Discount 20.00'),
    });
    expect(resolveMoney(workedExample(), settings({ charges: { mapping: [] } }))).toMatchObject({
      ok: false,
      reason: 'UNMAPPED_CHARGES',
      error: expect.stringContaining('Service Charge (20%) (service_charge) 36.00'),
    });
    expect(resolveMoney(workedExample(), settings({}, null))).toMatchObject({
      ok: false,
      reason: 'PAYMENT_NOT_CONFIGURED',
      error: expect.stringContaining('deposit 50.00'),
    });
  });

  it('asks for a discount setting for a line discount too, and for nothing an event does not need', () => {
    const lineOnly = workedExample({
      lines: [item('Burrito', 10, 1300, { discountCents: 1300 })],
      discounts: [],
      charges: [],
      payments: [],
    });
    expect(resolveMoney(lineOnly, settings({ discountId: undefined }))).toMatchObject({
      ok: false,
      reason: 'DISCOUNT_NOT_CONFIGURED',
      error: expect.stringContaining('line "Burrito" 13.00'),
    });
    const plain = workedExample({ discounts: [], charges: [], payments: [] });
    expect(resolveMoney(plain, settings({ discountId: undefined, charges: { mapping: [] } }, null)).ok).toBe(
      true,
    );
  });

  it('matches a charge by its name before its kind, ignoring case and spaces', () => {
    const mapping = [
      { kind: 'service_charge' as const, serviceFeeId: 41 },
      { name: 'service  charge (20%)', productId: 999 },
    ];
    expect(chargeTargetFor({ name: 'Service Charge (20%)', kind: 'service_charge' }, mapping)).toEqual({
      productId: 999,
    });
    expect(chargeTargetFor({ name: 'Service Charge (18%)', kind: 'service_charge' }, mapping)).toEqual({
      serviceFeeId: 41,
    });
    expect(chargeTargetFor({ name: 'Gratuity', kind: 'gratuity' }, mapping)).toBeUndefined();
  });
});

describe('reconcileOrder', () => {
  const downtown = {
    4: [
      { id: 579, name: 'Maple Bar', priceCents: 170, active: true },
      { id: 900, name: 'Catering Open Item', priceCents: 0, active: true },
    ],
  };
  const saga = { clock: { now: () => new Date('2025-12-28T17:00:00Z') }, settleMs: 600_000 };

  it('agrees with an order Revel holds as written, in three reads', async () => {
    const revel = new FakeRevel(downtown);
    const plan = buildOrderPlan(orderPlanInput({ money: moneyInput() }));
    const { orderId } = await writeOrder(plan, emptyProgress(), revel, async () => {}, saga);
    const before = revel.calls.length;
    expect(await reconcileOrder(plan, orderId, revel)).toMatchObject({ ok: true, mismatches: [] });
    expect(revel.calls.slice(before)).toEqual(['getOrder', 'listOrderItems', 'listPayments']);
  });

  it('names each figure Revel holds differently, TripleSeat beside Revel', async () => {
    const revel = new FakeRevel(downtown);
    const plan = buildOrderPlan(orderPlanInput({ money: moneyInput() }));
    const { orderId } = await writeOrder(plan, emptyProgress(), revel, async () => {}, saga);
    Object.assign(revel.orders[0] ?? {}, { remaining_due: 59.8 });
    revel.payments.length = 0;
    const check = await reconcileOrder(plan, orderId, revel);
    expect(check.ok).toBe(false);
    expect(check.mismatches).toEqual([
      'payments: TripleSeat 20.00, Revel 0.00',
      'remaining due: TripleSeat 39.80, Revel 59.80',
    ]);
    expect(check.onlyOrderTotals).toBe(false);
  });

  it('says when only the order-level totals differ, which a totals PATCH sets', async () => {
    const revel = new FakeRevel(downtown);
    const plan = buildOrderPlan(orderPlanInput({ money: moneyInput() }));
    const { orderId } = await writeOrder(plan, emptyProgress(), revel, async () => {}, saga);
    Object.assign(revel.orders[0] ?? {}, { subtotal: 0, final_total: 0, remaining_due: 0, tax: 0 });
    const check = await reconcileOrder(plan, orderId, revel);
    expect(check).toMatchObject({ ok: false, onlyOrderTotals: true });
    expect(check.mismatches.map((m) => m.split(':')[0])).toEqual([
      'subtotal',
      'tax',
      'final total',
      'remaining due',
    ]);
  });

  it('reads only the order again when handed the previous read-back without it, and compares it the same way', async () => {
    const revel = new FakeRevel(downtown);
    const plan = buildOrderPlan(orderPlanInput({ money: moneyInput() }));
    const { orderId } = await writeOrder(plan, emptyProgress(), revel, async () => {}, saga);
    Object.assign(revel.orders[0] ?? {}, { final_total: 0 });
    const first = await reconcileOrder(plan, orderId, revel);
    await revel.setOrderTotals(plan, orderId);
    const before = revel.calls.length;
    const { order: _stale, ...known } = first.readBack;
    const again = await reconcileOrder(plan, orderId, revel, known);
    expect(revel.calls.slice(before)).toEqual(['getOrder']);
    expect(again).toMatchObject({ ok: true, mismatches: [], onlyOrderTotals: false });
    expect(again.readBack.items).toBe(first.readBack.items);
  });
});
