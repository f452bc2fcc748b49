import * as z from 'zod';

/** `POST /api/backfill`: record the Revel orders that exist already, for events from `since` on. */
export const backfillBodySchema = z.strictObject({
  since: z.string(),
  dry_run: z.boolean().default(false),
});
export type BackfillBody = z.infer<typeof backfillBodySchema>;

export const backfillAnswerSchema = z.strictObject({
  since: z.string(),
  until: z.string(),
  dry_run: z.boolean(),
  checked: z.number().int(),
  recorded: z.array(
    z.strictObject({ event_id: z.string(), revel_order_id: z.string(), local_id: z.string().nullable() }),
  ),
  already_recorded: z.array(z.string()),
  without_order: z.array(z.string()),
  /** A sync holds the event now, or our own saga is part-way or settling: left to the engine, with why. */
  left_alone: z.array(z.strictObject({ event_id: z.string(), reason: z.string() })),
});
export type BackfillAnswer = z.infer<typeof backfillAnswerSchema>;
