import type { TripleSeatEventShapes } from '#functions/core/ports/vendor-probes';
import { tripleSeatEventSchema } from './schemas';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
const nonZero = (v: unknown): boolean => present(v) && Number(v) !== 0 && !Number.isNaN(Number(v));

/**
 * Which of the shapes the public record shows a raw `show_financial` event uses
 * (docs/vendors/tripleseat.md, "Money on an event"): payments in `documents[].payment_set.payments[]`,
 * event `payments[]` or only `deposit_amount`; documents named by `title` or `name`; event and
 * document billing rows; `line_items` or only an invoice view. Detected on the JSON as sent, so a
 * variant our reader ignores is still reported.
 */
export function detectEventShapes(body: unknown): TripleSeatEventShapes {
  const event = isRecord(body) && isRecord(body.event) && !('id' in body) ? body.event : body;
  const raw = isRecord(event) ? event : {};
  const documents = listOf(raw.documents).filter(isRecord);
  const paymentSet = documents.flatMap((d) =>
    isRecord(d.payment_set) ? listOf(d.payment_set.payments) : [],
  );
  const paid = paymentSet.filter((p) => isRecord(p) && String(p.state ?? '').toLowerCase() === 'paid');
  const eventPayments = listOf(raw.payments);
  const paymentsIn = [
    ...(paymentSet.length > 0
      ? [`documents[].payment_set.payments[] (${paymentSet.length}, ${paid.length} paid)`]
      : []),
    ...(eventPayments.length > 0 ? [`event payments[] (${eventPayments.length})`] : []),
    ...(nonZero(raw.deposit_amount) ? ['deposit_amount'] : []),
  ];
  const documentNaming = [
    ...(documents.some((d) => present(d.title)) ? ['title'] : []),
    ...(documents.some((d) => present(d.name)) ? ['name'] : []),
  ];
  const eventRows = listOf(raw.billing_totals).length;
  const documentRows = documents.reduce((n, d) => n + listOf(d.billing_totals).length, 0);
  const billingRows = [
    ...(eventRows > 0 ? [`event billing_totals ×${eventRows}`] : []),
    ...(documentRows > 0 ? [`document billing_totals ×${documentRows}`] : []),
  ];
  const withItems = documents.filter((d) => Array.isArray(d.line_items)).length;
  const viewOnly = documents.filter(
    (d) =>
      !Array.isArray(d.line_items) &&
      listOf(d.views).some(
        (v) =>
          isRecord(v) &&
          String(v.name ?? '')
            .toLowerCase()
            .includes('invoice'),
      ),
  ).length;
  const read = tripleSeatEventSchema.safeParse(body);
  return {
    eventId: String(raw.id ?? ''),
    paymentsIn,
    documentNaming,
    documents: documents.length,
    billingRows,
    documentsWithLineItems: withItems,
    documentsWithInvoiceViewOnly: viewOnly,
    readError: read.success ? undefined : (read.error.issues[0]?.message ?? 'not readable'),
  };
}
