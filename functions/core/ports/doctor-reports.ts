import type { DoctorReport } from '#functions/core/contract/doctor-report';

/** The last `npm run doctor` report, kept for the console (functions/platform/doctor-reports-dynamodb.ts). */
export interface DoctorReportStore {
  latestDoctorReport(): Promise<DoctorReport | undefined>;
  saveDoctorReport(report: DoctorReport): Promise<void>;
}
