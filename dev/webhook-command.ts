import { parseArgs } from 'node:util';
import { isEventId } from '#functions/core/contract/event-id';
import { WEBHOOK_PATH } from '#functions/core/contract/routes';
import { InputError } from '#functions/core/domain/errors';
import { localDefaults } from './local-defaults';
import { samplePayload, signWebhook, WEBHOOK_ENVELOPES, type WebhookEnvelope } from './webhook-signing';

export const usage =
  'usage: npm run webhook -- <eventId> [--trigger UPDATE_EVENT] [--updated-at <iso>] [--envelope object|event|flat] [--url <url>] [--secret <s>] [--bad-signature]';

export interface WebhookSend {
  eventId: string;
  trigger: string;
  updatedAt: string;
  /** TripleSeat's published `object` envelope by default; `event` and `flat` are the other public shapes. */
  envelope: WebhookEnvelope;
  url: string;
  secret: string;
  badSignature: boolean;
}

const options = {
  trigger: { type: 'string', default: 'UPDATE_EVENT' },
  'updated-at': { type: 'string' },
  envelope: { type: 'string', default: 'object' },
  url: { type: 'string' },
  secret: { type: 'string' },
  'bad-signature': { type: 'boolean', default: false },
} as const;

export function parseWebhookArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): WebhookSend {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true });
  } catch (e: unknown) {
    throw new InputError('arguments', `${e instanceof Error ? e.message : String(e)}\n${usage}`);
  }
  const { values, positionals } = parsed;
  const [eventId, ...extra] = positionals;
  if (eventId === undefined || extra.length > 0 || !isEventId(eventId)) {
    throw new InputError('eventId', `give one TripleSeat event id (digits)\n${usage}`);
  }
  const envelope = WEBHOOK_ENVELOPES.find((e) => e === values.envelope);
  if (envelope === undefined) {
    throw new InputError('envelope', `--envelope must be one of ${WEBHOOK_ENVELOPES.join(', ')}\n${usage}`);
  }
  const envSecret = env.WEBHOOK_SIGNING_SECRET || env.WEBHOOK_SIGNING_SECRETS?.split(',')[0]?.trim();
  return {
    eventId,
    trigger: values.trigger.toUpperCase(),
    // Fixed per event id, so sending twice is a duplicate delivery, like TripleSeat re-sending one POST.
    updatedAt: values['updated-at'] ?? '2025-01-01T12:00:00Z',
    envelope,
    url: values.url ?? `http://127.0.0.1:${env.PORT || localDefaults.port}${WEBHOOK_PATH}`,
    secret: values.secret || envSecret || localDefaults.webhookSigningSecret,
    badSignature: values['bad-signature'],
  };
}

export async function sendWebhook(
  send: WebhookSend,
  nowSeconds = Math.floor(Date.now() / 1000),
  fetchFn: typeof fetch = fetch,
): Promise<{ status: number; body: unknown }> {
  const rawBody = JSON.stringify(samplePayload(send.eventId, send.trigger, send.updatedAt, send.envelope));
  const secret = send.badSignature ? `${send.secret}-but-wrong` : send.secret;
  const response = await fetchFn(send.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': signWebhook(rawBody, secret, nowSeconds) },
    body: rawBody,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (e.g. a proxy's error page): printed as text.
  }
  return { status: response.status, body };
}
