import * as z from 'zod';

/** `POST /api/events/{id}/release`: adopt the half-written order as Revel holds it, confirmed. */
export const releaseBodySchema = z.strictObject({
  action: z.literal('adopt', {
    error:
      'action must be "adopt": voiding an order through the Revel API is not documented, so void it in Revel by hand',
  }),
  /** The console's confirmation step; the API refuses a release nobody confirmed. */
  confirm: z.literal(true, { error: 'confirm must be true: releasing an order is not undone' }),
});
export type ReleaseBody = z.infer<typeof releaseBodySchema>;

export const releaseAnswerSchema = z.strictObject({
  event_id: z.string(),
  status: z.literal('injected'),
  reason: z.string(),
  revel_order_id: z.string(),
  revel_holds: z.strictObject({ items: z.number().int(), total_cents: z.number().int().nullable() }),
  /** What the operator does next, in Revel, in words. */
  next: z.string(),
});
export type ReleaseAnswer = z.infer<typeof releaseAnswerSchema>;
