import * as z from 'zod';
import { parseWith } from '#functions/core/domain/parse-with';
import type { RunRecord } from '#functions/core/ports/runs';
import { LedgerItemInvalidError } from './ledger-item';
import { runKey } from './ledger-keys';

/** A stored bulk run as `GET /api/sync/runs/{id}` serves it; checked on read, never trusted. */
export const runRecordSchema = z.object({
  runId: z.string().min(1),
  state: z.enum(['queued', 'running', 'finished', 'failed']),
  trigger: z.enum(['manual', 'schedule']),
  hoursBack: z.number().int().positive(),
  dryRun: z.boolean(),
  correlationId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  processed: z.number().int().nonnegative(),
  summary: z.unknown().optional(),
  error: z.string().optional(),
  preflight: z.unknown().optional(),
  listed: z.number().int().nonnegative().optional(),
  queued: z.number().int().nonnegative().optional(),
  deadlineAt: z.string().optional(),
  planningResults: z.array(z.unknown()).optional(),
  planningCounts: z
    .object({
      injected: z.number().int().nonnegative(),
      skipped: z.number().int().nonnegative(),
      failed: z.number().int().nonnegative(),
      in_progress: z.number().int().nonnegative(),
      would_inject: z.number().int().nonnegative(),
    })
    .optional(),
}) satisfies z.ZodType<RunRecord>;

/** Reads a stored run summary back into a RunRecord; anything else is a LedgerItemInvalidError. */
export function parseRunRecord(runId: string, stored: Record<string, unknown>): RunRecord {
  const run = parseWith(
    runRecordSchema,
    stored,
    ({ path, message }) => new LedgerItemInvalidError(runKey(runId), path || '(item)', message),
  );
  if (run.runId !== runId) {
    throw new LedgerItemInvalidError(runKey(runId), 'runId', 'belongs to another run');
  }
  return run;
}
