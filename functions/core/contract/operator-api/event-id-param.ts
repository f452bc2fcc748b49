import * as z from 'zod';
import { EVENT_ID_PATTERN } from '#functions/core/contract/event-id';

/** The `{id}` of `/api/events/{id}…`: a TripleSeat event id (digits). */
export const eventIdParamSchema = z.string().regex(EVENT_ID_PATTERN, {
  error: (issue) => `"${String(issue.input)}" is not a TripleSeat event id (digits)`,
});

/** The `{id}` of `/api/runs/{id}`: a run id as the run store names them. */
export const runIdParamSchema = z.string().min(1).max(100, { error: 'a run id is at most 100 characters' });
