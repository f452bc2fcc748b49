import { samplePayload, signWebhook } from '../../dev/webhook-signing';
import type { TestRuntime } from './local-runtime';

/** A signed TripleSeat delivery for `eventId` to the runtime's webhook route, answered as received. */
export function postSignedWebhook(
  runtime: TestRuntime['runtime'],
  delivery: { eventId: string; trigger: string; updatedAt: string; headers?: Record<string, string> },
): Promise<Response> {
  const vars = runtime.variables;
  const body = JSON.stringify(samplePayload(delivery.eventId, delivery.trigger, delivery.updatedAt));
  return fetch(vars.WEBHOOK_URL ?? '', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...delivery.headers,
      'x-signature': signWebhook(body, vars.WEBHOOK_SIGNING_SECRET ?? '', Math.floor(Date.now() / 1000)),
    },
    body,
  });
}
