import * as z from 'zod';

/**
 * What `npm run doctor` reports (docs/doctor.md): one row per assumption checked against the real
 * accounts. Shared by the CLI (`--json`), the ledger store and the operator API (`GET /api/doctor`).
 */
export const doctorCheckStatuses = ['ok', 'failed', 'not_checked'] as const;

export const doctorCheckSchema = z.object({
  vendor: z.enum(['tripleseat', 'revel']),
  /** Stable key of the check, e.g. `revel.discount`, `tripleseat.payments`. */
  check: z.string().min(1),
  /** What was checked, e.g. `discount 3358 (locations["Downtown"].revel.discountId)`. */
  subject: z.string().min(1),
  status: z.enum(doctorCheckStatuses),
  /** One line: what was found, or why it was not checked. */
  detail: z.string(),
});

export const doctorReportSchema = z.object({
  /** ISO instant the run started. */
  ran_at: z.string(),
  mode: z.enum(['read-only', 'write-test-order']),
  /** The vendor hosts talked to (origins only, never a credential). */
  hosts: z.object({ tripleseat: z.string(), revel: z.string() }),
  checks: z.array(doctorCheckSchema),
  /** The shapes this account's responses use, by name, e.g. `tripleseat.payments: payment_set`. */
  shapes: z.record(z.string(), z.string()),
});

export type DoctorCheck = z.infer<typeof doctorCheckSchema>;
export type DoctorCheckStatus = DoctorCheck['status'];
export type DoctorReport = z.infer<typeof doctorReportSchema>;

/** 0 when nothing failed (✓ or not checked), 1 when a check failed: syncing would break there. */
export const doctorExitCode = (report: DoctorReport): 0 | 1 =>
  report.checks.some((c) => c.status === 'failed') ? 1 : 0;
