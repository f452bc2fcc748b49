import { createHash } from 'node:crypto';
import type { ActionableTrigger } from '#functions/core/contract/triggers';
import { describeError } from '#functions/core/domain/errors';
import { WebhookUnavailableError } from './webhook-answer';
import type { WebhookDeps } from './webhook-deps';
import type { WebhookPayload } from './webhook-payload';

/** Deliveries are remembered ≥ 3 days (issue 3): TripleSeat's re-sends of one POST fall well inside. */
export const DELIVERY_MEMORY_DAYS = 4;

export type DeliveryStatus = 'queued' | 'duplicate';

/** A payload whose trigger the verifier enqueues (contract/triggers.ts). */
export type ActionablePayload = WebhookPayload & { trigger: ActionableTrigger };

export interface DeliveryContext {
  /** The body's bytes as received (a string is read as UTF-8). */
  rawBody: string | Uint8Array;
  correlationId: string;
}

/**
 * The event's `updated_at` when the body describes that one event (never for a booking fan-out, whose
 * `event.updated_at` dates one event only): it versions the delivery key and rides on the queue message.
 */
export const updatedAtOf = (payload: WebhookPayload): string | undefined =>
  payload.eventIds.length === 1 && payload.updatedAt ? payload.updatedAt : undefined;

/**
 * One delivery key per event id: trigger + id + the event's `updated_at`. Without it (and for a booking
 * fan-out, whose `event.updated_at` dates one event only) the body's sha256 versions the delivery.
 */
export function deliveryKey(payload: WebhookPayload, eventId: string, rawBody: string | Uint8Array): string {
  const version =
    updatedAtOf(payload) ??
    `sha256:${createHash('sha256')
      .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
      .digest('hex')}`;
  return `${payload.trigger}|${eventId}|${version}`;
}

/**
 * Remembers and enqueues each event id at once: the delivery-log write and the SQS send overlap, so the
 * acknowledgement costs one AWS round trip instead of two. The sync side is idempotent, so the message
 * of a delivery the log calls a duplicate (already on its way) costs one ledger fast-path skip there
 * (functions/core/engine/sync-event.ts, "Fast path"). A failed send forgets the key this delivery
 * remembered, so TripleSeat's retry is queued rather than answered `duplicate`. Rejects when any id
 * could not be handled.
 */
export async function enqueueDeliveries(
  payload: ActionablePayload,
  context: DeliveryContext,
  deps: WebhookDeps,
): Promise<DeliveryStatus[]> {
  const receivedAt = deps.clock.now().toISOString();
  const { trigger } = payload;
  const updatedAt = updatedAtOf(payload);
  const outcomes = await Promise.allSettled(
    payload.eventIds.map(async (eventId): Promise<DeliveryStatus> => {
      const key = deliveryKey(payload, eventId, context.rawBody);
      const message = {
        kind: 'event',
        eventId,
        trigger,
        receivedAt,
        correlationId: context.correlationId,
        ...(updatedAt !== undefined && { updatedAt }),
      } as const;
      const [remembered, sent] = await Promise.allSettled([
        deps.deliveries.rememberDelivery(key, DELIVERY_MEMORY_DAYS),
        deps.queue.send(message),
      ]);
      if (sent.status === 'fulfilled') {
        // Sent, but not remembered: answered 503 as before; the retry's message is one more skip.
        if (remembered.status === 'rejected') throw remembered.reason;
        return remembered.value ? 'queued' : 'duplicate';
      }
      // The key belongs to an earlier delivery, which queued the event or forgets the key and fails.
      if (remembered.status === 'fulfilled' && !remembered.value) return 'duplicate';
      // Ours, or perhaps written by a write that failed late: forgotten either way, so the retry is queued.
      await forget(key, eventId, context, deps);
      throw sent.reason;
    }),
  );
  const statuses: DeliveryStatus[] = [];
  const failures: unknown[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled') statuses.push(outcome.value);
    else failures.push(outcome.reason);
  }
  if (failures.length > 0) throw new WebhookUnavailableError(failures);
  return statuses;
}

async function forget(
  key: string,
  eventId: string,
  context: DeliveryContext,
  deps: WebhookDeps,
): Promise<void> {
  await deps.deliveries.forgetDelivery(key).catch((forgetFailure: unknown) =>
    deps.logger.error('webhook delivery not forgotten: a retry will be answered duplicate', {
      correlation_id: context.correlationId,
      event_id: eventId,
      error: describeError(forgetFailure),
    }),
  );
}
