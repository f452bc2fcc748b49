import { createHmac } from 'node:crypto';

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

/**
 * A delivery body shaped like TripleSeat's (docs/vendors/tripleseat.md, "Webhooks"): the trigger and
 * the event, or for booking triggers the booking with its `event_ids`. The verifier re-fetches the
 * event anyway, so only the ids and `updated_at` matter.
 */
export function samplePayload(eventId: string, trigger: string, updatedAt: string): Record<string, unknown> {
  const id = Number(eventId);
  if (trigger.includes('BOOKING')) {
    return {
      webhook_trigger_type: trigger,
      booking: {
        id: id + 900_000,
        name: `Booking for event ${eventId}`,
        status: 'DEFINITE',
        event_ids: [id],
      },
      event: { id, updated_at: updatedAt },
    };
  }
  return {
    webhook_trigger_type: trigger,
    event: {
      id,
      name: `Event ${eventId}`,
      status: 'DEFINITE',
      event_start: '11:30 AM',
      event_end: '2:00 PM',
      guest_count: 40,
      location_id: 1,
      updated_at: updatedAt,
    },
  };
}
