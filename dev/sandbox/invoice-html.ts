import { DateTime } from 'luxon';
import {
  centsToMoney,
  moneyToCents,
  specialInstructions,
  type TripleSeatDocument,
  type TripleSeatEvent,
  type TripleSeatLineItem,
} from './tripleseat-event';

/** One row of the invoice's item table; `descriptionHtml` is inserted as is (markup allowed). */
export type InvoiceRow =
  | { kind: 'item'; quantity: string; descriptionHtml: string; price: string; total: string }
  | { kind: 'blank' }
  | { kind: 'category'; name: string; total: string }
  /** A line discount, shown under its item as a negative amount with no quantity. */
  | { kind: 'line-discount'; total: string };

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** "$1,200.00" — the invoice shows thousands separators, the API does not. */
export const formatDollars = (cents: number): string => dollars.format(cents / 100);

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The invoice names an item in capitals, then " - " and its description. */
function describe(item: TripleSeatLineItem): string {
  const [name = '', ...rest] = (item.display_name || item.description).split(' - ');
  const detail = item.display_name ? item.description : rest.join(' - ');
  return detail
    ? `${escapeHtml(name.toUpperCase())} - ${escapeHtml(detail)}`
    : escapeHtml(name.toUpperCase());
}

export function invoiceRowsFromLineItems(items: readonly TripleSeatLineItem[]): InvoiceRow[] {
  const priced = items.filter((i) => i.category?.name !== specialInstructions);
  const rows: InvoiceRow[] = priced.flatMap((item): InvoiceRow[] => {
    const row: InvoiceRow = {
      kind: 'item',
      quantity: String(item.quantity),
      descriptionHtml: describe(item),
      price: formatDollars(moneyToCents(item.price)),
      total: formatDollars(moneyToCents(item.total_price)),
    };
    const discountCents = moneyToCents(item.discount ?? '0');
    return discountCents > 0 ? [row, { kind: 'line-discount', total: formatDollars(-discountCents) }] : [row];
  });
  const categories = [...new Set(priced.map((i) => i.category?.name ?? 'Other'))];
  for (const name of categories) {
    const cents = priced
      .filter((i) => (i.category?.name ?? 'Other') === name)
      .reduce((sum, i) => sum + moneyToCents(i.grand_total ?? i.total_price), 0);
    rows.push({ kind: 'category', name, total: formatDollars(cents) });
  }
  return rows;
}

function renderRow(row: InvoiceRow): string {
  switch (row.kind) {
    case 'blank':
      return '<tr class="spacer"><td>&nbsp;</td><td></td><td></td><td></td></tr>';
    case 'category':
      return `<tr class="category-total"><td></td><td><em>${escapeHtml(row.name)} (${row.total})</em></td><td></td><td class="money">${row.total}</td></tr>`;
    case 'line-discount':
      return `<tr class="line-discount"><td></td><td><em>Discount</em></td><td></td><td class="money">${row.total}</td></tr>`;
    case 'item':
      return `<tr class="line-item"><td class="qty">${row.quantity}</td><td class="description"><span>${row.descriptionHtml}</span></td><td class="money">${row.price}</td><td class="money">${row.total}</td></tr>`;
  }
}

const billed = (event: TripleSeatEvent, name: string): string =>
  event.billing_totals.find((t) => t.name === name)?.total ?? '0.00';

const isTaxRow = (name: string) => /\btax\b/i.test(name);

/** Discount, charges, tax, grand total, payments and what is still due, as the event's JSON has them. */
function totalsRows(event: TripleSeatEvent, paymentTotal: boolean): string[] {
  const money = (value: string) => formatDollars(moneyToCents(value));
  const row = (label: string, amount: string, className: string) =>
    `<tr class="${className}"><td>${escapeHtml(label)}</td><td class="money">${money(amount)}</td></tr>`;
  const billing = event.billing_totals.filter((t) => t.name !== 'Subtotal' && t.name !== 'Grand Total');
  const payments = event.payments ?? [];
  return [
    ...billing.filter((t) => t.name === 'Discount').map((t) => row(t.name, t.total, 'discount')),
    ...billing
      .filter((t) => t.name !== 'Discount' && !isTaxRow(t.name))
      .map((t) => row(t.name, t.total, 'charge')),
    // The older template's tax row, kept byte for byte.
    ...billing
      .filter((t) => isTaxRow(t.name))
      .map((t) => `<tr><td>${escapeHtml(t.name)}</td><td class="money">${money(t.total)}</td></tr>`),
    `<tr><td><strong>Grand Total</strong></td><td class="money"><strong>${money(event.grand_total)}</strong></td></tr>`,
    ...payments.map((p) =>
      row(`${p.kind === 'deposit' ? 'Deposit' : 'Payment'} received ${p.date}`, `-${p.amount}`, 'payment'),
    ),
    ...(paymentTotal && payments.length > 0
      ? [
          row(
            'Total Payments',
            `-${centsToMoney(payments.reduce((sum, p) => sum + moneyToCents(p.amount), 0))}`,
            'payments-total',
          ),
        ]
      : []),
    `<tr><td>${payments.length > 0 ? 'Balance Due' : 'Amount Due'}</td><td class="money">${money(event.amount_due)}</td></tr>`,
  ];
}

export interface InvoicePage {
  event: TripleSeatEvent;
  document: TripleSeatDocument;
  rows: readonly InvoiceRow[];
  taxPercent: string;
  /** List each payment, then a "Total Payments" row (TripleSeatBehaviour.invoicePaymentRows). */
  invoicePaymentRows?: boolean;
}

/**
 * The public portal page TripleSeat links from `documents[].views[]`
 * (layout: docs/vendors/tripleseat.md, "Invoice page").
 */
export function renderInvoiceHtml({
  event,
  document,
  rows,
  taxPercent,
  invoicePaymentRows = false,
}: InvoicePage): string {
  const { contact } = event;
  const start = DateTime.fromISO(event.event_start_iso8601, { setZone: true }).setLocale('en-US');
  const end = DateTime.fromISO(event.event_end_iso8601, { setZone: true }).setLocale('en-US');
  const notes = (document.line_items ?? []).filter((i) => i.category?.name === specialInstructions);
  const money = (value: string) => formatDollars(moneyToCents(value));
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(document.name)} &ndash; ${escapeHtml(event.name)} | Tripleseat</title>
  <style>body{font-family:Helvetica,Arial,sans-serif}td.money{text-align:right}</style>
</head>
<body>
<div id="document" class="invoice">
  <table class="doc-header" width="100%"><tr>
    <td class="venue"><h2>${escapeHtml(event.location.name)}</h2></td>
    <td class="title"><h1>INVOICE</h1><p>Invoice #${document.id}</p></td>
  </tr></table>
  <div class="contact-block">
    <p><strong>CONTACT:</strong> ${escapeHtml(`${contact.first_name} ${contact.last_name}`)}</p>
    <p><strong>ADDRESS:</strong> </p>
    <p><strong>EMAIL:</strong> ${escapeHtml(contact.email_addresses[0]?.address ?? '')}</p>
    <p><strong>PHONE:</strong> ${escapeHtml(contact.phone_numbers[0]?.number ?? '')}</p>
  </div>
  <div class="event-block">
    <p><strong>EVENT:</strong> ${escapeHtml(event.name)}</p>
    <p><strong>DATE:</strong> ${start.toFormat('cccc, LLLL d, yyyy')}</p>
    <p><strong>TIME:</strong> ${start.toFormat('h:mm a')} - ${end.toFormat('h:mm a')}</p>
    <p><strong>GUESTS:</strong> ${event.guest_count}</p>
  </div>
  <table class="items" width="100%" cellspacing="0">
    <tr class="header"><td><b>Qty</b></td><td><b>Description</b></td><td><b>Price</b></td><td><b>Total</b></td></tr>
    ${rows.map(renderRow).join('\n    ')}
    <tr class="subtotal"><td></td><td><strong>Subtotal</strong></td><td></td><td class="money">${money(billed(event, 'Subtotal'))}</td></tr>
  </table>
  <table class="taxes" cellspacing="0">
    <tr class="header"><td><b>Description</b></td><td><b>Percent</b></td></tr>
    <tr><td>Sales Tax</td><td>${taxPercent}%</td></tr>
  </table>
  <table class="totals" cellspacing="0">
    ${totalsRows(event, invoicePaymentRows).join('\n    ')}
  </table>
  ${notes.length > 0 ? `<div class="special-instructions"><h3>Special Instructions</h3>${notes.map((n) => `<p>${escapeHtml(n.description)}</p>`).join('')}</div>` : ''}
</div>
</body>
</html>
`;
}
