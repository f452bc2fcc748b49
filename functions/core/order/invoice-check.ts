import type { EventInvoice, EventItem } from '../domain/model';
import { discountLabel, formatCents } from '../domain/money';
import type { FailureDetails, MoneyFigure } from '../engine/money-summary';
import { FailReason } from '../engine/reasons';

/** Bounds an order must stay within (README, "Statuses and reasons"). */
export const INVOICE_LIMITS = {
  maxLines: 500,
  maxQuantity: 10_000,
  /** 1,000,000.00 */
  maxUnitPriceCents: 100_000_000,
} as const;

export type InvoiceVerdict =
  | { ok: true }
  | {
      ok: false;
      reason:
        | typeof FailReason.TOTALS_DO_NOT_ADD_UP
        | typeof FailReason.BAD_LINE
        | typeof FailReason.ORDER_TOO_LARGE;
      error: string;
      /** The figures that disagree, for the failure mail (TOTALS_DO_NOT_ADD_UP). */
      details?: FailureDetails;
    };

const sum = (values: readonly number[]): number => values.reduce((total, v) => total + v, 0);
const money = formatCents;

/**
 * The rule before any Revel write: every line within bounds, and the parts add up to TripleSeat's
 * grand total: Σ lines (after their line discounts) − order discounts + charges + taxes = grand
 * total, one cent of rounding allowed per line; what was paid plus what is due = grand total.
 * A grand total TripleSeat never stated cannot be compared: then only the bounds apply.
 */
export function checkInvoice(invoice: EventInvoice): InvoiceVerdict {
  const { lines } = invoice;
  if (lines.length > INVOICE_LIMITS.maxLines) {
    return {
      ok: false,
      reason: FailReason.ORDER_TOO_LARGE,
      error: `${lines.length} lines; one order takes at most ${INVOICE_LIMITS.maxLines}`,
    };
  }
  for (const [index, line] of lines.entries()) {
    const why = lineProblem(line);
    if (why) {
      return { ok: false, reason: FailReason.BAD_LINE, error: `row ${index + 1} "${line.name}": ${why}` };
    }
  }
  const amounts = [
    ...invoice.discounts.map((d) => ({ what: d.name, cents: d.cents })),
    ...invoice.charges.map((c) => ({ what: c.name, cents: c.cents })),
    ...invoice.taxes.map((t) => ({ what: t.name, cents: t.cents })),
    ...(invoice.payments ?? []).map((p) => ({ what: `${p.kind} ${p.date ?? ''}`.trim(), cents: p.cents })),
    { what: 'grand total', cents: invoice.grandTotalCents ?? 0 },
    { what: 'amount due', cents: invoice.amountDueCents ?? 0 },
  ];
  const unsafe = amounts.find((a) => !Number.isSafeInteger(a.cents));
  if (unsafe) {
    return {
      ok: false,
      reason: FailReason.BAD_LINE,
      error: `${unsafe.what}: ${unsafe.cents} is not whole cents`,
    };
  }
  return checkTotals(invoice);
}

function lineProblem(line: EventItem): string | undefined {
  const { quantity, unitPriceCents, totalCents } = line;
  const discount = line.discountCents ?? 0;
  if (!Number.isFinite(quantity) || quantity <= 0) return `quantity ${quantity} is not above 0`;
  if (quantity > INVOICE_LIMITS.maxQuantity)
    return `quantity ${quantity} is above ${INVOICE_LIMITS.maxQuantity.toLocaleString('en-US')}`;
  for (const [what, cents] of [
    ['unit price', unitPriceCents],
    ['total', totalCents],
    ['line discount', discount],
  ] as const) {
    if (!Number.isSafeInteger(cents)) return `${what} ${cents} is not whole cents`;
  }
  if (unitPriceCents > INVOICE_LIMITS.maxUnitPriceCents)
    return `unit price ${money(unitPriceCents)} is above ${money(INVOICE_LIMITS.maxUnitPriceCents)}`;
  const expected = Math.round(quantity * unitPriceCents);
  // A total below quantity × price is explained by a line discount of the difference.
  const explained = Math.abs(totalCents - expected) <= 1 || Math.abs(totalCents + discount - expected) <= 1;
  if (!explained) {
    return `total ${money(totalCents)} is not ${quantity} × ${money(unitPriceCents)} = ${money(expected)}, and no line discount explains it`;
  }
  if (discount < 0 || discount > Math.max(totalCents, expected))
    return `line discount ${money(discount)} is outside 0…${money(Math.max(totalCents, expected))}`;
  return undefined;
}

function checkTotals(invoice: EventInvoice): InvoiceVerdict {
  const { lines, grandTotalCents } = invoice;
  if (grandTotalCents === undefined) return { ok: true };
  // A total that already had its line discount taken off is not discounted twice.
  const lineNet = (l: EventItem) => {
    const expected = Math.round(l.quantity * l.unitPriceCents);
    const discount = l.discountCents ?? 0;
    return Math.abs(l.totalCents - expected) <= 1 ? l.totalCents - discount : l.totalCents;
  };
  const linesCents = sum(lines.map(lineNet));
  const discounts = sum(invoice.discounts.map((d) => d.cents));
  const charges = sum(invoice.charges.map((c) => c.cents));
  const taxes = sum(invoice.taxes.map((t) => t.cents));
  const computed = linesCents - discounts + charges + taxes;
  const tolerance = Math.max(1, lines.length);
  const breakdown =
    `lines ${money(linesCents)} − discounts ${money(discounts)}` +
    ` + charges ${money(charges)}${named(invoice.charges)} + tax ${money(taxes)}${named(invoice.taxes)}` +
    ` = ${money(computed)}`;
  const fail = (error: string, figures: MoneyFigure[]): InvoiceVerdict => ({
    ok: false,
    reason: FailReason.TOTALS_DO_NOT_ADD_UP,
    error,
    details: { figures },
  });
  const figure = (label: string, tripleseatCents: number): MoneyFigure => ({ label, tripleseatCents });
  if (Math.abs(computed - grandTotalCents) > tolerance) {
    return fail(
      `${breakdown}, but TripleSeat's grand total is ${money(grandTotalCents)} (off by ${money(grandTotalCents - computed)})`,
      [
        figure('Lines', linesCents),
        ...invoice.discounts.map((d) => figure(discountLabel(d.name), -d.cents)),
        ...invoice.charges.map((c) => figure(c.name, c.cents)),
        ...invoice.taxes.map((t) => figure(t.name, t.cents)),
        figure('Parts add up to', computed),
        figure('Grand total', grandTotalCents),
      ],
    );
  }
  const { subtotalCents } = invoice;
  if (subtotalCents !== undefined && Math.abs(subtotalCents - linesCents) > tolerance) {
    return fail(
      `the ordered lines come to ${money(linesCents)}, but TripleSeat's subtotal is ${money(subtotalCents)} (a priced row of an excluded category?)`,
      [figure('Ordered lines', linesCents), figure('Subtotal', subtotalCents)],
    );
  }
  const { payments, amountDueCents } = invoice;
  if (payments !== undefined && amountDueCents !== undefined) {
    const paid = sum(payments.map((p) => p.cents));
    if (paid + amountDueCents !== grandTotalCents) {
      return fail(
        `paid ${money(paid)} + due ${money(amountDueCents)} = ${money(paid + amountDueCents)}, but TripleSeat's grand total is ${money(grandTotalCents)}`,
        [
          figure('Paid', paid),
          figure('Due', amountDueCents),
          figure('Paid + due', paid + amountDueCents),
          figure('Grand total', grandTotalCents),
        ],
      );
    }
  }
  return { ok: true };
}

const named = (list: readonly { name: string; cents: number }[]): string =>
  list.length === 0 ? '' : ` (${list.map((x) => `${x.name} ${money(x.cents)}`).join(', ')})`;
