import * as z from 'zod';

const cents = z.number().int();
const namedAmount = z.strictObject({ name: z.string(), cents });

/** What an injected order holds (core/money/money-summary.ts), for the mails and the summary. */
const moneySummarySchema = z.strictObject({
  location: z.string(),
  establishmentId: z.number().int(),
  items: z
    .array(
      z.strictObject({
        quantity: z.number(),
        name: z.string(),
        unitCents: cents,
        totalCents: cents,
        lineDiscountCents: cents.optional(),
      }),
    )
    .optional(),
  subtotalCents: cents,
  discounts: z.array(namedAmount),
  charges: z.array(namedAmount),
  taxCents: cents,
  totalCents: cents,
  paidCents: cents,
  dueCents: cents,
  tender: z.string().optional(),
});

export const syncEventResultSchema = z.strictObject({
  id: z.string(),
  name: z.string().nullable(),
  date: z.string().nullable(),
  status: z.enum(['injected', 'skipped', 'failed', 'in_progress', 'would_inject']),
  revel_order_id: z.string().nullable(),
  reason: z.string().nullable(),
  error: z.string().nullable(),
  retryable: z.boolean().optional(),
  money: moneySummarySchema.optional(),
  details: z
    .strictObject({
      figures: z.array(
        z.strictObject({
          label: z.string(),
          tripleseatCents: cents,
          revelCents: cents.optional(),
          notChecked: z.boolean().optional(),
        }),
      ),
    })
    .optional(),
  drift: z.strictObject({ fields: z.array(z.string()), detected_at: z.string() }).optional(),
});
export type SyncEventResult = z.infer<typeof syncEventResultSchema>;

/**
 * A sync's summary (core/engine/results.ts `SyncSummary`): `POST /api/events/{id}/sync` answers it,
 * and a finished run carries it.
 */
export const syncAnswerSchema = z.strictObject({
  success: z.boolean(),
  mode: z.enum(['single', 'bulk']),
  correlation_id: z.string(),
  dry_run: z.boolean(),
  summary: z.strictObject({
    queried: z.number().int(),
    injected: z.number().int(),
    skipped: z.number().int(),
    failed: z.number().int(),
    in_progress: z.number().int(),
    would_inject: z.number().int(),
  }),
  events: z.array(syncEventResultSchema),
  /** A bulk run's routine skips, counted in `summary` but not listed in `events`. */
  events_omitted: z.number().int().optional(),
  /** A run cut short: events never started, or (a planned run at its time limit) still on the queue. */
  incomplete: z
    .strictObject({ not_started: z.number().int(), still_queued: z.number().int().optional() })
    .optional(),
});
export type SyncAnswer = z.infer<typeof syncAnswerSchema>;
