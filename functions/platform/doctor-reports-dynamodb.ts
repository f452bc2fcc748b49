import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type DoctorReport, doctorReportSchema } from '#functions/core/contract/doctor-report';
import type { DoctorReportStore } from '#functions/core/ports/doctor-reports';
import { JsonDocumentItem } from './json-document-item';
import { DOCTOR_KEY, EVENT_RECORD_TTL_DAYS } from './ledger-keys';

/** The DoctorReportStore port on the ledger table: one item, `DOCTOR#latest` (ledger-keys.ts). */
export class DynamoDbDoctorReports implements DoctorReportStore {
  readonly #item: JsonDocumentItem<typeof doctorReportSchema>;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string; now?: () => number }) {
    this.#item = new JsonDocumentItem({
      ...options,
      attribute: 'report',
      schema: doctorReportSchema,
      what: 'not a doctor report',
      ttlDays: EVENT_RECORD_TTL_DAYS,
    });
  }

  latestDoctorReport(): Promise<DoctorReport | undefined> {
    return this.#item.read(DOCTOR_KEY);
  }

  saveDoctorReport(report: DoctorReport): Promise<void> {
    return this.#item.write(DOCTOR_KEY, report);
  }
}
