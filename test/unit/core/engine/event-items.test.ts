import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type EventItem,
  noMoney,
  type TripleSeatDocument,
  type TripleSeatEvent,
} from '#functions/core/domain/model';
import { type EventItemSources, extractEventInvoice } from '#functions/core/engine/event-items';
import { parseInvoice } from '#functions/tripleseat/invoice-parser';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/invoices/${name}.html`, import.meta.url), 'utf8');

const lineItem = (name: string, quantity: number, category?: string): EventItem => ({
  source: 'line_items',
  menuItemId: undefined,
  name,
  description: name,
  category,
  quantity,
  unitPriceCents: 100,
  totalCents: 100 * quantity,
});

const doc = (id: string, lineItems: EventItem[] | undefined, invoiceUrl?: string): TripleSeatDocument => ({
  id,
  name: `Document ${id}`,
  lineItems,
  invoiceUrl,
  grandTotalCents: undefined,
});

const eventWith = (documents: TripleSeatDocument[]): TripleSeatEvent => ({
  id: '1',
  name: 'Event',
  status: 'DEFINITE',
  eventDate: '2025-12-28',
  startLocal: undefined,
  startUtc: undefined,
  timeZone: undefined,
  siteId: undefined,
  locationId: undefined,
  locationName: undefined,
  guestCount: undefined,
  contact: undefined,
  documents,
  grandTotalCents: undefined,
  updatedAt: undefined,
  deleted: false,
});

function invoicePages(pages: Record<string, string>) {
  const fetched: string[] = [];
  return {
    fetched,
    fetchInvoice: async (url: string) => {
      fetched.push(url);
      const page = pages[url];
      if (page === undefined) throw new Error(`unexpected fetch of ${url}`);
      return parseInvoice(page);
    },
  };
}

/** The lines to order; a mismatch fails the test with its message. */
async function extractEventItems(event: TripleSeatEvent, sources: EventItemSources): Promise<EventItem[]> {
  const read = await extractEventInvoice(event, sources);
  if ('mismatch' in read) throw new Error(read.mismatch);
  return read.invoice.lines;
}

describe('extractEventInvoice', () => {
  it('uses the line items of every document and never fetches an invoice page', async () => {
    const pages = invoicePages({});
    const event = eventWith([
      doc('1', [lineItem('MAPLE BAR', 8, 'Food')], 'https://portal.test/doc/a/1'),
      doc('2', [lineItem('LEMONADE', 30, 'Beverage')]),
      doc('3', undefined, 'https://portal.test/doc/c/3'),
    ]);
    const items = await extractEventItems(event, { excludedCategories: [], ...pages });
    expect(items.map((i) => i.name)).toEqual(['MAPLE BAR', 'LEMONADE']);
    expect(pages.fetched).toEqual([]);
  });

  it('drops excluded categories case-insensitively and rows with quantity 0', async () => {
    const event = eventWith([
      doc('1', [
        lineItem('MAPLE BAR', 8, 'Food'),
        lineItem('Deliver to back door', 1, 'special instructions'),
        lineItem('Removed coffee', 0, 'Beverage'),
        lineItem('Freehand cake', 1),
      ]),
    ]);
    const items = await extractEventItems(event, {
      excludedCategories: [' Special Instructions '],
      ...invoicePages({}),
    });
    expect(items.map((i) => i.name)).toEqual(['MAPLE BAR', 'Freehand cake']);
  });

  it('treats an empty line_items list as an answer: no invoice fallback', async () => {
    const pages = invoicePages({});
    const event = eventWith([doc('1', [], 'https://portal.test/doc/a/1')]);
    await expect(extractEventItems(event, { excludedCategories: [], ...pages })).resolves.toEqual([]);
    expect(pages.fetched).toEqual([]);
  });

  it('parses each invoice page, once per URL, when no document has line items', async () => {
    const pages = invoicePages({
      'https://portal.test/doc/a/1': fixture('classic-table'),
      'https://portal.test/doc/b/2': fixture('categories-and-blank-rows'),
    });
    const event = eventWith([
      doc('1', undefined, 'https://portal.test/doc/a/1'),
      doc('1-copy', undefined, 'https://portal.test/doc/a/1'),
      doc('no-view', undefined),
      doc('2', undefined, 'https://portal.test/doc/b/2'),
    ]);
    const items = await extractEventItems(event, {
      excludedCategories: ['Special Instructions'],
      ...pages,
    });
    expect(pages.fetched).toEqual(['https://portal.test/doc/a/1', 'https://portal.test/doc/b/2']);
    expect(items.map((i) => i.name)).toEqual([
      'MAPLE BAR',
      'OLD FASHIONED',
      'COFFEE TRAVELER',
      'CHICKEN SANDWICH',
      'GARDEN SALAD',
      'LEMONADE',
      'COOKIE PLATTER',
    ]);
  });

  it('keeps an invoice row priced $0.00 at zero for the mapping to price', async () => {
    const event = eventWith([doc('1', undefined, 'https://portal.test/doc/a/1')]);
    const items = await extractEventItems(event, {
      excludedCategories: [],
      ...invoicePages({ 'https://portal.test/doc/a/1': fixture('classic-table') }),
    });
    expect(items.find((i) => i.name === 'COFFEE TRAVELER')).toMatchObject({
      source: 'invoice_html',
      unitPriceCents: 0,
      totalCents: 0,
    });
  });

  it('returns nothing when there are neither line items nor invoice views', async () => {
    await expect(
      extractEventItems(eventWith([doc('1', undefined)]), { excludedCategories: [], ...invoicePages({}) }),
    ).resolves.toEqual([]);
  });
});

describe('choosing the documents whose money makes up the event', () => {
  const sources = { excludedCategories: ['Special Instructions'], ...invoicePages({}) };
  const withSubtotal = (documents: TripleSeatDocument[], subtotalCents: number): TripleSeatEvent => ({
    ...eventWith(documents),
    money: {
      ...noMoney(),
      subtotalCents,
      grandTotalCents: subtotalCents,
      discounts: [],
      charges: [],
      taxes: [],
    },
  });
  const named = (name: string, id: string, lineItems: EventItem[]): TripleSeatDocument => ({
    ...doc(id, lineItems),
    name,
  });

  it('orders items a proposal and an invoice repeat once, from the invoice', async () => {
    const items = () => [lineItem('MAPLE BAR', 24, 'Food'), lineItem('COFFEE', 20, 'Beverage')];
    const event = withSubtotal([named('Proposal', '1', items()), named('Invoice', '2', items())], 4400);
    const read = await extractEventInvoice(event, sources);
    expect(read).toMatchObject({ invoice: { documents: ['Invoice 2'] } });
    if ('invoice' in read) expect(read.invoice.lines.map((i) => i.quantity)).toEqual([24, 20]);
  });

  it('orders every document when together they make up the subtotal (a BEO and an add-on invoice)', async () => {
    const event = withSubtotal(
      [
        named('BEO', '1', [lineItem('MAPLE BAR', 24, 'Food')]),
        named('Invoice', '2', [lineItem('COFFEE', 20)]),
      ],
      4400,
    );
    const read = await extractEventInvoice(event, sources);
    expect(read).toMatchObject({ invoice: { documents: ['BEO 1', 'Invoice 2'] } });
  });

  it('names the figures when no choice of documents makes up the subtotal', async () => {
    const event = withSubtotal(
      [
        named('Proposal', '1', [lineItem('MAPLE BAR', 24)]),
        named('Invoice', '2', [lineItem('MAPLE BAR', 30)]),
      ],
      2000,
    );
    expect(await extractEventInvoice(event, sources)).toEqual({
      mismatch:
        "no choice of documents adds up to the event's subtotal 20.00: Proposal 1 24.00, Invoice 2 30.00 (together 54.00)",
    });
  });

  it('refuses to guess when two documents each make up the subtotal with different items', async () => {
    const event = withSubtotal(
      [named('Proposal', '1', [lineItem('MAPLE BAR', 24)]), named('Invoice', '2', [lineItem('GLAZED', 24)])],
      2400,
    );
    const read = await extractEventInvoice(event, sources);
    expect(read).toMatchObject({
      mismatch: expect.stringContaining('more than one way, with different items'),
    });
  });

  it('keeps the rows of excluded categories as instructions for the kitchen', async () => {
    const event = eventWith([
      doc('1', [lineItem('MAPLE BAR', 8, 'Food'), lineItem('No nuts please', 1, 'Special Instructions')]),
    ]);
    const read = await extractEventInvoice(event, sources);
    expect(read).toMatchObject({ invoice: { instructions: ['No nuts please'] } });
  });

  it('reads the money from the invoice page when the JSON states none', async () => {
    const pages = invoicePages({
      'https://portal.test/doc/a/1': `<table><tr><td>Qty</td><td>Description</td><td>Price</td><td>Total</td></tr>
        <tr><td>2</td><td>CAKE</td><td>$5.00</td><td>$10.00</td></tr></table>
        <table><tr><td>Tax</td><td>$0.80</td></tr><tr><td>Grand Total</td><td>$10.80</td></tr>
        <tr><td>Deposit received 11/20/2026</td><td>-$5.00</td></tr><tr><td>Balance Due</td><td>$5.80</td></tr></table>`,
    });
    const read = await extractEventInvoice(eventWith([doc('1', undefined, 'https://portal.test/doc/a/1')]), {
      excludedCategories: [],
      ...pages,
    });
    expect(read).toMatchObject({
      invoice: {
        taxes: [{ name: 'Tax', cents: 80 }],
        grandTotalCents: 1080,
        payments: [{ cents: 500, date: '2026-11-20', kind: 'deposit' }],
        amountDueCents: 580,
      },
    });
  });
});
