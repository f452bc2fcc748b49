import { discountLabel, formatCents } from '#functions/core/money/cents';
import type { FailureDetails, MoneyFigure, MoneySummary } from '#functions/core/money/money-summary';
import type { MailTable } from './mail-render';

const GROUPED = /\B(?=(\d{3})+(?!\d))/g;

/** Every amount in a mail: "2,037.45", "-20.00" (integer cents in, no float arithmetic). */
export function formatAmount(cents: number): string {
  const [whole = '0', fraction = '00'] = formatCents(cents).split('.');
  return `${whole.replace(GROUPED, ',')}.${fraction}`;
}

/** One line per ordered row: quantity, name, unit price, total (after any line discount). */
export function itemsTable(money: MoneySummary): MailTable | undefined {
  if (!money.items || money.items.length === 0) return undefined;
  return {
    title: 'Items',
    headers: ['Qty', 'Item', 'Unit', 'Total'],
    numeric: [true, false, true, true],
    text: 'columns',
    rows: money.items.map((item) => [
      String(item.quantity),
      item.lineDiscountCents
        ? `${item.name} (line discount ${formatAmount(item.lineDiscountCents)})`
        : item.name,
      formatAmount(item.unitCents),
      formatAmount(item.totalCents),
    ]),
  };
}

/** Subtotal, each discount and charge, tax, total, paid (with the tender) and due. */
export function totalsTable(money: MoneySummary): MailTable {
  const row = (label: string, cents: number) => [label, formatAmount(cents)];
  const tender = money.tender ? ` (${money.tender})` : '';
  return {
    title: 'Totals',
    headers: ['', ''],
    numeric: [false, true],
    text: 'columns',
    rows: [
      row('Subtotal', money.subtotalCents),
      ...money.discounts.map((d) => row(discountLabel(d.name), -d.cents)),
      ...money.charges.map((c) => row(c.name, c.cents)),
      row('Tax', money.taxCents),
      row('Total', money.totalCents),
      row(`Paid${tender}`, money.paidCents),
      row('Due', money.dueCents),
    ],
  };
}

/**
 * A failure's figures: TripleSeat beside Revel (the Revel column only when something was read back);
 * a figure Revel did not return reads "not checked".
 */
export function figuresTable(details: FailureDetails): MailTable {
  const withRevel = details.figures.some((f) => f.revelCents !== undefined || f.notChecked);
  return {
    title: 'Figures',
    headers: withRevel ? ['', 'TripleSeat', 'Revel'] : ['', 'TripleSeat'],
    numeric: [false, true, true],
    text: 'columns',
    rows: details.figures.map((f) => [
      f.label,
      formatAmount(f.tripleseatCents),
      ...(withRevel ? [revelCell(f)] : []),
    ]),
  };
}

function revelCell(figure: MoneyFigure): string {
  if (figure.revelCents !== undefined) return formatAmount(figure.revelCents);
  return figure.notChecked ? NOT_CHECKED : '';
}

/** What the mails, the money table and the console say of a figure Revel did not return. */
export const NOT_CHECKED = 'not checked';

/** The digest's money cells of one event: empty when it carries no money (a failure). */
export function digestMoneyCells(money: MoneySummary | undefined): [string, string, string] {
  if (!money) return ['', '', ''];
  return [formatAmount(money.totalCents), formatAmount(money.paidCents), formatAmount(money.dueCents)];
}
