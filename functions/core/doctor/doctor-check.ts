import type { DoctorCheck } from '#functions/core/contract/doctor-report';
import { describeError } from '#functions/core/domain/errors';

type Vendor = DoctorCheck['vendor'];

export const ok = (vendor: Vendor, check: string, subject: string, detail: string): DoctorCheck => ({
  vendor,
  check,
  subject,
  status: 'ok',
  detail,
});
export const failed = (vendor: Vendor, check: string, subject: string, detail: string): DoctorCheck => ({
  vendor,
  check,
  subject,
  status: 'failed',
  detail,
});
export const notChecked = (vendor: Vendor, check: string, subject: string, detail: string): DoctorCheck => ({
  vendor,
  check,
  subject,
  status: 'not_checked',
  detail,
});

/** Runs one check; a vendor error becomes that check's ✗ with the error's message (never a secret: the clients redact). */
export async function guarded(
  vendor: Vendor,
  check: string,
  subject: string,
  run: () => Promise<DoctorCheck | DoctorCheck[]>,
): Promise<DoctorCheck[]> {
  try {
    const result = await run();
    return Array.isArray(result) ? result : [result];
  } catch (e: unknown) {
    return [failed(vendor, check, subject, describeError(e))];
  }
}
