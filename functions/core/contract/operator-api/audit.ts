import * as z from 'zod';

/** One change an operator made (`GET /api/audit`); `change` holds no secret and no guest detail. */
export const auditEntrySchema = z.strictObject({
  at: z.string(),
  operator: z.string(),
  /** `settings`, `mapping`, `sync`, `dlq_redrive`. */
  action: z.string(),
  change: z.record(z.string(), z.unknown()),
});

/** `GET /api/audit`: the newest entries first. */
export const auditAnswerSchema = z.strictObject({ entries: z.array(auditEntrySchema) });
export type AuditAnswer = z.infer<typeof auditAnswerSchema>;
