import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EventItem, TripleSeatDocument, TripleSeatEvent } from '../../../../functions/core/domain/model';
import { type EventItemSources, extractEventInvoice } from '../../../../functions/core/engine/event-items';
import { parseInvoice } from '../../../../functions/tripleseat/invoice-parser';

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
