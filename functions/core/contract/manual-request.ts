import * as z from 'zod';
import { InputError } from '#functions/core/domain/errors';
import { parseWith } from '#functions/core/domain/parse-with';
import { eventIdSchema } from './event-id';
import { DEFAULT_HOURS_BACK, hoursBackSchema, MAX_HOURS_BACK, MIN_HOURS_BACK } from './hours-back';

export type ManualRequest =
  | { kind: 'single'; eventId: string; dryRun: boolean | undefined }
  | { kind: 'bulk'; hoursBack: number; dryRun: boolean | undefined };

const MESSAGES = {
  event_id: 'event_id must be a TripleSeat event id (digits only)',
  hours_back: `hours_back must be a whole number of hours from ${MIN_HOURS_BACK} to ${MAX_HOURS_BACK}`,
  dry_run: 'dry_run must be true, false, 1 or 0',
} as const;

// Query and form values arrive as strings, JSON bodies may carry numbers and booleans.
const paramsSchema = z.strictObject({
  event_id: z.union([z.string(), z.number()]).transform(String).pipe(eventIdSchema).optional(),
  hours_back: z
    .union([
      z
        .string()
        .regex(/^\d{1,3}$/)
        .transform(Number),
      z.number(),
    ])
    .pipe(hoursBackSchema)
    .optional(),
  dry_run: z
    .union([
      z.boolean(),
      z
        .string()
        .transform((s) => s.toLowerCase())
        .pipe(z.enum(['true', 'false', '1', '0']))
        .transform((s) => s === 'true' || s === '1'),
    ])
    .optional(),
});

/** `event_id` XOR `hours_back` (default 48), and `dry_run`; a bad one → InputError naming it. */
export function parseManualParams(raw: Record<string, unknown>): ManualRequest {
  const params = parseWith(paramsSchema, raw, ({ issue }) => inputErrorFor(issue));
  const { event_id: eventId, hours_back: hoursBack, dry_run: dryRun } = params;
  if (eventId !== undefined && hoursBack !== undefined)
    throw new InputError('hours_back', 'hours_back cannot be combined with event_id: give one or the other');
  if (eventId !== undefined) return { kind: 'single', eventId, dryRun };
  return { kind: 'bulk', hoursBack: hoursBack ?? DEFAULT_HOURS_BACK, dryRun };
}

function inputErrorFor(issue: z.core.$ZodIssue | undefined): InputError {
  if (issue?.code === 'unrecognized_keys') {
    const name = String(issue.keys[0]).slice(0, 40);
    return new InputError(name, `unknown parameter "${name}" (expected event_id, hours_back or dry_run)`);
  }
  const name = issue?.path[0];
  if (typeof name === 'string' && name in MESSAGES)
    return new InputError(name, MESSAGES[name as keyof typeof MESSAGES]);
  return new InputError('query', 'invalid parameters');
}
