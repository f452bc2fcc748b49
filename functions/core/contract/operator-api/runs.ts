import * as z from 'zod';
import { syncAnswerSchema } from './sync-answer';

/** A planned run's counts as its queued events settle (`core/bulk/run-tally.ts`). */
export const runProgressSchema = z.strictObject({
  /** Events the run found. */
  listed: z.number().int(),
  /** Of those, events handed to the queue (the rest were settled while planning). */
  queued: z.number().int(),
  injected: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  in_progress: z.number().int(),
  would_inject: z.number().int(),
  /** Queued events whose outcome has not come in (at the time limit: left on the queue). */
  still_queued: z.number().int(),
});
export type RunProgress = z.infer<typeof runProgressSchema>;

/** One bulk run (`GET /api/runs/{id}`, and each of `GET /api/runs`). */
export const runAnswerSchema = z.strictObject({
  run_id: z.string(),
  state: z.enum(['queued', 'running', 'finished', 'failed']),
  trigger: z.enum(['manual', 'schedule']),
  hours_back: z.number().int(),
  dry_run: z.boolean(),
  correlation_id: z.string(),
  processed: z.number().int(),
  /** Null until the run is planned. */
  progress: runProgressSchema.nullable(),
  /** When a planned run stops waiting for its queued events ("N still queued"). */
  deadline_at: z.string().nullable(),
  /** The summary once finished; null while running, or when a stored summary no longer reads. */
  summary: syncAnswerSchema.nullable(),
  error: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type RunAnswer = z.infer<typeof runAnswerSchema>;

/** `GET /api/runs`: the newest runs first. */
export const runsAnswerSchema = z.strictObject({ runs: z.array(runAnswerSchema) });
export type RunsAnswer = z.infer<typeof runsAnswerSchema>;
