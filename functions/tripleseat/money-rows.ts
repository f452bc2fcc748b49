import type { ChargeKind, InvoiceMoney, InvoicePayment } from '#functions/core/domain/model';
import { formatCents } from '#functions/core/money/cents';
import { usDateToIso } from './event-dates';
import { normaliseText } from './item-name';

/**
 * What a named money row of TripleSeat means, for `billing_totals` rows and the invoice page's totals
 * table alike. Row names are customer-configurable (docs/vendors/tripleseat.md, "Money on an event"),
 * so the names are matched loosely; an unknown name returns undefined and the caller decides.
 */
export type MoneyRow =
  | { kind: 'subtotal' }
  | { kind: 'discount' }
  | { kind: 'tax' }
  | { kind: 'grand_total' }
  | { kind: 'amount_due' }
  /** "Total Payments" after the payment rows: checks them, never counted beside them. */
  | { kind: 'payments_total' }
  | { kind: 'charge'; charge: ChargeKind }
  | { kind: 'payment'; payment: InvoicePayment['kind']; date: string | undefined };

const US_DATE = /\b(\d{1,2}\/\d{1,2}\/\d{4})\b/;

export function classifyMoneyRow(label: string): MoneyRow | undefined {
  const name = normaliseText(label).toLowerCase().replace(/:$/, '');
  if (/^sub[\s-]?total\b/.test(name)) return { kind: 'subtotal' };
  if (
    /^(total|sum of) (payments?|deposits?|paid)\b|^(payments?|deposits?)( received)? total\b/.test(name) ||
    /^(amount|total) paid\b|^paid to date\b/.test(name)
  ) {
    return { kind: 'payments_total' };
  }
  if (/^(grand )?total\b/.test(name) || /^invoice total\b/.test(name)) return { kind: 'grand_total' };
  if (/\b(balance|amount) due\b|^balance\b/.test(name)) return { kind: 'amount_due' };
  if (/\b(deposit|payment)s?\b/.test(name)) {
    const date = US_DATE.exec(name)?.[1];
    return {
      kind: 'payment',
      payment: name.includes('deposit') ? 'deposit' : 'payment',
      date: date ? usDateToIso(date) : undefined,
    };
  }
  if (/\bdiscount\b|\bpromo/.test(name)) return { kind: 'discount' };
  if (/\btax\b|\bvat\b|\bgst\b|\bhst\b/.test(name)) return { kind: 'tax' };
  if (/\bgratuity\b|\btip\b/.test(name)) return { kind: 'charge', charge: 'gratuity' };
  if (/\bservice (charge|fee)\b/.test(name)) return { kind: 'charge', charge: 'service_charge' };
  if (/\b(fee|charge|surcharge|rental|delivery)\b/.test(name)) return { kind: 'charge', charge: 'fee' };
  return undefined;
}

/**
 * Folds named rows into money. Signs are not trusted (a discount row reads "-20.00" in one source
 * and "20.00" in another): discounts, taxes, charges and payments are kept as their absolute value.
 * Unknown names are returned so the caller can report them rather than drop money silently.
 */
export function moneyFromRows(rows: readonly { name: string; cents: number }[]): {
  money: InvoiceMoney;
  unknown: string[];
  /** Figures stated twice that disagree (a payments total its payment rows do not make up). */
  problems: string[];
} {
  const money: InvoiceMoney = {
    subtotalCents: undefined,
    discounts: [],
    charges: [],
    taxes: [],
    grandTotalCents: undefined,
    payments: undefined,
    amountDueCents: undefined,
  };
  const unknown: string[] = [];
  let paymentsTotal: number | undefined;
  for (const { name, cents } of rows) {
    const row = classifyMoneyRow(name);
    const label = normaliseText(name);
    const abs = Math.abs(cents);
    switch (row?.kind) {
      case 'subtotal':
        money.subtotalCents = cents;
        break;
      case 'grand_total':
        money.grandTotalCents = cents;
        break;
      case 'amount_due':
        money.amountDueCents = cents;
        break;
      case 'discount':
        if (abs !== 0) money.discounts?.push({ name: label, cents: abs });
        break;
      case 'tax':
        money.taxes?.push({ name: label, cents });
        break;
      case 'charge':
        money.charges?.push({ name: label, cents, kind: row.charge });
        break;
      case 'payment':
        money.payments ??= [];
        money.payments.push({ cents: abs, date: row.date, kind: row.payment });
        break;
      case 'payments_total':
        paymentsTotal = abs;
        break;
      default:
        unknown.push(label);
    }
  }
  return { money, unknown, problems: checkPaymentsTotal(money, paymentsTotal) };
}

/**
 * A page that lists each payment and then their total states the money paid twice: the rows count,
 * the total checks them. A total with no rows is the one payment known (of unknown day).
 */
function checkPaymentsTotal(money: InvoiceMoney, total: number | undefined): string[] {
  if (total === undefined) return [];
  if (money.payments === undefined) {
    if (total > 0) money.payments = [{ cents: total, date: undefined, kind: 'payment' }];
    else money.payments = [];
    return [];
  }
  const listed = money.payments.reduce((sum, p) => sum + p.cents, 0);
  return listed === total
    ? []
    : [`the payments listed add up to ${formatCents(listed)}, but their total reads ${formatCents(total)}`];
}
