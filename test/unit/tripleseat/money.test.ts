import { describe, expect, it } from 'vitest';
import { parseInvoice } from '#functions/tripleseat/invoice-parser';
import { lineItemSchema, tripleSeatEventSchema } from '#functions/tripleseat/schemas';

const baseEvent = {
  id: 55521619,
  name: 'Lindqvist Awards Luncheon',
  status: 'DEFINITE',
  event_date_iso8601: '2026-11-30',
};
const parseEvent = (extra: Record<string, unknown>) =>
  tripleSeatEventSchema.parse({ ...baseEvent, ...extra });
const line = (extra: Record<string, unknown>) =>
  lineItemSchema.parse({ id: 1, quantity: '10', price: '13.00', display_name: 'Burrito', ...extra });

describe('reading the money of an event', () => {
  it('reads billing_totals rows by name: discount, each charge with its kind, taxes, grand total', () => {
    const event = parseEvent({
      grand_total: '231.08',
      amount_due: '181.08',
      billing_totals: [
        { name: 'Subtotal', total: '200.00' },
        { name: 'Discount', total: '-20.00' },
        { name: 'Service Charge (20%)', total: '36.00' },
        { name: 'Gratuity', total: '0.00' },
        { name: 'Admin Fee', total: 5 },
        { name: 'Sales Tax', total: '15.08' },
        { name: 'Grand Total', total: '231.08' },
      ],
    });
    expect(event.money).toMatchObject({
      subtotalCents: 20000,
      discounts: [{ name: 'Discount', cents: 2000 }],
      charges: [
        { name: 'Service Charge (20%)', cents: 3600, kind: 'service_charge' },
        { name: 'Gratuity', cents: 0, kind: 'gratuity' },
        { name: 'Admin Fee', cents: 500, kind: 'fee' },
      ],
      taxes: [{ name: 'Sales Tax', cents: 1508 }],
      grandTotalCents: 23108,
      amountDueCents: 18108,
    });
  });

  it('reads a discount row written positive the same as a negative one', () => {
    const event = parseEvent({ billing_totals: [{ name: 'Discount', total: '20.00' }] });
    expect(event.money?.discounts).toEqual([{ name: 'Discount', cents: 2000 }]);
  });

  it('takes the grand total from the Grand Total row when the event field is missing', () => {
    const event = parseEvent({ billing_totals: [{ name: 'Grand Total', total: '$1,234.50' }] });
    expect(event.money?.grandTotalCents).toBe(123450);
  });

  it('reads payments with their day and kind', () => {
    const event = parseEvent({
      deposit_amount: '100.00',
      payments: [
        { id: 1, amount: '100.00', date: '11/20/2026', kind: 'deposit', payment_method: 'Credit Card' },
        { id: 2, amount: 267.79, date: '2026-11-29', kind: 'payment' },
      ],
    });
    expect(event.money?.payments).toEqual([
      { id: '1', cents: 10000, date: '2026-11-20', kind: 'deposit' },
      { id: '2', cents: 26779, date: '2026-11-29', kind: 'payment' },
    ]);
  });

  it('counts deposit_amount as a deposit when no payments are listed', () => {
    expect(parseEvent({ deposit_amount: '50.00' }).money?.payments).toEqual([
      { cents: 5000, date: undefined, kind: 'deposit', summary: true },
    ]);
    expect(parseEvent({ deposit_amount: '0.00', payments: [] }).money?.payments).toEqual([]);
    expect(parseEvent({}).money?.payments).toBeUndefined();
  });

  it('refuses an event whose payment amount cannot be read, naming it', () => {
    const parsed = tripleSeatEventSchema.safeParse({ ...baseEvent, payments: [{ amount: 'fifty' }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('payment 1: amount "fifty" is not an amount');
  });

  it('reads per-document financials', () => {
    const event = parseEvent({
      documents: [
        {
          id: 7,
          name: 'Invoice',
          financials: {
            subtotal: '200.00',
            discounts_total: '20.00',
            tax_total: '15.08',
            grand_total: '231.08',
            amount_due: '181.08',
          },
        },
      ],
    });
    expect(event.documents[0]?.money).toEqual({
      subtotalCents: 20000,
      discounts: [{ name: 'Discount', cents: 2000 }],
      charges: undefined,
      taxes: [{ name: 'Tax', cents: 1508 }],
      grandTotalCents: 23108,
      payments: undefined,
      amountDueCents: 18108,
    });
  });

  it('keeps allergy and note fields for the kitchen, not other custom fields', () => {
    const event = parseEvent({
      custom_fields: [
        { custom_field_name: 'Service Style', value: 'Drop-off' },
        { custom_field_name: 'Allergies', value: 'Tree nuts (one guest)' },
        { custom_field_name: 'Dietary Restrictions', value: '' },
      ],
      notes: 'Side door',
    });
    expect(event.kitchenNotes).toEqual([
      { label: 'Allergies', text: 'Tree nuts (one guest)' },
      { label: 'Notes', text: 'Side door' },
    ]);
  });
});

describe('reading a line discount', () => {
  it('takes discount and grand_total, total_price before the discount', () => {
    expect(line({ total_price: '130.00', discount: '13.00', grand_total: '117.00' })).toMatchObject({
      totalCents: 13000,
      discountCents: 1300,
    });
  });

  it('derives the discount from grand_total alone', () => {
    expect(line({ total_price: '130.00', grand_total: '117.00' })).toMatchObject({
      totalCents: 13000,
      discountCents: 1300,
    });
  });

  it('reads a total_price already after its discount as the same line', () => {
    expect(line({ total_price: '117.00', discount: '13.00', grand_total: '117.00' })).toMatchObject({
      totalCents: 13000,
      discountCents: 1300,
    });
  });

  it('leaves a line without discount keys undiscounted', () => {
    expect(line({ total_price: '130.00' }).discountCents).toBeUndefined();
    expect(
      line({ total_price: '130.00', discount: '0.00', grand_total: '130.00' }).discountCents,
    ).toBeUndefined();
  });
});

const page = (items: string, totals: string) => `<html><body>
<table class="items">
  <tr><td><b>Qty</b></td><td><b>Description</b></td><td><b>Price</b></td><td><b>Total</b></td></tr>
  ${items}
  <tr><td></td><td><strong>Subtotal</strong></td><td></td><td>$381.00</td></tr>
</table>
<table class="taxes"><tr><td><b>Description</b></td><td><b>Percent</b></td></tr><tr><td>Sales Tax</td><td>8.75%</td></tr></table>
<table class="totals">${totals}</table>
</body></html>`;

describe('reading the invoice page totals', () => {
  it('reads subtotal, discount, charge, tax, grand total, deposits and the balance due', () => {
    const html = page(
      '<tr><td>2</td><td>FRUIT PLATTER</td><td>$45.00</td><td>$90.00</td></tr>' +
        '<tr><td>30</td><td>COFFEE</td><td>$3.50</td><td>$105.00</td></tr>',
      `<tr><td>Discount</td><td>-$40.00</td></tr>
       <tr><td>Service Charge (20%)</td><td>$68.20</td></tr>
       <tr><td>Sales Tax</td><td>$28.56</td></tr>
       <tr><td><strong>Grand Total</strong></td><td><strong>$437.76</strong></td></tr>
       <tr><td>Deposit received 11/24/2026</td><td>-$100.00</td></tr>
       <tr><td>Balance Due</td><td>$337.76</td></tr>`,
    );
    const { items, money } = parseInvoice(html);
    expect(items.map((i) => i.name)).toEqual(['FRUIT PLATTER', 'COFFEE']);
    expect(money).toEqual({
      subtotalCents: 38100,
      discounts: [{ name: 'Discount', cents: 4000 }],
      charges: [{ name: 'Service Charge (20%)', cents: 6820, kind: 'service_charge' }],
      taxes: [{ name: 'Sales Tax', cents: 2856 }],
      grandTotalCents: 43776,
      payments: [{ cents: 10000, date: '2026-11-24', kind: 'deposit' }],
      amountDueCents: 33776,
    });
  });

  it('counts the payment rows once when the page lists each payment and then their total', () => {
    const html = page(
      '<tr><td>1</td><td>CAKE</td><td>$381.00</td><td>$381.00</td></tr>',
      `<tr><td>Grand Total</td><td>$381.00</td></tr>
       <tr><td>Deposit received 11/24/2026</td><td>-$100.00</td></tr>
       <tr><td>Payment received 11/28/2026</td><td>-$50.00</td></tr>
       <tr><td>Total Payments</td><td>-$150.00</td></tr>
       <tr><td>Balance Due</td><td>$231.00</td></tr>`,
    );
    expect(parseInvoice(html).money.payments).toEqual([
      { cents: 10000, date: '2026-11-24', kind: 'deposit' },
      { cents: 5000, date: '2026-11-28', kind: 'payment' },
    ]);
  });

  it('refuses a page whose payments total is not what its payment rows add up to', () => {
    const html = page(
      '<tr><td>1</td><td>CAKE</td><td>$381.00</td><td>$381.00</td></tr>',
      `<tr><td>Grand Total</td><td>$381.00</td></tr>
       <tr><td>Deposit received 11/24/2026</td><td>-$100.00</td></tr>
       <tr><td>Total Payments</td><td>-$200.00</td></tr>`,
    );
    expect(() => parseInvoice(html)).toThrow(
      'invoice totals: the payments listed add up to 100.00, but their total reads 200.00',
    );
  });

  it('says "no payments" when the page shows an amount due and no deposit', () => {
    const html = page(
      '<tr><td>1</td><td>CAKE</td><td>$10.00</td><td>$10.00</td></tr>',
      '<tr><td>Tax</td><td>$0.80</td></tr><tr><td>Grand Total</td><td>$10.80</td></tr><tr><td>Amount Due</td><td>$10.80</td></tr>',
    );
    expect(parseInvoice(html).money).toMatchObject({ payments: [], amountDueCents: 1080, discounts: [] });
  });

  it('puts a Discount row without quantity on the item above it', () => {
    const html = page(
      '<tr><td>10</td><td>BURRITO</td><td>$13.00</td><td>$130.00</td></tr>' +
        '<tr><td></td><td><em>Discount</em></td><td></td><td>-$13.00</td></tr>' +
        '<tr><td>10</td><td>COFFEE</td><td>$3.75</td><td>$37.50</td></tr>',
      '',
    );
    expect(parseInvoice(html).items.map((i) => [i.name, i.totalCents, i.discountCents])).toEqual([
      ['BURRITO', 13000, 1300],
      ['COFFEE', 3750, undefined],
    ]);
  });

  it('states nothing about money when the page has no totals', () => {
    const html = '<table><tr><td>Qty</td><td>Description</td><td>Price</td><td>Total</td></tr></table>';
    expect(parseInvoice(html).money.grandTotalCents).toBeUndefined();
    expect(parseInvoice(html).money.discounts).toBeUndefined();
  });
});
