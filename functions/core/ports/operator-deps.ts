import type { AttemptLog } from './attempt-log';
import type { AuditTrail } from './audit-trail';
import type { DeadLetterQueue } from './dead-letters';
import type { DoctorReportStore } from './doctor-reports';
import type { RunHistory } from './run-history';
import type { RuntimeOverridesStore } from './runtime-overrides';

/** What the operator API needs on top of the sync Lambda's own dependencies (functions/sync/build-sync-deps.ts). */
export interface OperatorDeps {
  /** Operator name → bearer token, from the app secret; SYNC_API_TOKEN is the operator "api". */
  operatorTokens(): Promise<Readonly<Record<string, string>>>;
  overrides: RuntimeOverridesStore;
  audit: AuditTrail;
  attempts: AttemptLog;
  runHistory: RunHistory;
  /** Undefined when the function was not told where its dead-letter queue is (DLQ_URL). */
  deadLetters: DeadLetterQueue | undefined;
  /** The last `npm run doctor` report (GET /api/doctor); absent: the route answers `{report: null}`. */
  doctorReports?: DoctorReportStore | undefined;
  /** The schedule rule's interval in minutes (SCHEDULE_RATE_MINUTES); 0: no schedule runs here. */
  scheduleMinutes?: number | undefined;
}
