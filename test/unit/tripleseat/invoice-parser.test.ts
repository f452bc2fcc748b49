import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VendorError } from '#functions/core/domain/errors';
import { formatCents } from '#functions/core/money/cents';
import { parseInvoiceItems } from '#functions/tripleseat/invoice-parser';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/invoices/${name}.html`, import.meta.url), 'utf8');

const brief = (html: string) =>
  parseInvoiceItems(html).map((i) => [
    i.quantity,
    i.name,
    i.unitPriceCents,
    i.totalCents,
    i.category ?? null,
  ]);

const table = (rows: string) =>
  `<table><tr><td>Qty</td><td>Description</td><td>Price</td><td>Total</td></tr>${rows}</table>`;

describe('parseInvoiceItems', () => {
  it('reads the classic layout and stops at Subtotal, ignoring the contact block and taxes', () => {
    const items = parseInvoiceItems(fixture('classic-table'));
    expect(items.map((i) => [i.quantity, i.name, i.unitPriceCents, i.totalCents])).toEqual([
      [8, 'MAPLE BAR', 250, 2000],
      [12, 'OLD FASHIONED', 225, 2700],
      [1, 'COFFEE TRAVELER', 0, 0],
    ]);
    expect(items[0]).toEqual({
      source: 'invoice_html',
      menuItemId: undefined,
      name: 'MAPLE BAR',
      description: 'MAPLE BAR - Maple frosted raised bar',
      category: undefined,
      quantity: 8,
      unitPriceCents: 250,
      totalCents: 2000,
    });
  });

  it('reads nested markup, entities, thousands separators and a reordered header with extra columns', () => {
    const items = parseInvoiceItems(fixture('nested-markup-entities'));
    expect(items.map((i) => [i.quantity, i.name, i.description, i.unitPriceCents, i.totalCents])).toEqual([
      [8, 'MAPLE BAR', 'MAPLE BAR - Maple frosted raised bar', 250, 2000],
      [40, 'Mac & Cheese Bar', 'Mac & Cheese Bar - Three cheeses, toasted crumbs', 1250, 50000],
      [1, 'Whole Roast Pig', 'Whole Roast Pig - Carved to order', 123450, 123450],
      [2.5, 'Coffee Service (gallons)', 'Coffee Service (gallons) - regular & decaf', 4500, 11250],
      [1, 'Cake Cutting', 'Cake Cutting', 0, 0],
    ]);
  });

  it('reads every category table, names categories from their subtotal rows and skips blank rows', () => {
    expect(brief(fixture('categories-and-blank-rows'))).toEqual([
      [25, 'CHICKEN SANDWICH', 1100, 27500, 'Food'],
      [25, 'GARDEN SALAD', 600, 15000, 'Food'],
      [30, 'LEMONADE', 350, 10500, 'Beverage'],
      [2, 'COOKIE PLATTER', 4800, 9600, 'Desserts'],
      [1, 'Deliver to the 4th floor reception', 0, 0, 'Special Instructions'],
    ]);
  });

  it('leaves categories unset when category totals are listed after all the items', () => {
    const html = table(`
      <tr><td>120</td><td>COFFEE SERVICE</td><td>$3.50</td><td>$420.00</td></tr>
      <tr><td>100</td><td>BREAKFAST BURRITO</td><td>$12.00</td><td>$1,200.00</td></tr>
      <tr><td></td><td><em>Food ($1,200.00)</em></td><td></td><td>$1,200.00</td></tr>
      <tr><td></td><td><em>Beverage ($420.00)</em></td><td></td><td>$420.00</td></tr>
      <tr><td></td><td>Subtotal</td><td></td><td>$1,620.00</td></tr>`);
    expect(brief(html)).toEqual([
      [120, 'COFFEE SERVICE', 350, 42000, null],
      [100, 'BREAKFAST BURRITO', 1200, 120000, null],
    ]);
  });

  it('returns no items when the page has no Qty/Description/Price/Total header', () => {
    expect(parseInvoiceItems('<html><body><p>8 MAPLE BAR $2.50 $20.00</p></body></html>')).toEqual([]);
    expect(
      parseInvoiceItems('<table><tr><td>8</td><td>MAPLE BAR</td><td>$2.50</td><td>$20.00</td></tr></table>'),
    ).toEqual([]);
  });

  it('accepts header cells in <th> with different case and trailing colons', () => {
    const html = `<table><tr><th>TOTAL</th><th>qty:</th><th>Price</th><th>Description</th></tr>
      <tr><td>$6.00</td><td>3</td><td>$2.00</td><td>Tea</td></tr></table>`;
    expect(brief(html)).toEqual([[3, 'Tea', 200, 600, null]]);
  });

  it('reads a header cell that repeats its name ("Qty. Qty") as the quantity column', () => {
    const html = `<table><tr><th>Qty. Qty</th><th>Description</th><th>Price</th><th>Total</th></tr>
      <tr><td>8</td><td>MAPLE BAR - Maple frosted raised bar</td><td>$2.50</td><td>$20.00</td></tr></table>`;
    expect(brief(html)).toEqual([[8, 'MAPLE BAR', 250, 2000, null]]);
  });

  it('picks, of two columns that both claim the quantity, the one holding numbers', () => {
    const row = (left: string, right: string) =>
      `<tr><td>${left}</td><td>${right}</td><td>MAPLE BAR</td><td>$2.50</td><td>$20.00</td></tr>`;
    const header = (a: string, b: string) =>
      `<tr><th>${a}</th><th>${b}</th><th>Description</th><th>Price</th><th>Total</th></tr>`;
    expect(brief(`<table>${header('Qty.', 'Qty')}${row('', '8')}</table>`)).toEqual([
      [8, 'MAPLE BAR', 250, 2000, null],
    ]);
    expect(brief(`<table>${header('Qty', 'Qty.')}${row('8', '')}</table>`)).toEqual([
      [8, 'MAPLE BAR', 250, 2000, null],
    ]);
  });

  it('stops at the tax table header even without a Subtotal row', () => {
    const html = `${table('<tr><td>2</td><td>Tea</td><td>$2.00</td><td>$4.00</td></tr>')}
      <table><tr><td>Description</td><td>Percent</td></tr><tr><td>3</td><td>Tax</td><td>$1.00</td><td>$3.00</td></tr></table>`;
    expect(brief(html)).toEqual([[2, 'Tea', 200, 400, null]]);
  });

  it('keeps a $0.00 row at zero and does not invent a price when none is shown', () => {
    const html = table('<tr><td>1</td><td>Chef special</td><td></td><td></td></tr>');
    expect(brief(html)).toEqual([[1, 'Chef special', 0, 0, null]]);
  });

  it('derives the unit price from the total when only the total is shown', () => {
    const html = table('<tr><td>4</td><td>Scones</td><td></td><td>$10.00</td></tr>');
    expect(brief(html)).toEqual([[4, 'Scones', 250, 1000, null]]);
  });

  it('refuses an item row whose price is not an amount, naming the row', () => {
    const html = table('<tr><td>2</td><td>Cake</td><td>TBD</td><td>$10.00</td></tr>');
    expect(() => parseInvoiceItems(html)).toThrowError(VendorError);
    expect(() => parseInvoiceItems(html)).toThrowError(
      /invoice row "2 \| Cake \| TBD \| \$10\.00" price "TBD"/,
    );
  });

  it('refuses a priced row without a readable quantity instead of dropping it', () => {
    const html = table('<tr><td>a few</td><td>Cake</td><td>$5.00</td><td>$10.00</td></tr>');
    expect(() => parseInvoiceItems(html)).toThrowError(/quantity "a few" is not a number/);
  });

  it('refuses a row with a quantity but no description', () => {
    const html = table('<tr><td>2</td><td> </td><td>$5.00</td><td>$10.00</td></tr>');
    expect(() => parseInvoiceItems(html)).toThrowError(/has a quantity but no description/);
  });

  it('reads back any table of items it is given (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9&'<>]{0,11}$/);
    const item = fc.record({
      quantity: fc.integer({ min: 1, max: 9999 }),
      name: fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
      detail: fc.option(word, { nil: undefined }),
      priceCents: fc.integer({ min: 0, max: 10_000_000 }),
    });
    const escapeHtml = (s: string) =>
      s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    const money = (cents: number) =>
      `$${Number(formatCents(cents)).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), (items) => {
        const rows = items
          .map((i) => {
            const text = i.detail ? `${i.name} - ${i.detail}` : i.name;
            return `<tr><td><b>${i.quantity}</b></td><td><span>${escapeHtml(text)}</span></td><td>${money(i.priceCents)}</td><td>${money(i.priceCents * i.quantity)}</td></tr>`;
          })
          .join('<tr><td>&nbsp;</td></tr>');
        const parsed = parseInvoiceItems(
          `<html><body>${table(rows)}<table><tr><td>Subtotal</td></tr></table></body></html>`,
        );
        expect(parsed.map((p) => [p.quantity, p.name, p.unitPriceCents, p.totalCents])).toEqual(
          items.map((i) => [i.quantity, i.name, i.priceCents, i.priceCents * i.quantity]),
        );
      }),
      { numRuns: 100 },
    );
  });
});
