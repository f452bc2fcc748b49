import { load } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { type EventItem, type InvoiceMoney, type InvoicePage, noMoney } from '#functions/core/domain/model';
import { parseMoneyToCents, parseQuantity } from '#functions/core/money/cents';
import { itemNameOf, normaliseText } from './item-name';
import { classifyMoneyRow, moneyFromRows } from './money-rows';
import { tripleSeatError } from './vendor-errors';

/**
 * Reads the items of a TripleSeat invoice portal page. Templates are customer-configurable
 * (docs/vendors/tripleseat.md, "Invoice page"), so the parser is driven by the header row whose cells read
 * Qty / Description / Price / Total, in whatever column order, and reads the rows after it cell by
 * cell. A row that looks like an item but cannot be read throws: a silently short order is worse.
 */

/** Marks `<br>` and block boundaries, which separate a name from its description inside one cell. */
const BREAK = '\uE000';

type Role = 'qty' | 'description' | 'price' | 'total';
type Layout = Record<Role, number>;

const HEADER_NAMES: Record<Role, readonly string[]> = {
  qty: ['qty', 'quantity'],
  description: ['description', 'item', 'items', 'item description'],
  price: ['price', 'unit price', 'price each', 'each'],
  total: ['total', 'amount', 'line total'],
};

interface Cell {
  /** First visual column (colspan-aware) and how many columns it spans. */
  start: number;
  span: number;
  lines: string[];
  text: string;
}

/** The item rows of an invoice page (see parseInvoice). */
export function parseInvoiceItems(html: string): EventItem[] {
  return parseInvoice(html).items;
}

/**
 * The item rows and the totals of an invoice page. Outside the item table, a row with a label and
 * an amount is a money row when its label names one (Subtotal, Discount, a charge, a tax, Grand
 * Total, a deposit or payment received, Balance Due); a "Discount" row with no quantity inside the
 * item table discounts the item above it.
 */
export function parseInvoice(html: string): InvoicePage {
  const $ = load(html);
  $('br').replaceWith(BREAK);
  $('p, div, li').append(BREAK);

  const items: EventItem[] = [];
  const moneyRows: { name: string; cents: number }[] = [];
  let layout: Layout | undefined;
  /** The table whose header row set the layout: rows of another table are not items. */
  let layoutTable: unknown;
  /** Rows since the last category subtotal: a "Food (…)" row names their category. */
  let group: EventItem[] = [];
  /** After a category subtotal, only rows that clearly are items resume the section. */
  let paused = false;

  // A row holding a nested table is page layout; the nested rows are visited on their own.
  const rows = $('tr')
    .toArray()
    .filter((row) => $(row).find('table').length === 0)
    .map((row) => ({ cells: readCells($, row), table: $(row).closest('table').get(0) }));
  for (const [index, { cells, table }] of rows.entries()) {
    if (layout && table !== layoutTable) layout = undefined;
    const header = headerLayout(cells, () =>
      rows
        .slice(index + 1)
        .filter((r) => r.table === table)
        .map((r) => r.cells),
    );
    if (header) {
      layout = header;
      layoutTable = table;
      group = [];
      paused = false;
      continue;
    }
    if (cells.every((c) => c.text === '')) continue;
    if (!layout) {
      const row = labelledAmount(cells);
      if (row && classifyMoneyRow(row.name)) moneyRows.push(row);
      continue;
    }
    if (isTaxHeader(cells)) {
      layout = undefined;
      continue;
    }
    const item = readItemRow(cells, layout, paused);
    if (item) {
      items.push(item);
      group.push(item);
      paused = false;
      continue;
    }
    const label = cells.find((c) => c.text !== '' && parseMoneyToCents(c.text) === undefined)?.text ?? '';
    if (/^(sub[\s-]?total|total|grand total)\b/i.test(label)) {
      const row = labelledAmount(cells);
      if (row) moneyRows.push(row);
      layout = undefined;
      continue;
    }
    const lineDiscount = /^discount\b/i.test(label) ? labelledAmount(cells) : undefined;
    const discounted = items.at(-1);
    if (lineDiscount && discounted && !paused) {
      discounted.discountCents = (discounted.discountCents ?? 0) + Math.abs(lineDiscount.cents);
      continue;
    }
    const category = categoryOfSubtotal(label);
    const amount = cells.findLast((c) => c.text !== label && parseMoneyToCents(c.text) !== undefined);
    if (category !== undefined && amount) {
      // Some templates list every category total after all the items: a category names the rows
      // above it only when it adds up to them, so no row is mislabelled and then dropped as excluded.
      const groupCents = group.reduce((sum, it) => sum + it.totalCents - (it.discountCents ?? 0), 0);
      if (group.length > 0 && groupCents === parseMoneyToCents(amount.text)) {
        for (const it of group) it.category ??= category;
      }
      group = [];
      paused = true;
      continue;
    }
    if (!paused) rejectPricedRowWithoutQuantity(cells, layout);
  }
  return { items, money: totalsMoney(moneyRows) };
}

/** "Sales Tax | $15.08": the first text cell that is not an amount, and the last amount. */
function labelledAmount(cells: readonly Cell[]): { name: string; cents: number } | undefined {
  const name = cells.find((c) => c.text !== '' && parseMoneyToCents(c.text) === undefined)?.text;
  const amount = cells.findLast((c) => c.text !== name && parseMoneyToCents(c.text) !== undefined);
  const cents = amount ? parseMoneyToCents(amount.text) : undefined;
  return name === undefined || cents === undefined ? undefined : { name, cents };
}

/** No totals table → nothing said; a table with a total says "none" for the kinds it does not list. */
function totalsMoney(rows: readonly { name: string; cents: number }[]): InvoiceMoney {
  if (rows.length === 0) return noMoney();
  const { money, problems } = moneyFromRows(rows);
  const [problem] = problems;
  if (problem !== undefined) {
    throw tripleSeatError('TRIPLESEAT_BAD_RESPONSE', 200, false, `invoice totals: ${problem}`);
  }
  if (money.grandTotalCents === undefined) {
    return { ...noMoney(), subtotalCents: money.subtotalCents };
  }
  const paymentsSaid = money.payments !== undefined || money.amountDueCents !== undefined;
  return { ...money, payments: money.payments ?? (paymentsSaid ? [] : undefined) };
}

function readCells($: ReturnType<typeof load>, row: Element): Cell[] {
  let start = 0;
  return $(row)
    .children('td, th')
    .toArray()
    .map((el) => {
      const span = Math.max(1, Number.parseInt($(el).attr('colspan') ?? '1', 10) || 1);
      const lines = $(el).text().split(BREAK).map(normaliseText).filter(Boolean);
      const cell = { start, span, lines, text: lines.join(' ') };
      start += span;
      return cell;
    });
}

const cellAt = (cells: readonly Cell[], column: number): Cell | undefined =>
  cells.find((c) => column >= c.start && column < c.start + c.span);

const headerWord = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[:.]+$/, '')
    .trim();

const roleOfWord = (word: string): Role | undefined =>
  (Object.keys(HEADER_NAMES) as Role[]).find((r) => HEADER_NAMES[r].includes(word));

/**
 * The role a header cell names. A cell that repeats one name ("Qty. Qty", as an old connector saw
 * the header: docs/vendors/tripleseat.md, "Invoice page") names that role once.
 */
function roleOfCell(text: string): Role | undefined {
  const whole = roleOfWord(headerWord(text));
  if (whole) return whole;
  const roles = new Set(text.split(/\s+/).map((w) => roleOfWord(headerWord(w))));
  const [only] = roles;
  return roles.size === 1 ? only : undefined;
}

/** Each role's candidate columns, when the row names all four roles. */
type HeaderCandidates = Record<Role, number[]>;

function headerCandidates(cells: readonly Cell[]): HeaderCandidates | undefined {
  const found: HeaderCandidates = { qty: [], description: [], price: [], total: [] };
  for (const cell of cells) {
    const role = roleOfCell(cell.text);
    if (role) found[role].push(cell.start);
  }
  return Object.values(found).every((columns) => columns.length > 0) ? found : undefined;
}

/** How well a column's cells in the rows below fit a role: quantities, amounts, or text. */
function fitOf(rows: readonly (readonly Cell[])[], column: number, role: Role): number {
  const fits = (text: string): boolean => {
    if (text === '') return false;
    if (role === 'qty') return parseQuantity(text) !== undefined;
    if (role === 'description')
      return parseMoneyToCents(text) === undefined && parseQuantity(text) === undefined;
    return parseMoneyToCents(text) !== undefined;
  };
  return rows.filter((cells) => fits(cellAt(cells, column)?.text ?? '')).length;
}

/**
 * The layout a header row sets. When two columns claim one role ("Qty." and "Qty"), the one whose
 * cells in the rows below read as that role wins (numbers for a quantity or an amount); a tie keeps
 * the leftmost.
 */
function headerLayout(cells: readonly Cell[], below: () => readonly (readonly Cell[])[]): Layout | undefined {
  const candidates = headerCandidates(cells);
  if (!candidates) return undefined;
  const pick = (role: Role): number => {
    const columns = candidates[role];
    let best = columns[0] ?? 0;
    let bestFit = -1;
    for (const column of columns) {
      const fit = columns.length === 1 ? 0 : fitOf(below(), column, role);
      if (fit > bestFit) {
        best = column;
        bestFit = fit;
      }
    }
    return best;
  };
  return { qty: pick('qty'), description: pick('description'), price: pick('price'), total: pick('total') };
}

/** The tax table that follows the items starts with a "Description | Percent" header. */
function isTaxHeader(cells: readonly Cell[]): boolean {
  const words = cells.map((c) => headerWord(c.text));
  if (words.includes('description percent')) return true;
  return words.includes('description') && words.some((w) => w.startsWith('percent'));
}

/** "Food (…)" or "Food Subtotal" with an amount closes the Food rows. */
function categoryOfSubtotal(label: string): string | undefined {
  const parenthesised = /^(.+?)\s*\(.*\)$/.exec(label);
  if (parenthesised?.[1]) return parenthesised[1];
  const named = /^(.+?)\s+sub[\s-]?total:?$/i.exec(label);
  return named?.[1];
}

function columnText(cells: readonly Cell[], layout: Layout, role: Role): string {
  const cell = cellAt(cells, layout[role]);
  // A label spanning several columns belongs to the leftmost role only.
  if (!cell || (role !== 'description' && cell === cellAt(cells, layout.description))) return '';
  return cell.text;
}

function readItemRow(cells: readonly Cell[], layout: Layout, strict: boolean): EventItem | undefined {
  const quantity = parseQuantity(columnText(cells, layout, 'qty'));
  if (quantity === undefined) return undefined;
  const priceText = columnText(cells, layout, 'price');
  const totalText = columnText(cells, layout, 'total');
  if (strict && parseMoneyToCents(priceText) === undefined && parseMoneyToCents(totalText) === undefined) {
    return undefined;
  }
  const lines = cellAt(cells, layout.description)?.lines ?? [];
  const description = lines.join(' - ');
  const rowText = cells.map((c) => c.text).join(' | ');
  const name = itemNameOf(lines[0] ?? '');
  if (name === '') throw badRow(rowText, 'has a quantity but no description');
  const amount = (text: string, what: string): number | undefined => {
    if (text === '') return undefined;
    const cents = parseMoneyToCents(text);
    if (cents === undefined) throw badRow(rowText, `${what} "${text}" is not an amount`);
    return cents;
  };
  let unitPriceCents = amount(priceText, 'price');
  let totalCents = amount(totalText, 'total');
  // No price shown at all: keep the row at $0.00 rather than invent one (mapping may price it).
  unitPriceCents ??= totalCents !== undefined && quantity > 0 ? roundCents(totalCents / quantity) : 0;
  totalCents ??= roundCents(quantity * unitPriceCents);
  return {
    source: 'invoice_html',
    menuItemId: undefined,
    name,
    description,
    category: undefined,
    quantity,
    unitPriceCents,
    totalCents,
  };
}

/** An item row whose quantity is missing or unreadable must not vanish from the order. */
function rejectPricedRowWithoutQuantity(cells: readonly Cell[], layout: Layout): void {
  const description = columnText(cells, layout, 'description');
  const price = parseMoneyToCents(columnText(cells, layout, 'price'));
  const total = parseMoneyToCents(columnText(cells, layout, 'total'));
  if (description !== '' && price !== undefined && total !== undefined) {
    const qty = columnText(cells, layout, 'qty');
    throw badRow(
      cells.map((c) => c.text).join(' | '),
      qty ? `quantity "${qty}" is not a number` : 'has a price but no quantity',
    );
  }
}

const roundCents = (x: number): number => Math.sign(x) * Math.round(Math.abs(x) + 1e-9);

const badRow = (rowText: string, why: string) =>
  tripleSeatError('TRIPLESEAT_BAD_RESPONSE', 200, false, `invoice row "${rowText}" ${why}`);
