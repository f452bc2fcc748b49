import { load } from 'cheerio/slim';
import { afterAll, describe, expect, it } from 'vitest';
import { type PublicEvent, type Sandboxes, startSandboxes } from '../../../dev/sandbox';
import { sandboxAccessToken } from '../../support/sandbox-token';

// Noon in Los Angeles: the money events are dated today, 12/28/2025.
const sandboxes: Sandboxes = await startSandboxes({
  now: () => new Date('2025-12-28T20:00:00Z'),
  tripleseatPerSecond: 1000,
});
const base = sandboxes.env.TRIPLESEAT_API_URL;
afterAll(() => sandboxes.close());

const token = await sandboxAccessToken(sandboxes);

async function financialEvent(id: string | number, showFinancial = true): Promise<PublicEvent> {
  const query = showFinancial ? '?show_financial=true' : '';
  const response = await fetch(`${base}/v1/events/${id}.json${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { event: PublicEvent }).event;
}

const cents = (money: string): number => Math.round(Number(money.replace(/[$,]/g, '')) * 100);
const sum = (values: readonly number[]): number => values.reduce((total, v) => total + v, 0);
const isTax = (name: string) => /\btax\b/i.test(name);
const billed = (event: PublicEvent, name: string) =>
  cents(event.billing_totals.find((t) => t.name === name)?.total ?? '0');

/** The invoice page's totals as label → cents, plus its item rows and Subtotal. */
async function invoiceTotals(url: string) {
  const $ = load(await (await fetch(url)).text());
  const rowCents = (selector: string) =>
    $(selector)
      .toArray()
      .map((row) => cents($(row).find('td').last().text()));
  const totals = new Map<string, number>();
  for (const row of $('table.totals tr').toArray()) {
    const cells = $(row).find('td');
    totals.set(cells.first().text().trim(), cents(cells.last().text()));
  }
  return {
    totals,
    items: rowCents('tr.line-item'),
    lineDiscounts: rowCents('tr.line-discount'),
    subtotal: rowCents('tr.subtotal')[0],
  };
}

// The default shapes are the public models': documents named by `title`, payments in `payment_set`.
const invoiceOf = (event: PublicEvent) => event.documents.find((d) => d.title === 'Invoice');
const paidOf = (event: PublicEvent) =>
  (invoiceOf(event)?.payment_set?.payments ?? []).filter((p) => p.state === 'paid');

describe('TripleSeat sandbox money: every seeded event adds up to the cent', () => {
  it('lines − discounts + charges + tax = grand total, and amount due = grand total − payments', async () => {
    expect(sandboxes.seededEventIds.all).toHaveLength(15);
    for (const id of sandboxes.seededEventIds.all) {
      const event = await financialEvent(id);
      const why = `event ${id}`;
      for (const document of event.documents) {
        const f = document.financials;
        for (const line of document.line_items ?? []) {
          expect(cents(line.total_price), why).toBe(Math.round(Number(line.quantity) * cents(line.price)));
          if (line.grand_total !== undefined)
            expect(cents(line.grand_total), why).toBe(cents(line.total_price) - cents(line.discount ?? '0'));
        }
        if (document.line_items) {
          const lines = document.line_items.map((l) => cents(l.grand_total ?? l.total_price));
          expect(sum(lines), why).toBe(billed(event, 'Subtotal'));
        }
        expect(cents(document.payment_set?.amount_due ?? ''), why).toBe(cents(f.amount_due));
        expect(cents(f.grand_total) - cents(f.amount_due), why).toBeGreaterThanOrEqual(0);
      }
      const invoice = invoiceOf(event);
      const charges = event.billing_totals
        .filter((t) => !['Subtotal', 'Discount', 'Grand Total'].includes(t.name) && !isTax(t.name))
        .map((t) => cents(t.total));
      const tax = sum(event.billing_totals.filter((t) => isTax(t.name)).map((t) => cents(t.total)));
      // The discount row reduces the total: negative in billing_totals, positive in discounts_total.
      expect(billed(event, 'Discount') + cents(invoice?.financials.discounts_total ?? ''), why).toBe(0);
      expect(billed(event, 'Subtotal') + billed(event, 'Discount') + sum(charges) + tax, why).toBe(
        cents(event.grand_total),
      );
      expect(billed(event, 'Grand Total'), why).toBe(cents(event.grand_total));
      const documentTax = (invoice?.billing_totals ?? []).filter((t) => isTax(t.description));
      expect(sum(documentTax.map((t) => cents(t.total_price))), why).toBe(tax);
      expect(cents(invoice?.financials.grand_total ?? ''), why).toBe(cents(event.grand_total));
      expect(cents(invoice?.financials.amount_due ?? ''), why).toBe(cents(event.amount_due));
      const paid = sum(paidOf(event).map((p) => cents(p.amount)));
      expect(cents(event.amount_due), why).toBe(cents(event.grand_total) - paid);
      const deposits = paidOf(event)
        .filter((p) => p.billing_kind === 'deposit')
        .map((p) => cents(p.amount));
      expect(cents(event.deposit_amount), why).toBe(sum(deposits));
    }
  });

  it('shows the same figures in every invoice page as in the JSON', async () => {
    for (const id of sandboxes.seededEventIds.all) {
      const event = await financialEvent(id);
      const url = invoiceOf(event)?.views[0]?.url ?? '';
      const page = await invoiceTotals(url);
      const why = `event ${id}`;
      expect(page.subtotal, why).toBe(billed(event, 'Subtotal'));
      expect(sum(page.items) + sum(page.lineDiscounts), why).toBe(billed(event, 'Subtotal'));
      for (const row of event.billing_totals.filter((t) => t.name !== 'Subtotal')) {
        expect(page.totals.get(row.name), `${why} ${row.name}`).toBe(cents(row.total));
      }
      const due = paidOf(event).length > 0 ? 'Balance Due' : 'Amount Due';
      expect(page.totals.get(due), why).toBe(cents(event.amount_due));
      const paidRows = [...page.totals].filter(([label]) => / received /.test(label)).map(([, c]) => -c);
      expect(sum(paidRows), why).toBe(sum(paidOf(event).map((p) => cents(p.amount))));
    }
  });
});

describe('TripleSeat sandbox money cases', () => {
  it('dates the money events today, so the engine injects them with their money', async () => {
    for (const id of ['55521619', '55521620', '55521621', '55521622', '55521623']) {
      expect((await financialEvent(id, false)).event_date).toBe('12/28/2025');
    }
  });

  it('serves the worked example: an order discount, a 20 % service charge, sales tax and a partial deposit', async () => {
    const event = await financialEvent(55521619);
    expect(event.billing_totals).toEqual([
      { name: 'Subtotal', total: '200.00' },
      { name: 'Discount', total: '-20.00' },
      { name: 'Service Charge (20%)', total: '36.00' },
      { name: 'Sales Tax', total: '15.08' },
      { name: 'Grand Total', total: '231.08' },
    ]);
    expect(event).toMatchObject({ grand_total: '231.08', amount_due: '181.08', deposit_amount: '50.00' });
    expect(invoiceOf(event)?.payment_set?.payments).toEqual([
      expect.objectContaining({
        id: expect.any(Number),
        amount: '50.00',
        state: 'paid',
        paid_at: '2025-12-21T10:00:00-08:00',
        billing_kind: 'deposit',
        payment_method: 'Credit Card',
        amount_refunded: '0.00',
      }),
      // What is still due is listed too, unpaid, as the public models list scheduled payments.
      expect.objectContaining({ amount: '181.08', state: 'unpaid', paid_at: null }),
    ]);
    expect(invoiceOf(event)?.financials).toEqual({
      discounts_total: '20.00',
      grand_total: '231.08',
      amount_due: '181.08',
    });
    expect(invoiceOf(event)?.billing_totals).toEqual([
      { billing_id: 10, description: 'Discount', value: '-20.00', total_price: '-20.00' },
      { billing_id: 11, description: 'Service Charge (20%)', value: '20', total_price: '36.00' },
      { billing_id: 12, description: 'Sales Tax', value: '8.375', total_price: '15.08' },
    ]);
  });

  it('keeps the allergy instruction as a zero-priced Special Instructions row and in a custom field', async () => {
    const event = await financialEvent(55521619);
    const items = invoiceOf(event)?.line_items ?? [];
    expect(items.find((i) => i.category?.name === 'Special Instructions')).toMatchObject({
      description: 'No nuts please',
      total_price: '0.00',
      grand_total: '0.00',
    });
    expect(event.custom_fields).toContainEqual({
      custom_field_name: 'Allergies',
      value: 'Tree nuts (one guest)',
    });
  });

  it('serves a line discount on its line and a gratuity with sales tax stacked on it', async () => {
    const event = await financialEvent(55521620);
    const burrito = invoiceOf(event)?.line_items?.find(
      (i) => i.display_name === 'Green Chile Breakfast Burrito',
    );
    expect(burrito).toMatchObject({
      quantity: '10',
      price: '13.00',
      total_price: '130.00',
      discount: '13.00',
      grand_total: '117.00',
    });
    expect(event.billing_totals.map((t) => t.name)).toEqual([
      'Subtotal',
      'Gratuity',
      'Sales Tax',
      'Grand Total',
    ]);
    // 8.81 % of 178.50 + 32.13, not of 178.50 alone.
    expect(event.billing_totals.find((t) => t.name === 'Sales Tax')?.total).toBe('18.56');
    const page = await invoiceTotals(invoiceOf(event)?.views[0]?.url ?? '');
    expect(page.lineDiscounts).toEqual([-1300]);
  });

  it('serves a fully paid event: a deposit and the balance, nothing due', async () => {
    const event = await financialEvent(55521621);
    expect(event).toMatchObject({ grand_total: '367.79', amount_due: '0.00', deposit_amount: '100.00' });
    expect(paidOf(event).map((p) => [p.billing_kind, p.amount])).toEqual([
      ['deposit', '100.00'],
      ['payment', '267.79'],
    ]);
    expect(invoiceOf(event)?.payment_set?.payments).toHaveLength(2);
  });

  it('serves an invoice whose items, discount and service charge exist only in its HTML page', async () => {
    const event = await financialEvent(55521622);
    expect(invoiceOf(event)).not.toHaveProperty('line_items');
    const page = await invoiceTotals(invoiceOf(event)?.views[0]?.url ?? '');
    expect(page.items).toEqual([9000, 11400, 7200, 10500]);
    expect(Object.fromEntries(page.totals)).toMatchObject({
      Discount: -4000,
      'Service Charge (20%)': 6820,
      'Sales Tax': 2856,
      'Grand Total': 43776,
      'Balance Due': 33776,
    });
  });

  it('serves a proposal and an invoice with the same items, the grand total counting them once', async () => {
    const event = await financialEvent(55521623);
    const [proposal, invoice] = event.documents;
    expect([proposal?.title, invoice?.title]).toEqual(['Proposal', 'Invoice']);
    const names = (d: typeof proposal) =>
      d?.line_items?.map((i) => [i.display_name, i.quantity, i.total_price]);
    expect(names(proposal)).toEqual(names(invoice));
    expect(proposal?.financials.grand_total).toBe('140.89');
    expect(event.grand_total).toBe('140.89');
    expect(proposal?.views[0]?.name).toBe('Proposal');
  });

  it('serves payments only with show_financial=true, like documents', async () => {
    const plain = await financialEvent(55521619, false);
    expect(plain).not.toHaveProperty('payments');
    expect(plain).not.toHaveProperty('documents');
    expect(plain).toMatchObject({ grand_total: '231.08', amount_due: '181.08', deposit_amount: '50.00' });
  });
});
