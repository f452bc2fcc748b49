import * as z from 'zod/mini';
import { EVENT_ID_PATTERN, MAX_NUMERIC_EVENT_ID } from '#functions/core/contract/event-id';
import { isEventReferencingTrigger, isEventTrigger } from '#functions/core/contract/triggers';
import { AppError } from '#functions/core/domain/errors';
import { parseWith } from '#functions/core/domain/parse-with';

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
const carriedEvent = z.object({ id: z.nullish(eventId), updated_at: z.nullish(z.string()) });
const eventReferences = z.object({ event_ids: z.nullish(z.array(eventId)), event_id: z.nullish(eventId) });
const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

const eventFields = z.object({
  event: z.nullish(carriedEvent),
  booking: z.nullish(z.object({ event_ids: z.nullish(z.array(eventId)) })),
  document_layout: z.nullish(z.object({ event_id: z.nullish(eventId) })),
  document: z.nullish(z.object({ event_id: z.nullish(eventId) })),
});

/**
 * Three envelopes are public (docs/vendors/tripleseat.md, "Webhooks"): `{…, event}`, TripleSeat's
 * published `{…, message, object}` and a flat body. What `object` (or the flat body) holds depends on
 * the trigger: the event itself for event triggers, a booking or document naming its events for those,
 * something else (a lead…) for the rest, whose ids are never read.
 */
const objectOfEvent = z.object({ object: z.nullish(carriedEvent) });
const objectReferencing = z.object({ object: z.nullish(eventReferences) });

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
  const fail = ({ path, message }: { path: string; message: string }) =>
    new WebhookPayloadError('BAD_FIELD', trigger, `${path || 'body'} ${message}`);
  const shape = { error: () => 'has an unexpected shape' };
  const { event, booking, document_layout, document } = parseWith(eventFields, json, fail, shape);
  const body = isObject(json) ? (json as Record<string, unknown>) : {};
  // A flat body is the object itself: read only when neither envelope key holds one.
  const flat = !isObject(body.event) && !isObject(body.object);
  let carried = event?.id != null ? event : undefined;
  const referenced: (string | number | null | undefined)[] = [];
  if (isEventTrigger(trigger)) {
    const { object } = parseWith(objectOfEvent, json, fail, shape);
    const own = flat ? parseWith(carriedEvent, json, fail, shape) : object;
    if (carried === undefined && own?.id != null) carried = own;
    referenced.push(own?.id);
  } else if (isEventReferencingTrigger(trigger)) {
    const { object } = parseWith(objectReferencing, json, fail, shape);
    const own = flat ? parseWith(eventReferences, json, fail, shape) : object;
    referenced.push(...(own?.event_ids ?? []), own?.event_id);
  }
  const ids = [
    event?.id,
    ...referenced,
    ...(booking?.event_ids ?? []),
    document_layout?.event_id,
    document?.event_id,
  ];
  const eventIds = [...new Set(ids.filter((id) => id !== undefined && id !== null).map(String))];
  if (eventIds.length === 0) {
    throw new WebhookPayloadError(
      'NO_EVENT_ID',
      trigger,
      'no event id: expected event.id, object.id or id (event triggers), booking.event_ids, ' +
        'object.event_ids, document_layout.event_id, document.event_id or object.event_id',
    );
  }
  return { trigger, eventIds, updatedAt: carried?.updated_at ?? undefined };
}
