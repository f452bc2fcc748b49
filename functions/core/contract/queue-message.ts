import * as z from 'zod/mini';
import { eventIdSchema } from './event-id';
import { hoursBackSchema } from './hours-back';
import { ACTIONABLE_TRIGGERS } from './triggers';

/**
 * The queue's maxReceiveCount (lib/sync-queues.ts; dev/local-sqs.ts locally): a message that failed
 * this many receives moves to the dead-letter queue, so the sync side treats this receive as the last.
 */
export const MAX_RECEIVE_COUNT = 5;

/**
 * What travels on the sync queue. `event` messages come from the webhook verifier; `bulk-run`
 * messages carry a manual bulk run that must outlive API Gateway's 30 s (the HTTP answer is 202).
 * Built on zod/mini: the verifier imports this, and its bundle size is the webhook's cold start.
 */
export const eventMessageSchema = z.object({
  kind: z.literal('event'),
  eventId: eventIdSchema,
  /** The verifier enqueues actionable triggers only; anything else on the queue is a poison message. */
  trigger: z.enum(ACTIONABLE_TRIGGERS),
  receivedAt: z.string(),
  correlationId: z.string().check(z.minLength(1)),
  /**
   * The event's `updated_at` as the webhook body carried it (absent in messages enqueued before it
   * was sent, and for bodies without it): lets the sync side answer an unchanged, already-injected
   * event from the ledger, with no TripleSeat fetch (core/engine/watch-drift.ts).
   */
  updatedAt: z.optional(z.string().check(z.minLength(1))),
});

export const bulkRunMessageSchema = z.object({
  kind: z.literal('bulk-run'),
  runId: z.string().check(z.minLength(1)),
  hoursBack: hoursBackSchema,
  dryRun: z.boolean(),
  correlationId: z.string().check(z.minLength(1)),
});

/**
 * One event a bulk run (scheduled or manual) planned: the consumer syncs it under the event's lease,
 * as a webhook's message, and records its outcome in the run (core/bulk/settle-run-event.ts).
 */
export const runEventMessageSchema = z.object({
  kind: z.literal('run-event'),
  runId: z.string().check(z.minLength(1)),
  eventId: eventIdSchema,
  trigger: z.enum(['schedule', 'manual']),
  dryRun: z.boolean(),
  correlationId: z.string().check(z.minLength(1)),
  /** The event's `updated_at` as the run's listing showed it. */
  updatedAt: z.optional(z.string().check(z.minLength(1))),
  /**
   * The run's batched `local_id` look-up in this establishment at this time, and the orders of this
   * event it found (core/bulk/batched-lookups.ts): it stands in for the event's own look-up while fresh.
   */
  lookup: z.optional(
    z.object({
      establishmentId: z.number(),
      at: z.string(),
      orders: z.array(
        z.object({
          id: z.number(),
          uuid: z.optional(z.string()),
          localId: z.optional(z.string()),
          establishmentId: z.optional(z.number()),
          subtotalCents: z.optional(z.number()),
          finalTotalCents: z.optional(z.number()),
          closed: z.optional(z.boolean()),
        }),
      ),
    }),
  ),
});

/** Sent delayed with a run's messages: at the run's time limit it is finished with what is still queued. */
export const runCloseMessageSchema = z.object({
  kind: z.literal('run-close'),
  runId: z.string().check(z.minLength(1)),
  correlationId: z.string().check(z.minLength(1)),
});

export const syncMessageSchema = z.discriminatedUnion('kind', [
  eventMessageSchema,
  bulkRunMessageSchema,
  runEventMessageSchema,
  runCloseMessageSchema,
]);

export type EventMessage = z.infer<typeof eventMessageSchema>;
export type BulkRunMessage = z.infer<typeof bulkRunMessageSchema>;
export type RunEventMessage = z.infer<typeof runEventMessageSchema>;
export type RunCloseMessage = z.infer<typeof runCloseMessageSchema>;
export type SyncMessage = z.infer<typeof syncMessageSchema>;
