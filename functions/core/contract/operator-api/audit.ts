import * as z from 'zod';

/** One change an operator made (`GET /api/audit`); `change` holds no secret and no guest detail. */
export const auditEntrySchema = z.strictObject({
  at: z.string(),
  operator: z.string(),
  /** `settings`, `mapping`, `sync`, `dlq_redrive`, `release`, `backfill`. */
  action: z.string(),
  change: z.record(z.string(), z.unknown()),
  id: z.string(),
  /** `pending`: stored before the action ran and never settled; look at the action's effect. */
  outcome: z.enum(['pending', 'applied', 'failed']),
  /** What the action answered, or why it failed. */
  result: z.record(z.string(), z.unknown()).optional(),
});

/** `GET /api/audit`: the newest entries first. */
export const auditAnswerSchema = z.strictObject({ entries: z.array(auditEntrySchema) });
export type AuditAnswer = z.infer<typeof auditAnswerSchema>;
