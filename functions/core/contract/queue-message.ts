import * as z from 'zod/mini';

/**
 * What travels on the sync queue. `event` messages come from the webhook verifier; `bulk-run`
 * messages carry a manual bulk run that must outlive API Gateway's 30 s (the HTTP answer is 202).
 * Built on zod/mini: the verifier imports this, and its bundle size is the webhook's cold start.
 */
export const eventMessageSchema = z.object({
  kind: z.literal('event'),
  eventId: z.string().check(z.regex(/^\d{1,15}$/)),
  trigger: z.string().check(z.minLength(1)),
  receivedAt: z.string(),
  correlationId: z.string().check(z.minLength(1)),
});

export const bulkRunMessageSchema = z.object({
  kind: z.literal('bulk-run'),
  runId: z.string().check(z.minLength(1)),
  hoursBack: z.number().check(z.int(), z.minimum(1), z.maximum(168)),
  dryRun: z.boolean(),
  correlationId: z.string().check(z.minLength(1)),
});

export const syncMessageSchema = z.discriminatedUnion('kind', [eventMessageSchema, bulkRunMessageSchema]);

export type EventMessage = z.infer<typeof eventMessageSchema>;
export type BulkRunMessage = z.infer<typeof bulkRunMessageSchema>;
export type SyncMessage = z.infer<typeof syncMessageSchema>;
