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

export const syncMessageSchema = z.discriminatedUnion('kind', [eventMessageSchema, bulkRunMessageSchema]);

export type EventMessage = z.infer<typeof eventMessageSchema>;
export type BulkRunMessage = z.infer<typeof bulkRunMessageSchema>;
export type SyncMessage = z.infer<typeof syncMessageSchema>;
