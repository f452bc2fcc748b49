import { describe, expect, it } from 'vitest';
import type { EventInvoice } from '#functions/core/domain/model';
import { failureDetailsOf, summariseMoney } from '#functions/core/money/money-summary';
import { item } from '../../../support/builders';

const downtown = { location: 'Downtown', establishmentId: 4 };

/** Event 55521609 as the sandbox seeds it: 131.00 of items and 10.97 tax, nothing paid yet. */
const ponderBreakfast = (): EventInvoice => ({
  documents: ['Invoice 7312619'],
  lines: [
    item('Maple Bar', 8, 250),
    item('Glazed Donut', 12, 200),
    item('Coffee Service (per guest)', 12, 350),
    item('Fruit Platter', 1, 4500),
  ],
  instructions: ['No nuts please'],
  discounts: [],
  charges: [],
  taxes: [{ name: 'Sales Tax', cents: 1097 }],
  subtotalCents: 13100,
  grandTotalCents: 14197,
  payments: undefined,
  amountDueCents: undefined,
});

describe('summariseMoney', () => {
  it('lists the items and the totals of event 55521609, with everything still due', () => {
    expect(summariseMoney(ponderBreakfast(), downtown)).toEqual({
      location: 'Downtown',
      establishmentId: 4,
      items: [
        { quantity: 8, name: 'Maple Bar', unitCents: 250, totalCents: 2000 },
        { quantity: 12, name: 'Glazed Donut', unitCents: 200, totalCents: 2400 },
        { quantity: 12, name: 'Coffee Service (per guest)', unitCents: 350, totalCents: 4200 },
        { quantity: 1, name: 'Fruit Platter', unitCents: 4500, totalCents: 4500 },
      ],
      subtotalCents: 13100,
      discounts: [],
      charges: [],
      taxCents: 1097,
      totalCents: 14197,
      paidCents: 0,
      dueCents: 14197,
    });
  });

  it('keeps a discount, a named charge, a deposit and the tender, and nets a line discount', () => {
    const invoice: EventInvoice = {
      ...ponderBreakfast(),
      lines: [item('Bagel Platter', 5, 4000, { discountCents: 1000 })],
      discounts: [{ name: 'Loyalty', cents: 2000 }],
      charges: [{ name: 'Service Charge (20%)', cents: 3600, kind: 'service_charge' }],
      taxes: [
        { name: 'Sales Tax', cents: 1000 },
        { name: 'City Tax', cents: 508 },
      ],
      subtotalCents: 19000,
      grandTotalCents: 22108,
      payments: [{ cents: 5000, date: '2026-11-23', kind: 'deposit' }],
      amountDueCents: 17108,
    };
    const money = summariseMoney(invoice, { ...downtown, tender: 'Revel payment type 7' });
    expect(money.items).toEqual([
      { quantity: 5, name: 'Bagel Platter', unitCents: 4000, totalCents: 19000, lineDiscountCents: 1000 },
    ]);
    expect(money).toMatchObject({
      discounts: [{ name: 'Loyalty', cents: 2000 }],
      charges: [{ name: 'Service Charge (20%)', cents: 3600 }],
      taxCents: 1508,
      totalCents: 22108,
      paidCents: 5000,
      dueCents: 17108,
      tender: 'Revel payment type 7',
    });
  });

  it('derives the subtotal, total and due when TripleSeat stated none of them', () => {
    const invoice: EventInvoice = {
      ...ponderBreakfast(),
      taxes: [],
      subtotalCents: undefined,
      grandTotalCents: undefined,
    };
    expect(summariseMoney(invoice, downtown)).toMatchObject({
      subtotalCents: 13100,
      totalCents: 13100,
      dueCents: 13100,
    });
  });
});

describe('failureDetailsOf', () => {
  it('reads the figures an error carries, and ignores anything else', () => {
    const figures = [{ label: 'Final total', tripleseatCents: 14197, revelCents: 13100 }];
    expect(failureDetailsOf({ details: { figures } })).toEqual({ figures });
    expect(failureDetailsOf(new Error('plain'))).toBeUndefined();
    expect(
      failureDetailsOf({ details: { figures: [{ label: 'x', tripleseatCents: 1.5 }] } }),
    ).toBeUndefined();
    expect(failureDetailsOf({ details: 'text' })).toBeUndefined();
  });
});
