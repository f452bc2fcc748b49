import type { EventInvoice, EventItem } from '#functions/core/domain/model';
import { FailReason } from '#functions/core/domain/reasons';
import { discountLabel, formatCents } from '#functions/core/money/cents';
import type { FailureDetails, MoneyFigure } from '#functions/core/money/money-summary';

/** Bounds an order must stay within (README, "Statuses and reasons"). */
export const INVOICE_LIMITS = {
  maxLines: 500,
  maxQuantity: 10_000,
  /** 1,000,000.00 */
  maxUnitPriceCents: 100_000_000,
  /**
   * Rounding the parts may show against a stated total, per document: a cent per line, at most this
   * many. TripleSeat states every line total and every tax and charge row in cents, so only its own
   * rounding of percentages can differ, a cent or two — never a cent per line of a 500-line order.
   */
  maxRoundingCentsPerDocument: 2,
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
 * total, within a cent per line and at most `maxRoundingCentsPerDocument` per document; what was paid
 * plus what is due = the total (TripleSeat's grand total, else the parts' sum); neither the total nor
 * the amount due is negative.
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
  const tolerance = roundingTolerance(invoice);
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
  const partsFigures = (): MoneyFigure[] => [
    figure('Lines', linesCents),
    ...invoice.discounts.map((d) => figure(discountLabel(d.name), -d.cents)),
    ...invoice.charges.map((c) => figure(c.name, c.cents)),
    ...invoice.taxes.map((t) => figure(t.name, t.cents)),
    figure('Parts add up to', computed),
  ];
  if (grandTotalCents !== undefined && Math.abs(computed - grandTotalCents) > tolerance) {
    return fail(
      `${breakdown}, but TripleSeat's grand total is ${money(grandTotalCents)} (off by ${money(grandTotalCents - computed)})`,
      [...partsFigures(), figure('Grand total', grandTotalCents)],
    );
  }
  const total = grandTotalCents ?? computed;
  if (total < 0) {
    return fail(`${breakdown}: a negative total cannot be an order`, partsFigures());
  }
  const { subtotalCents } = invoice;
  if (subtotalCents !== undefined && Math.abs(subtotalCents - linesCents) > tolerance) {
    return fail(
      `the ordered lines come to ${money(linesCents)}, but TripleSeat's subtotal is ${money(subtotalCents)} (a priced row of an excluded category?)`,
      [figure('Ordered lines', linesCents), figure('Subtotal', subtotalCents)],
    );
  }
  const { payments, amountDueCents } = invoice;
  if (amountDueCents === undefined) return { ok: true };
  const paid = sum((payments ?? []).map((p) => p.cents));
  const totalLabel = grandTotalCents === undefined ? 'the parts add up to' : "TripleSeat's grand total is";
  if (amountDueCents < 0) {
    return fail(
      `TripleSeat's amount due is ${money(amountDueCents)}: an overpaid event needs a person (a refund?)`,
      [figure('Paid', paid), figure('Due', amountDueCents), figure('Total', total)],
    );
  }
  // Without a stated grand total the parts are the total: paid + due must still make it, so an amount
  // due of 0.00 with nothing paid never writes an order that looks settled (no payment behind it).
  const allowed = grandTotalCents === undefined ? tolerance : 0;
  if (
    (payments !== undefined || grandTotalCents === undefined) &&
    Math.abs(paid + amountDueCents - total) > allowed
  ) {
    return fail(
      `paid ${money(paid)} + due ${money(amountDueCents)} = ${money(paid + amountDueCents)}, but ${totalLabel} ${money(total)}`,
      [
        figure('Paid', paid),
        figure('Due', amountDueCents),
        figure('Paid + due', paid + amountDueCents),
        figure(grandTotalCents === undefined ? 'Parts add up to' : 'Grand total', total),
      ],
    );
  }
  return { ok: true };
}

/** A cent per line, capped per document (`INVOICE_LIMITS.maxRoundingCentsPerDocument`). */
function roundingTolerance(invoice: EventInvoice): number {
  const cap = INVOICE_LIMITS.maxRoundingCentsPerDocument * Math.max(1, invoice.documents.length);
  return Math.min(Math.max(1, invoice.lines.length), cap);
}

const named = (list: readonly { name: string; cents: number }[]): string =>
  list.length === 0 ? '' : ` (${list.map((x) => `${x.name} ${money(x.cents)}`).join(', ')})`;
