import * as z from 'zod';
import type { InvoicePayment } from '#functions/core/domain/model';
import { formatCents, parseMoneyToCents } from '#functions/core/money/cents';
import { usDateToIso, validIsoDate } from './event-dates';

/**
 * What a guest paid, from every place TripleSeat is known or thought to list it
 * (docs/vendors/tripleseat.md, "Money on an event"): a document's `payment_set.payments[]` (public
 * typed models), the event-level `payments[]` (our older guess, still read) and the event's
 * `deposit_amount` (a summary). One payment listed in two places counts once; a figure that two
 * sources state differently is a refusal, never a guess.
 */

const scalar = z.union([z.string(), z.number()]);
const isBlank = (v: string | number | null | undefined): v is null | undefined | '' =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** One row of `documents[].payment_set.payments[]`; scheduled, unpaid payments are listed too. */
export const paymentSetRowSchema = z.object({
  id: scalar.nullish(),
  amount: scalar.nullish(),
  state: z.string().nullish(),
  paid_at: z.string().nullish(),
  billing_kind: z.string().nullish(),
  custom_title: z.string().nullish(),
  amount_refunded: scalar.nullish(),
});

/** One row of the event-level `payments[]` as first guessed: no state, every row counts. */
export const eventPaymentRowSchema = z.object({
  id: scalar.nullish(),
  amount: scalar.nullish(),
  date: z.string().nullish(),
  kind: z.string().nullish(),
  payment_type: z.string().nullish(),
});

/** A listed payment, counted or not: `cents` is what counts (0 for an unpaid or refunded one). */
export interface ListedPayment {
  id: string | undefined;
  cents: number;
  grossCents: number;
  paid: boolean;
  date: string | undefined;
  kind: InvoicePayment['kind'];
}

const dayOf = (text: string | null | undefined): string | undefined =>
  validIsoDate(text) ?? usDateToIso(text?.trim().split(/\s+/)[0]);

const amountOf = (
  value: string | number | null | undefined,
  what: string,
  allowBlank = false,
): number | string => {
  if (isBlank(value)) return allowBlank ? 0 : `${what} is missing`;
  const cents = parseMoneyToCents(value);
  return cents === undefined ? `${what} "${String(value)}" is not an amount` : Math.abs(cents);
};

/** `payment_set.payments[]`: only `state` "paid" counts, minus `amount_refunded`. */
export function readPaymentSet(
  rows: readonly z.infer<typeof paymentSetRowSchema>[],
): ListedPayment[] | string {
  const read: ListedPayment[] = [];
  for (const [index, row] of rows.entries()) {
    const label = `payment_set payment ${row.id ?? index + 1}`;
    const gross = amountOf(row.amount, `${label}: amount`);
    if (typeof gross === 'string') return gross;
    const refunded = amountOf(row.amount_refunded, `${label}: amount_refunded`, true);
    if (typeof refunded === 'string') return refunded;
    const paid = row.state?.trim().toLowerCase() === 'paid';
    read.push({
      id: isBlank(row.id) ? undefined : String(row.id),
      cents: paid ? Math.max(0, gross - refunded) : 0,
      grossCents: gross,
      paid,
      date: dayOf(row.paid_at),
      kind: `${row.billing_kind ?? ''} ${row.custom_title ?? ''}`.toLowerCase().includes('deposit')
        ? 'deposit'
        : 'payment',
    });
  }
  return read;
}

/** The event-level `payments[]` (field names guessed): every row is a payment made. */
export function readEventPayments(
  rows: readonly z.infer<typeof eventPaymentRowSchema>[],
): ListedPayment[] | string {
  const read: ListedPayment[] = [];
  for (const [index, row] of rows.entries()) {
    const cents = amountOf(row.amount, `payment ${index + 1}: amount`);
    if (typeof cents === 'string') return cents;
    read.push({
      id: isBlank(row.id) ? undefined : String(row.id),
      cents,
      grossCents: cents,
      paid: true,
      date: dayOf(row.date),
      kind: `${row.kind ?? ''} ${row.payment_type ?? ''}`.toLowerCase().includes('deposit')
        ? 'deposit'
        : 'payment',
    });
  }
  return read;
}

const sameByAmountAndDay = (a: ListedPayment, b: ListedPayment): boolean =>
  a.grossCents === b.grossCents && a.date !== undefined && a.date === b.date;

/**
 * Folds `next` into `known`: the same id is the same payment (its amounts must agree); without ids on
 * both sides, the same amount on the same day is. Returns a message on a disagreement.
 */
function addListed(
  known: ListedPayment[],
  next: readonly ListedPayment[],
  where: string,
): string | undefined {
  const matched = new Set<ListedPayment>();
  for (const payment of next) {
    const byId = payment.id === undefined ? undefined : known.find((k) => k.id === payment.id);
    if (byId) {
      if (byId.grossCents !== payment.grossCents || byId.cents !== payment.cents) {
        return (
          `payment ${payment.id} is ${formatCents(byId.cents)} in one place and ` +
          `${formatCents(payment.cents)} in ${where}`
        );
      }
      matched.add(byId);
      continue;
    }
    const twin = known.find(
      (k) =>
        !matched.has(k) &&
        (k.id === undefined || payment.id === undefined) &&
        k.paid === payment.paid &&
        sameByAmountAndDay(k, payment),
    );
    if (twin) {
      matched.add(twin);
      continue;
    }
    known.push(payment);
  }
  return undefined;
}

export interface PaymentSources {
  /** Each document's `payment_set.payments[]`, when the document has a payment set. */
  paymentSets: readonly (readonly ListedPayment[])[];
  /** The event-level `payments[]`, when sent. */
  eventPayments: readonly ListedPayment[] | undefined;
  depositAmountCents: number | undefined;
}

const sum = (values: readonly number[]): number => values.reduce((total, v) => total + v, 0);

/**
 * The payments the guest made, each once; undefined when no source said anything about payments.
 * `deposit_amount` stands for a deposit only when nothing is itemised; otherwise it must match the
 * itemised deposits (paid, with or without refunds, or all those listed): anything else is a message.
 */
export function mergePayments(sources: PaymentSources): InvoicePayment[] | undefined | string {
  const listed: ListedPayment[] = [];
  for (const set of sources.paymentSets) {
    const problem = addListed(listed, set, 'another document');
    if (problem) return problem;
  }
  if (sources.eventPayments) {
    const problem = addListed(listed, sources.eventPayments, "the event's payments[]");
    if (problem) return problem;
  }
  const deposit = sources.depositAmountCents;
  if (listed.length === 0) {
    if (deposit !== undefined && deposit > 0) {
      return [{ cents: deposit, date: undefined, kind: 'deposit', summary: true }];
    }
    const said = sources.paymentSets.length > 0 || sources.eventPayments !== undefined;
    return said ? [] : undefined;
  }
  if (deposit !== undefined) {
    const deposits = listed.filter((p) => p.kind === 'deposit');
    const explanations = [
      sum(deposits.map((p) => p.cents)),
      sum(deposits.filter((p) => p.paid).map((p) => p.grossCents)),
      sum(deposits.map((p) => p.grossCents)),
    ];
    if (!explanations.includes(deposit)) {
      return (
        `deposit_amount ${formatCents(deposit)} does not match the itemised deposits ` +
        `(paid ${formatCents(explanations[0] ?? 0)})`
      );
    }
  }
  return listed
    .filter((p) => p.cents > 0)
    .map((p) => ({
      ...(p.id === undefined ? {} : { id: p.id }),
      cents: p.cents,
      date: p.date,
      kind: p.kind,
    }));
}
