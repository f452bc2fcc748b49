import * as z from 'zod';
import { syncAnswerSchema } from './sync-answer';

/** One bulk run (`GET /api/runs/{id}`, and each of `GET /api/runs`). */
export const runAnswerSchema = z.strictObject({
  run_id: z.string(),
  state: z.enum(['queued', 'running', 'finished', 'failed']),
  trigger: z.enum(['manual', 'schedule']),
  hours_back: z.number().int(),
  dry_run: z.boolean(),
  correlation_id: z.string(),
  processed: z.number().int(),
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
