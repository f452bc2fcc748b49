import { createHmac } from 'node:crypto';
import { BOOKING_TRIGGERS, DOCUMENT_TRIGGERS } from '#functions/core/contract/triggers';

/**
 * `X-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, as TripleSeat's timestamped
 * format. A string body is signed as its UTF-8 bytes; bytes (a Latin-1 body, say) are signed as given.
 */
export function signWebhook(rawBody: string | Uint8Array, secret: string, nowSeconds: number): string {
  const mac = createHmac('sha256', secret)
    .update(`${nowSeconds}.`, 'utf8')
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest('hex');
  return `t=${nowSeconds},v1=${mac}`;
}

/** The public webhook envelopes (docs/vendors/tripleseat.md, "Webhooks"); `object` is TripleSeat's published one. */
export const WEBHOOK_ENVELOPES = ['object', 'event', 'flat'] as const;
export type WebhookEnvelope = (typeof WEBHOOK_ENVELOPES)[number];

/**
 * A delivery body shaped like TripleSeat's (docs/vendors/tripleseat.md, "Webhooks"), in one of the
 * three public envelopes: the event for event triggers, the booking with its `event_ids` for booking
 * triggers, the document with its `event_id` for document triggers. The verifier re-fetches the event
 * anyway, so only the ids and `updated_at` matter.
 */
export function samplePayload(
  eventId: string,
  trigger: string,
  updatedAt: string,
  envelope: WebhookEnvelope = 'object',
): Record<string, unknown> {
  const id = Number(eventId);
  const event = {
    id,
    name: `Event ${eventId}`,
    status: 'DEFINITE',
    event_start: '11:30 AM',
    event_end: '2:00 PM',
    guest_count: 40,
    location_id: 1,
    updated_at: updatedAt,
  };
  const booking = {
    id: id + 900_000,
    name: `Booking for event ${eventId}`,
    status: 'DEFINITE',
    event_ids: [id],
  };
  const document = { id: id + 700_000, title: 'Invoice', event_id: id };
  if (envelope === 'event') {
    if (isBooking(trigger))
      return { webhook_trigger_type: trigger, booking, event: { id, updated_at: updatedAt } };
    return { webhook_trigger_type: trigger, event };
  }
  const object = isBooking(trigger) ? booking : isDocument(trigger) ? document : event;
  if (envelope === 'flat') return { webhook_trigger_type: trigger, ...object };
  return { webhook_trigger_type: trigger, message: `${trigger} webhook`, object };
}

const isBooking = (trigger: string) => BOOKING_TRIGGERS.some((t) => t === trigger);
const isDocument = (trigger: string) => DOCUMENT_TRIGGERS.some((t) => t === trigger);
