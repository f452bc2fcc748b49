import { DateTime } from 'luxon';
import {
  formatIso,
  moneyToCents,
  siteZone,
  type TripleSeatDocument,
  type TripleSeatEvent,
  type TripleSeatPayment,
} from './tripleseat-event';

/**
 * Switches for the shapes the public record shows more than one of (docs/vendors/sandbox-money.md,
 * "TripleSeat sandbox"), so a test can prove the engine reads each. The defaults are the public
 * typed models' shapes.
 */
export interface TripleSeatBehaviour {
  /**
   * Where payments live: `payment_set` = `documents[].payment_set.payments[]` (public models);
   * `event` = an event-level `payments[]` (our older guess); `deposit_amount` = only the event's
   * `deposit_amount`, nothing itemised. `deposit_amount` is served in every setting.
   */
  paymentsIn: 'payment_set' | 'event' | 'deposit_amount';
  /** A document's name as `title` (public models) or `name` (our older guess). */
  documentName: 'title' | 'name';
  /** The invoice page lists each payment, then a "Total Payments" row. */
  invoicePaymentRows: boolean;
  /**
   * Whether the token may write notes. Which OAuth scopes allow writes is not public
   * (docs/vendors/tripleseat.md, "Notes"): `false` answers every note write 403.
   */
  notesWritable: boolean;
  /**
   * How a save stamps `updated_at` (updateEvent): `iso` to the second in the site's zone, or
   * `us-minute`, the US `12/07/2026 2:30 PM` to the minute, also seen in real payloads.
   */
  updatedAtFormat: 'iso' | 'us-minute';
}

export const defaultTripleSeatBehaviour = (): TripleSeatBehaviour => ({
  paymentsIn: 'payment_set',
  documentName: 'title',
  invoicePaymentRows: false,
  notesWritable: true,
  updatedAtFormat: 'iso',
});

/** One row of `documents[].payment_set.payments[]`, with the public models' field names. */
export interface PublicPayment {
  id: number;
  amount: string;
  state: 'paid' | 'unpaid';
  custom_title: string;
  created_at: string;
  due_at: string;
  paid_at: string | null;
  payable_by_guest: boolean;
  unpaid_at: null;
  billing_kind: 'deposit' | 'payment';
  payment_method: string | null;
  credit_card_type: null;
  refunded_at: null;
  amount_refunded: string;
  refund_reason: null;
  paid_by: string | null;
}

/** A document's own billing row (public models): `value` is the percent when the row has one. */
export interface PublicBillingRow {
  billing_id: number;
  description: string;
  value: string;
  total_price: string;
}

export type PublicDocument = Omit<TripleSeatDocument, 'name' | 'financials'> & {
  title?: string;
  name?: string;
  financials: Pick<TripleSeatDocument['financials'], 'discounts_total' | 'grand_total' | 'amount_due'>;
  billing_totals: PublicBillingRow[];
  payment_set?: { amount_due: string; payments: PublicPayment[] };
};

export type PublicEvent = Omit<TripleSeatEvent, 'documents' | 'payments'> & {
  documents: PublicDocument[];
  payments?: TripleSeatPayment[];
};

const percentIn = (name: string): string | undefined => /\((\d+(?:\.\d+)?)\s*%\)/.exec(name)?.[1];

/** The event's billing rows, less Subtotal and Grand Total, as a document's rows. */
function documentBillingRows(event: TripleSeatEvent, taxPercent: string): PublicBillingRow[] {
  return event.billing_totals
    .filter((row) => row.name !== 'Subtotal' && row.name !== 'Grand Total')
    .map((row, index) => ({
      billing_id: 10 + index,
      description: row.name,
      value: percentIn(row.name) ?? (/\btax\b/i.test(row.name) ? taxPercent : row.total),
      total_price: row.total,
    }));
}

/** A payment made as the payment schedule lists it; the day at 10:00 in the site's zone. */
function paidPayment(p: TripleSeatPayment): PublicPayment {
  const day = DateTime.fromFormat(p.date, 'MM/dd/yyyy', { zone: siteZone }).set({ hour: 10 });
  return {
    id: p.id,
    amount: p.amount,
    state: 'paid',
    custom_title: p.kind === 'deposit' ? 'Deposit' : 'Payment',
    created_at: formatIso(day.minus({ days: 1 })),
    due_at: day.toISODate() ?? '',
    paid_at: formatIso(day),
    payable_by_guest: true,
    unpaid_at: null,
    billing_kind: p.kind,
    payment_method: p.payment_method,
    credit_card_type: null,
    refunded_at: null,
    amount_refunded: p.amount_refunded ?? '0.00',
    refund_reason: null,
    paid_by: 'guest',
  };
}

/** What is still due, listed too (public models list scheduled, unpaid payments): it must not count. */
function scheduledBalance(event: TripleSeatEvent, id: number): PublicPayment | undefined {
  if (moneyToCents(event.amount_due) <= 0) return undefined;
  const day = event.event_date_iso8601;
  return {
    ...paidPayment({
      id,
      amount: event.amount_due,
      date: event.event_date,
      kind: 'payment',
      payment_method: '',
    }),
    state: 'unpaid',
    custom_title: 'Final balance',
    due_at: day,
    paid_at: null,
    payment_method: null,
    paid_by: null,
  };
}

/** The document that carries the payment schedule: the last one named like an invoice, else the last. */
const payingDocument = (documents: readonly TripleSeatDocument[]): TripleSeatDocument | undefined =>
  documents.findLast((d) => /invoice/i.test(d.name)) ?? documents.at(-1);

function publicDocument(
  document: TripleSeatDocument,
  event: TripleSeatEvent,
  behaviour: TripleSeatBehaviour,
  options: { paying: boolean; taxPercent: string },
): PublicDocument {
  const { name, financials, ...rest } = document;
  const { discounts_total, grand_total, amount_due } = financials;
  const scheduled = scheduledBalance(event, 990_000 + (event.id % 10_000));
  return {
    ...(behaviour.documentName === 'title' ? { title: name } : { name }),
    ...rest,
    financials: { discounts_total, grand_total, amount_due },
    billing_totals: documentBillingRows(event, options.taxPercent),
    ...(behaviour.paymentsIn === 'payment_set'
      ? {
          payment_set: {
            amount_due,
            payments: options.paying
              ? [...event.payments.map(paidPayment), ...(scheduled ? [scheduled] : [])]
              : [],
          },
        }
      : {}),
  };
}

/**
 * The event as the API serves it: documents, payments and billing/category totals only with
 * `show_financial=true` (docs/vendors/tripleseat.md, "Money on an event"), in the shapes `behaviour`
 * picks.
 */
export function publicEvent(
  event: TripleSeatEvent,
  showFinancial: boolean,
  behaviour: TripleSeatBehaviour,
  taxPercent = '0',
): Partial<PublicEvent> {
  const { documents, payments, billing_totals: _billing, category_totals: _categories, ...rest } = event;
  if (!showFinancial) return rest;
  const paying = payingDocument(documents);
  return {
    ...rest,
    billing_totals: event.billing_totals,
    category_totals: event.category_totals,
    ...(behaviour.paymentsIn === 'event' ? { payments } : {}),
    documents: documents.map((d) =>
      publicDocument(d, event, behaviour, { paying: d === paying, taxPercent }),
    ),
  };
}
