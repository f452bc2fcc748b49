import * as z from 'zod';

/** The ledger's word on an event as the board shows it (`in_progress`: a sync holds it now). */
export const boardOutcomes = [
  'injected',
  'failed',
  'skipped',
  'in_progress',
  'would_inject',
  'not_synced',
] as const;
export const boardOutcomeSchema = z.enum(boardOutcomes);
export type BoardOutcome = z.infer<typeof boardOutcomeSchema>;

/** `GET /api/events?from&to&location&status`: days `YYYY-MM-DD` (checked by the use case), all optional. */
export const boardQuerySchema = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  location: z.string().optional(),
  status: z.string().optional(),
});
export type BoardQuery = z.infer<typeof boardQuerySchema>;

export const boardEventSchema = z.strictObject({
  event_id: z.string(),
  name: z.string(),
  event_date: z.string(),
  start_local: z.string().nullable(),
  location_id: z.string().nullable(),
  location_name: z.string().nullable(),
  tripleseat_status: z.string(),
  outcome: boardOutcomeSchema,
  reason: z.string().nullable(),
  revel_order_id: z.string().nullable(),
  total_cents: z.number().int().nullable(),
  updated_at: z.string().nullable(),
});
export type BoardEvent = z.infer<typeof boardEventSchema>;

/** `GET /api/events`: the range shown and its events. */
export const boardAnswerSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  events: z.array(boardEventSchema),
});
export type BoardAnswer = z.infer<typeof boardAnswerSchema>;
