import * as z from 'zod/mini';
import { EVENT_ID_PATTERN, MAX_NUMERIC_EVENT_ID } from '../contract/event-id';
import { AppError } from '../domain/errors';
import { parseWith } from '../domain/parse-with';

export type WebhookPayloadProblem = 'NOT_JSON' | 'NO_TRIGGER' | 'NO_EVENT_ID' | 'BAD_FIELD';

/** The body could not be read (answered 400: retrying the same bytes cannot help). */
export class WebhookPayloadError extends AppError {
  override readonly name = 'WebhookPayloadError';
  readonly code = 'WEBHOOK_PAYLOAD_INVALID';
  readonly retryable = false;
  constructor(
    readonly problem: WebhookPayloadProblem,
    /** Known when the trigger could be read, so a non-actionable delivery is still answered `ignored`. */
    readonly trigger: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

// TripleSeat sends ids as numbers or numeric strings; the queue message wants 1–15 digits.
const notAnId = { error: 'must be a numeric TripleSeat id' };
const eventId = z.union(
  [
    z.int(notAnId).check(z.minimum(0, notAnId), z.maximum(MAX_NUMERIC_EVENT_ID, notAnId)),
    z.string().check(z.regex(EVENT_ID_PATTERN, notAnId)),
  ],
  notAnId,
);

const triggerFields = z.object({
  webhook_trigger_type: z.nullish(z.string()),
  trigger_type: z.nullish(z.string()),
  type: z.nullish(z.string()),
});

// Payloads can be partial (docs/vendors/tripleseat.md, "Webhooks"): every part is optional, only its
// shape is checked.
const eventFields = z.object({
  event: z.nullish(z.object({ id: z.nullish(eventId), updated_at: z.nullish(z.string()) })),
  booking: z.nullish(z.object({ event_ids: z.nullish(z.array(eventId)) })),
  document_layout: z.nullish(z.object({ event_id: z.nullish(eventId) })),
  document: z.nullish(z.object({ event_id: z.nullish(eventId) })),
});

export interface WebhookPayload {
  trigger: string;
  /** Unique, in payload order; booking triggers fan out to several. */
  eventIds: string[];
  /** The event's `updated_at`, when the payload carries the event itself. */
  updatedAt: string | undefined;
}

/** The payload, or the problem with it (a value: the use case answers each problem its own way). */
export function parseWebhookPayload(rawBody: string): WebhookPayload | WebhookPayloadError {
  try {
    return readWebhookPayload(rawBody);
  } catch (e: unknown) {
    if (e instanceof WebhookPayloadError) return e;
    throw e;
  }
}

function readWebhookPayload(rawBody: string): WebhookPayload {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    // V8's message quotes the body, which may hold guest details: never echo it.
    throw new WebhookPayloadError('NOT_JSON', undefined, 'body is not valid JSON');
  }
  const names = triggerFields.safeParse(json);
  const fields = names.success ? names.data : {};
  const trigger = [fields.webhook_trigger_type, fields.trigger_type, fields.type]
    .map((name) => name?.trim().toUpperCase())
    .find((name) => name);
  if (!trigger) {
    throw new WebhookPayloadError(
      'NO_TRIGGER',
      undefined,
      'webhook_trigger_type (or trigger_type / type) is missing',
    );
  }
  const { event, booking, document_layout, document } = parseWith(
    eventFields,
    json,
    ({ path, message }) => new WebhookPayloadError('BAD_FIELD', trigger, `${path || 'body'} ${message}`),
    { error: () => 'has an unexpected shape' },
  );
  const ids = [event?.id, ...(booking?.event_ids ?? []), document_layout?.event_id, document?.event_id];
  const eventIds = [...new Set(ids.filter((id) => id !== undefined && id !== null).map(String))];
  if (eventIds.length === 0) {
    throw new WebhookPayloadError(
      'NO_EVENT_ID',
      trigger,
      'no event id: expected event.id, booking.event_ids, document_layout.event_id or document.event_id',
    );
  }
  const updatedAt = event?.id != null ? (event.updated_at ?? undefined) : undefined;
  return { trigger, eventIds, updatedAt };
}
