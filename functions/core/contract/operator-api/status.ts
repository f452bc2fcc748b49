import * as z from 'zod';

export const bannerKinds = ['connector_off', 'dry_run', 'test_establishment'] as const;

/** `GET /api/status`: what every console page shows above its content (core/ops/console-status.ts). */
export const consoleStatusSchema = z.strictObject({
  /** One per switch that stops or diverts orders. */
  banners: z.array(z.strictObject({ kind: z.enum(bannerKinds), message: z.string() })),
  settings: z.strictObject({
    connector_enabled: z.boolean(),
    dry_run: z.boolean(),
    test_establishment: z.boolean(),
  }),
  schedule: z.strictObject({
    interval_minutes: z.number(),
    last_run: z
      .strictObject({
        run_id: z.string(),
        state: z.string(),
        at: z.string(),
        summary: z.strictObject({ injected: z.number(), skipped: z.number(), failed: z.number() }).nullable(),
      })
      .nullable(),
    next_run_at: z.string().nullable(),
    /** No scheduled run for two intervals (the ScheduledRunMissing alarm's rule). */
    overdue: z.boolean(),
  }),
  /** Null when this deployment names no DLQ, or its count could not be read. */
  dlq_count: z.number().int().nullable(),
});
export type ConsoleStatus = z.infer<typeof consoleStatusSchema>;
