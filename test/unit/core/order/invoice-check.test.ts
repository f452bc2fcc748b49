import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventInvoice, EventItem } from '#functions/core/domain/model';
import { checkInvoice } from '#functions/core/order/invoice-check';
import { item } from '../../../support/builders';

const invoice = (overrides: Partial<EventInvoice> = {}): EventInvoice => ({
  documents: ['Invoice 1'],
  lines: [item('Maple Bar', 20, 250), item('Glazed Donut', 16, 200), item('Coffee', 12, 350)],
  instructions: [],
  discounts: [],
  charges: [],
  taxes: [],
  subtotalCents: undefined,
  grandTotalCents: undefined,
  payments: undefined,
  amountDueCents: undefined,
  ...overrides,
});

/** The worked example: 200.00 − 20.00 + 36.00 + 15.08 = 231.08, 50.00 paid, 181.08 due. */
const workedExample = (): EventInvoice =>
  invoice({
    lines: [
      item('Maple Bar', 20, 250),
      item('Glazed Donut', 16, 200),
      item('Coffee', 12, 350),
      item('Bagels', 2, 3800),
    ],
    discounts: [{ name: 'Discount', cents: 2000 }],
    charges: [{ name: 'Service Charge (20%)', cents: 3600, kind: 'service_charge' }],
    taxes: [{ name: 'Sales Tax', cents: 1508 }],
    subtotalCents: 20000,
    grandTotalCents: 23108,
    payments: [{ cents: 5000, date: '2026-11-23', kind: 'deposit' }],
    amountDueCents: 18108,
  });

describe('checkInvoice', () => {
  it('passes the worked example, whose parts add up to the cent', () => {
    expect(checkInvoice(workedExample())).toEqual({ ok: true });
  });

  it('fails TOTALS_DO_NOT_ADD_UP with the breakdown when the grand total is off', () => {
    const verdict = checkInvoice({ ...workedExample(), grandTotalCents: 24108, amountDueCents: 19108 });
    expect(verdict).toMatchObject({ ok: false, reason: 'TOTALS_DO_NOT_ADD_UP' });
    if (verdict.ok) return;
    expect(verdict.error).toBe(
      'lines 200.00 − discounts 20.00 + charges 36.00 (Service Charge (20%) 36.00) + tax 15.08 (Sales Tax 15.08)' +
        " = 231.08, but TripleSeat's grand total is 241.08 (off by 10.00)",
    );
  });

  it('hands the failure mail the disagreeing figures, one per line, TripleSeat only', () => {
    const verdict = checkInvoice({ ...workedExample(), grandTotalCents: 24108, amountDueCents: 19108 });
    expect(verdict.ok ? undefined : verdict.details?.figures).toEqual([
      { label: 'Lines', tripleseatCents: 20000 },
      { label: 'Discount', tripleseatCents: -2000 },
      { label: 'Service Charge (20%)', tripleseatCents: 3600 },
      { label: 'Sales Tax', tripleseatCents: 1508 },
      { label: 'Parts add up to', tripleseatCents: 23108 },
      { label: 'Grand total', tripleseatCents: 24108 },
    ]);
  });

  it('fails TOTALS_DO_NOT_ADD_UP when what was paid and what is due do not make the grand total', () => {
    const verdict = checkInvoice({ ...workedExample(), amountDueCents: 23108 });
    expect(verdict).toMatchObject({ ok: false, reason: 'TOTALS_DO_NOT_ADD_UP' });
    if (!verdict.ok) expect(verdict.error).toContain('paid 50.00 + due 231.08');
  });

  it('fails TOTALS_DO_NOT_ADD_UP when the ordered lines miss part of the subtotal', () => {
    const verdict = checkInvoice({ ...workedExample(), subtotalCents: 21000 });
    expect(verdict).toMatchObject({ ok: false, reason: 'TOTALS_DO_NOT_ADD_UP' });
    if (!verdict.ok) expect(verdict.error).toContain('subtotal is 210.00');
  });

  it('allows one cent of rounding per line, and not two', () => {
    const lines = [item('A', 3, 333), item('B', 3, 333)];
    expect(checkInvoice(invoice({ lines, grandTotalCents: 1998 + 2 }))).toEqual({ ok: true });
    expect(checkInvoice(invoice({ lines, grandTotalCents: 1998 + 3 }))).toMatchObject({ ok: false });
  });

  it('caps the rounding at two cents a document, however many lines it has', () => {
    const lines = Array.from({ length: 500 }, (_, i) => item(`Item ${i}`, 1, 1));
    expect(checkInvoice(invoice({ lines, grandTotalCents: 500 + 2 }))).toEqual({ ok: true });
    expect(checkInvoice(invoice({ lines, grandTotalCents: 500 + 3 }))).toMatchObject({
      ok: false,
      reason: 'TOTALS_DO_NOT_ADD_UP',
    });
    expect(checkInvoice(invoice({ lines, grandTotalCents: 500 + 499 }))).toMatchObject({ ok: false });
    expect(checkInvoice(invoice({ lines, grandTotalCents: 500 - 300 }))).toMatchObject({ ok: false });
  });

  it('fails TOTALS_DO_NOT_ADD_UP when a discount larger than the lines makes the total negative', () => {
    const lines = [item('Coffee', 2, 500)];
    const verdict = checkInvoice(invoice({ lines, discounts: [{ name: 'Discount', cents: 5000 }] }));
    expect(verdict).toMatchObject({ ok: false, reason: 'TOTALS_DO_NOT_ADD_UP' });
    if (!verdict.ok) expect(verdict.error).toContain('negative total');
  });

  it('fails TOTALS_DO_NOT_ADD_UP for an overpaid event, whose amount due is negative', () => {
    const verdict = checkInvoice({
      ...workedExample(),
      payments: [{ cents: 23608, date: '2026-11-23', kind: 'payment' }],
      amountDueCents: -500,
    });
    expect(verdict).toMatchObject({ ok: false, reason: 'TOTALS_DO_NOT_ADD_UP' });
    if (!verdict.ok) expect(verdict.error).toContain('amount due is -5.00');
  });

  it('without a grand total, fails when nothing is paid yet TripleSeat says nothing is due', () => {
    const noGrandTotal = { ...workedExample(), grandTotalCents: undefined, subtotalCents: undefined };
    const verdict = checkInvoice({ ...noGrandTotal, payments: [], amountDueCents: 0 });
    expect(verdict).toMatchObject({ ok: false, reason: 'TOTALS_DO_NOT_ADD_UP' });
    if (!verdict.ok)
      expect(verdict.error).toBe('paid 0.00 + due 0.00 = 0.00, but the parts add up to 231.08');
    expect(checkInvoice({ ...noGrandTotal, payments: undefined, amountDueCents: 0 })).toMatchObject({
      ok: false,
    });
  });

  it('without a grand total, passes when paid and due make the parts', () => {
    const noGrandTotal = { ...workedExample(), grandTotalCents: undefined, subtotalCents: undefined };
    expect(checkInvoice(noGrandTotal)).toEqual({ ok: true });
  });

  it('counts a line discount once, whether the line total is before or after it', () => {
    const before = item('Burrito', 10, 1300, { discountCents: 1300 });
    const after = item('Burrito', 10, 1300, { totalCents: 11700, discountCents: 1300 });
    expect(checkInvoice(invoice({ lines: [before], grandTotalCents: 11700 }))).toEqual({ ok: true });
    expect(checkInvoice(invoice({ lines: [after], grandTotalCents: 11700 }))).toEqual({ ok: true });
  });

  it('checks only the bounds when TripleSeat stated no grand total', () => {
    expect(checkInvoice(invoice())).toEqual({ ok: true });
  });

  it.each<[string, Partial<EventItem>, string]>([
    ['a quantity of 0', { quantity: 0, totalCents: 0 }, 'quantity 0 is not above 0'],
    ['a quantity above 10,000', { quantity: 10_001, totalCents: 2_500_250 }, 'above 10,000'],
    [
      'a unit price above 1,000,000.00',
      { unitPriceCents: 100_000_001, totalCents: 800_000_008 },
      'above 1000000.00',
    ],
    ['a total nothing explains', { totalCents: 1900 }, 'no line discount explains it'],
    ['an amount that is not whole cents', { unitPriceCents: 2.5, totalCents: 20 }, 'not whole cents'],
  ])('fails BAD_LINE naming the row for %s', (_, change, message) => {
    const lines = [item('Glazed Donut', 16, 200), item('Maple Bar', 8, 250, change)];
    const verdict = checkInvoice(invoice({ lines }));
    expect(verdict).toMatchObject({ ok: false, reason: 'BAD_LINE' });
    if (!verdict.ok) {
      expect(verdict.error).toContain('row 2 "Maple Bar"');
      expect(verdict.error).toContain(message);
    }
  });

  it('accepts a line whose total is below quantity × price by its line discount', () => {
    const lines = [item('Maple Bar', 8, 250, { totalCents: 1750, discountCents: 250 })];
    expect(checkInvoice(invoice({ lines, grandTotalCents: 1750 }))).toEqual({ ok: true });
  });

  it('fails ORDER_TOO_LARGE above 500 lines, and takes 500', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => item(`Item ${i}`, 1, 100));
    expect(checkInvoice(invoice({ lines: many(500) }))).toEqual({ ok: true });
    expect(checkInvoice(invoice({ lines: many(501) }))).toMatchObject({
      ok: false,
      reason: 'ORDER_TOO_LARGE',
      error: '501 lines; one order takes at most 500',
    });
  });

  describe('for any invoice whose parts add up', () => {
    const parts = fc.record({
      lines: fc.array(
        fc.record({
          quantity: fc.integer({ min: 1, max: 10_000 }),
          price: fc.integer({ min: 0, max: 1_000_000 }),
          discountShare: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        { minLength: 1, maxLength: 40 },
      ),
      discount: fc.integer({ min: 0, max: 100_000 }),
      charges: fc.array(fc.integer({ min: 0, max: 500_000 }), { maxLength: 3 }),
      tax: fc.integer({ min: 0, max: 500_000 }),
      paidShare: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    type Parts = typeof parts extends fc.Arbitrary<infer T> ? T : never;
    const build = (p: Parts) => {
      const lines = p.lines.map((l, i) =>
        item(`Item ${i}`, l.quantity, l.price, {
          discountCents: Math.floor(l.quantity * l.price * l.discountShare),
        }),
      );
      const net = lines.reduce((s, l) => s + l.totalCents - (l.discountCents ?? 0), 0);
      const charges = p.charges.map((cents, i) => ({ name: `Fee ${i}`, cents, kind: 'fee' as const }));
      const beforeDiscount = net + p.charges.reduce((s, c) => s + c, 0) + p.tax;
      // A discount never takes the total below zero: such an invoice is refused (a negative total).
      const discount = Math.min(p.discount, beforeDiscount);
      const grand = beforeDiscount - discount;
      const paid = Math.floor(grand * p.paidShare);
      return invoice({
        lines,
        discounts: [{ name: 'Discount', cents: discount }],
        charges,
        taxes: [{ name: 'Tax', cents: p.tax }],
        subtotalCents: net,
        grandTotalCents: grand,
        payments: [{ cents: paid, date: undefined, kind: 'deposit' }],
        amountDueCents: grand - paid,
      });
    };

    it('passes', () => {
      fc.assert(fc.property(parts, (p) => checkInvoice(build(p)).ok));
    });

    it('fails TOTALS_DO_NOT_ADD_UP once the grand total moves beyond a cent per line', () => {
      fc.assert(
        fc.property(parts, fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (p, extra, up) => {
          const built = build(p);
          const shift = (built.lines.length + extra) * (up ? 1 : -1);
          const grand = (built.grandTotalCents ?? 0) + shift;
          const verdict = checkInvoice({ ...built, grandTotalCents: grand, amountDueCents: undefined });
          return !verdict.ok && verdict.reason === 'TOTALS_DO_NOT_ADD_UP';
        }),
      );
    });
  });
});
