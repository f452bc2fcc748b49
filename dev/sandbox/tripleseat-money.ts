import { centsToMoney, specialInstructions } from './tripleseat-event';

/**
 * The money of a seeded event beyond its items: order discounts, named charges, tax, payments.
 * The JSON shapes are guesses (docs/vendors/tripleseat.md, "Money on an event": not public), so
 * docs/vendors/sandbox-money.md records which convention the sandbox serves.
 */
export interface MoneySpec {
  /** Name of the tax row in `billing_totals` and on the invoice ("Tax" on the older events). */
  taxName: string;
  /** A billing-widget discount on the whole order, before charges and tax. */
  discount?: string;
  /** A percent applies to the subtotal after order discounts; the name is the billing row's. */
  charges?: { name: string; percent?: string; amount?: string }[];
  /** Sales tax stacked on top of the charges too, not only on the items (article 13792427640855). */
  taxOnCharges?: boolean;
  payments?: PaymentSpec[];
}

export interface PaymentSpec {
  kind: 'deposit' | 'payment';
  amount: string;
  daysAgo: number;
  method: string;
  /** Part of the payment refunded since (payment_set `amount_refunded`): it no longer counts as paid. */
  refunded?: string;
}

export interface EventMoney {
  /** Σ item lines after their line discounts. */
  subtotalCents: number;
  /** Order discount (line discounts are already inside the subtotal). */
  discountCents: number;
  charges: { name: string; cents: number }[];
  taxName: string;
  taxCents: number;
  grandTotalCents: number;
  paidCents: number;
  depositCents: number;
  amountDueCents: number;
}

const cents = (money: string): number => Math.round(Number(money) * 100);
const percentOf = (base: number, percent: string): number => Math.round((base * Number(percent)) / 100);
const sum = (values: readonly number[]): number => values.reduce((total, v) => total + v, 0);

/** Subtotal − discounts + charges + tax = grand total; amount due = grand total − payments, to the cent. */
export function computeEventMoney(
  lines: readonly { category: string; totalCents: number }[],
  taxPercent: string,
  money: MoneySpec,
): EventMoney {
  const subtotalCents = sum(lines.filter((l) => l.category !== specialInstructions).map((l) => l.totalCents));
  const discountCents = cents(money.discount ?? '0');
  const afterDiscounts = subtotalCents - discountCents;
  const charges = (money.charges ?? []).map((c) => ({
    name: c.name,
    cents: c.percent === undefined ? cents(c.amount ?? '0') : percentOf(afterDiscounts, c.percent),
  }));
  const chargeCents = sum(charges.map((c) => c.cents));
  const taxCents = percentOf(afterDiscounts + (money.taxOnCharges ? chargeCents : 0), taxPercent);
  const grandTotalCents = afterDiscounts + chargeCents + taxCents;
  const payments = money.payments ?? [];
  const paidCents = sum(payments.map((p) => cents(p.amount) - cents(p.refunded ?? '0')));
  return {
    subtotalCents,
    discountCents,
    charges,
    taxName: money.taxName,
    taxCents,
    grandTotalCents,
    paidCents,
    depositCents: sum(payments.filter((p) => p.kind === 'deposit').map((p) => cents(p.amount))),
    amountDueCents: grandTotalCents - paidCents,
  };
}

/** Billing rows by name, as the event lists them; a discount row reduces the total, so it is negative. */
export function billingTotals(money: EventMoney): { name: string; total: string }[] {
  const { discountCents } = money;
  return [
    { name: 'Subtotal', total: centsToMoney(money.subtotalCents) },
    ...(discountCents > 0 ? [{ name: 'Discount', total: centsToMoney(-discountCents) }] : []),
    ...money.charges.map((c) => ({ name: c.name, total: centsToMoney(c.cents) })),
    { name: money.taxName, total: centsToMoney(money.taxCents) },
    { name: 'Grand Total', total: centsToMoney(money.grandTotalCents) },
  ];
}

/** Per-document `financials`: `discounts_total` counts order discounts (line discounts sit on their lines). */
export function documentFinancials(money: EventMoney, paidCents: number) {
  return {
    subtotal: centsToMoney(money.subtotalCents),
    discounts_total: centsToMoney(money.discountCents),
    tax_total: centsToMoney(money.taxCents),
    grand_total: centsToMoney(money.grandTotalCents),
    amount_due: centsToMoney(money.grandTotalCents - paidCents),
  };
}

/** Category totals of the priced lines, after line discounts. */
export function categoryTotals(lines: readonly { category: string; totalCents: number }[]) {
  const priced = lines.filter((l) => l.category !== specialInstructions);
  return [...new Set(priced.map((l) => l.category))].map((name) => ({
    name,
    total: centsToMoney(sum(priced.filter((l) => l.category === name).map((l) => l.totalCents))),
  }));
}
