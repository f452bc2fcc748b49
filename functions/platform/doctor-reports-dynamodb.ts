import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type DoctorReport, doctorReportSchema } from '../core/contract/doctor-report';
import type { DoctorReportStore } from '../core/ports/doctor-reports';
import { parseJsonAttribute } from './ledger-item';
import { DOCTOR_KEY, EVENT_RECORD_TTL_DAYS, ttlEpochSeconds } from './ledger-keys';

/** The DoctorReportStore port on the ledger table: one item, `DOCTOR#latest` (ledger-keys.ts). */
export class DynamoDbDoctorReports implements DoctorReportStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #now: () => number;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string; now?: () => number }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#now = options.now ?? Date.now;
  }

  async latestDoctorReport(): Promise<DoctorReport | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: { pk: DOCTOR_KEY }, ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    return parseJsonAttribute(Item, DOCTOR_KEY, 'report', doctorReportSchema, 'not a doctor report');
  }

  async saveDoctorReport(report: DoctorReport): Promise<void> {
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: {
          pk: DOCTOR_KEY,
          report: JSON.stringify(report),
          expiresAt: ttlEpochSeconds(this.#now(), EVENT_RECORD_TTL_DAYS),
        },
      }),
    );
  }
}
