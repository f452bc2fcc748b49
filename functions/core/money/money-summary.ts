import type { EventInvoice, EventItem, NamedAmount } from '#functions/core/domain/model';

/** One ordered row as the mails show it: integer cents, the total after any line discount. */
export interface MoneyLine {
  quantity: number;
  name: string;
  unitCents: number;
  totalCents: number;
  /** The line's own discount, already taken off `totalCents`; absent when none. */
  lineDiscountCents?: number;
}

/**
 * What an injected order holds, for the mails and the summary JSON: the event's normalised money
 * (core/engine/event-items.ts) and where it went. No guest contact details: item names and figures only.
 */
export interface MoneySummary {
  /** The configured location's name, and the Revel establishment the order was written to. */
  location: string;
  establishmentId: number;
  /** Left out of a bulk run's summary (results.ts, `summarise`): the digest shows the totals only. */
  items?: MoneyLine[];
  subtotalCents: number;
  /** Order discounts, positive cents each. */
  discounts: NamedAmount[];
  charges: NamedAmount[];
  taxCents: number;
  totalCents: number;
  paidCents: number;
  dueCents: number;
  /** The Revel tender the payments were written with, when one is configured. */
  tender?: string;
}

/**
 * A failure's figures, side by side: what TripleSeat says and, when read back, what Revel holds
 * (`TOTALS_DO_NOT_ADD_UP` carries the first column only; `RECONCILIATION_MISMATCH` both).
 */
export interface MoneyFigure {
  label: string;
  tripleseatCents: number;
  revelCents?: number;
  /** Read back, but Revel did not return this figure: shown as "not checked", never a mismatch. */
  notChecked?: boolean;
}

export interface FailureDetails {
  figures: MoneyFigure[];
}

const sum = (values: readonly number[]): number => values.reduce((total, v) => total + v, 0);

/** A total that already had its line discount taken off is not discounted twice (as the check before writing). */
function lineNetCents(line: EventItem): number {
  const discount = line.discountCents ?? 0;
  const expected = Math.round(line.quantity * line.unitPriceCents);
  return Math.abs(line.totalCents - expected) <= 1 ? line.totalCents - discount : line.totalCents;
}

export interface MoneyDestination {
  location: string;
  establishmentId: number;
  tender?: string | undefined;
}

/** The summary of an invoice that passed the check before writing; absent figures are derived. */
export function summariseMoney(invoice: EventInvoice, destination: MoneyDestination): MoneySummary {
  const items = invoice.lines.map((line): MoneyLine => {
    const discount = line.discountCents ?? 0;
    return {
      quantity: line.quantity,
      name: line.name,
      unitCents: line.unitPriceCents,
      totalCents: lineNetCents(line),
      ...(discount > 0 ? { lineDiscountCents: discount } : {}),
    };
  });
  const subtotalCents = invoice.subtotalCents ?? sum(items.map((i) => i.totalCents));
  const discounts = invoice.discounts.map(({ name, cents }) => ({ name, cents }));
  const charges = invoice.charges.map(({ name, cents }) => ({ name, cents }));
  const taxCents = sum(invoice.taxes.map((t) => t.cents));
  const totalCents =
    invoice.grandTotalCents ??
    subtotalCents - sum(discounts.map((d) => d.cents)) + sum(charges.map((c) => c.cents)) + taxCents;
  const paidCents = sum((invoice.payments ?? []).map((p) => p.cents));
  return {
    location: destination.location,
    establishmentId: destination.establishmentId,
    items,
    subtotalCents,
    discounts,
    charges,
    taxCents,
    totalCents,
    paidCents,
    dueCents: invoice.amountDueCents ?? totalCents - paidCents,
    ...(destination.tender !== undefined ? { tender: destination.tender } : {}),
  };
}

/** Narrows what an error carries as `details` (a money step's typed error may attach figures). */
export function failureDetailsOf(e: unknown): FailureDetails | undefined {
  if (typeof e !== 'object' || e === null || !('details' in e)) return undefined;
  const details: unknown = e.details;
  if (typeof details !== 'object' || details === null || !('figures' in details)) return undefined;
  const { figures } = details;
  if (!Array.isArray(figures) || !figures.every(isFigure)) return undefined;
  return { figures };
}

function isFigure(value: unknown): value is MoneyFigure {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  return (
    typeof f.label === 'string' &&
    Number.isSafeInteger(f.tripleseatCents) &&
    (f.revelCents === undefined || Number.isSafeInteger(f.revelCents)) &&
    (f.notChecked === undefined || typeof f.notChecked === 'boolean')
  );
}
