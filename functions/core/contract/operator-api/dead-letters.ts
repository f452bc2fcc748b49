import * as z from 'zod';
import { OPERATOR_LIMITS } from '#functions/core/contract/operator-limits';

/** How many dead letters one redrive may name (SQS moves them in batches of 10). */
export const MAX_REDRIVE_IDS = OPERATOR_LIMITS.redriveIds;

export const deadLetterSchema = z.strictObject({
  /** The SQS message id: what a redrive names. */
  id: z.string(),
  event_id: z.string().nullable(),
  receive_count: z.number().int(),
  sent_at: z.string().nullable(),
  /** Why it died: the ledger's last outcome of its event, with reason and message. */
  last_outcome: z.string().nullable(),
  reason: z.string().nullable(),
  error: z.string().nullable(),
  /** The message body, parsed when it is JSON. */
  body: z.unknown(),
});
export type DeadLetterView = z.infer<typeof deadLetterSchema>;

/** `GET /api/dlq`. */
export const deadLettersAnswerSchema = z.strictObject({ messages: z.array(deadLetterSchema) });
export type DeadLettersAnswer = z.infer<typeof deadLettersAnswerSchema>;

/** `POST /api/dlq/redrive`: the messages to move back (all when `ids` is left out, or no body). */
export const redriveBodySchema = z.strictObject({
  ids: z
    .array(z.string().min(1), { error: `ids must be a list of up to ${MAX_REDRIVE_IDS} message ids` })
    .max(MAX_REDRIVE_IDS, { error: `ids must be a list of up to ${MAX_REDRIVE_IDS} message ids` })
    .optional(),
});
export type RedriveBody = z.infer<typeof redriveBodySchema>;

/** `POST /api/dlq/redrive`: how many moved back, and how many the queue still holds (approximate). */
export const redriveAnswerSchema = z.strictObject({
  redriven: z.number().int(),
  remaining: z.number().int().nullable(),
});
export type RedriveAnswer = z.infer<typeof redriveAnswerSchema>;
