import { isActionableTrigger } from '#functions/core/contract/triggers';
import { extractEventInvoice } from '#functions/core/engine/event-items';
import { parseWebhookPayload, WebhookPayloadError } from '#functions/core/intake/webhook-payload';
import { checkInvoice } from '#functions/core/order/invoice-check';
import { parseInvoice } from '#functions/tripleseat/invoice-parser';
import { tokenResponseSchema, tripleSeatEventSchema } from '#functions/tripleseat/schemas';
import { parseVendorBody, vendorDetail } from '#functions/tripleseat/vendor-errors';
import type { SampleReader } from './sample-reader';

/** How the verifier answers a delivery body (functions/core/intake/receive-webhook.ts), signature aside. */
const readWebhook: SampleReader = (text) => {
  const payload = parseWebhookPayload(text);
  const { trigger } = payload;
  if (trigger !== undefined && !isActionableTrigger(trigger)) return { answer: 'ignored', trigger };
  if (payload instanceof WebhookPayloadError) return { answer: 'invalid', trigger, problem: payload.problem };
  return { answer: 'queued', ...payload };
};

/**
 * A `show_financial` event as the sync reads it: the edge schema, the choice of documents and money
 * (core/engine/event-items.ts), then the check before writing (core/order/invoice-check.ts).
 */
const readEventInvoice: SampleReader = async (text) => {
  const event = parseVendorBody(tripleSeatEventSchema, JSON.parse(text), 'sample event');
  const read = await extractEventInvoice(event, {
    excludedCategories: ['Special Instructions'],
    fetchInvoice: () => Promise.reject(new Error('the sample has no invoice page')),
  });
  if ('mismatch' in read)
    return { check: { ok: false, reason: 'TOTALS_DO_NOT_ADD_UP', error: read.mismatch } };
  const { invoice } = read;
  return {
    documents: invoice.documents,
    lines: invoice.lines.map((l) => ({ name: l.name, quantity: l.quantity, totalCents: l.totalCents })),
    charges: invoice.charges,
    taxes: invoice.taxes,
    payments: invoice.payments,
    subtotalCents: invoice.subtotalCents,
    grandTotalCents: invoice.grandTotalCents,
    amountDueCents: invoice.amountDueCents,
    check: checkInvoice(invoice),
  };
};

/** TripleSeat's readers by name (each sample's `reader` in its manifest). */
export const tripleSeatSampleReaders: Record<string, SampleReader> = {
  'tripleseat.event': (text) => tripleSeatEventSchema.parse(JSON.parse(text)),
  'tripleseat.event-invoice': readEventInvoice,
  'tripleseat.webhook': readWebhook,
  'tripleseat.invoice-html': (text) => parseInvoice(text),
  'tripleseat.token': (text) => tokenResponseSchema.parse(JSON.parse(text)),
  // The vendor's reasons as an error message keeps them (functions/tripleseat/vendor-errors.ts).
  'tripleseat.error-body': (text) => ({
    detail: vendorDetail({
      status: 422,
      headers: new Headers({ 'content-type': 'application/json' }),
      text,
    }).replace(/^: /, ''),
  }),
};
