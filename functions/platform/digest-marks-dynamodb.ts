import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { DigestMark, DigestMarks } from '#functions/core/ports/digest-marks';
import { JsonDocumentItem } from './json-document-item';
import { RUN_RECORD_TTL_DAYS, SCHEDULED_DIGEST_KEY } from './ledger-keys';

const markSchema = z.object({ failures: z.string(), mailedAt: z.string() });

/** The DigestMarks port on the ledger table: one item, `DIGEST#schedule` (ledger-keys.ts). */
export class DynamoDbDigestMarks implements DigestMarks {
  readonly #item: JsonDocumentItem<typeof markSchema>;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string; now?: () => number }) {
    this.#item = new JsonDocumentItem({
      ...options,
      attribute: 'mark',
      schema: markSchema,
      what: 'not a digest mark',
      ttlDays: RUN_RECORD_TTL_DAYS,
    });
  }

  lastScheduledDigest(): Promise<DigestMark | undefined> {
    return this.#item.read(SCHEDULED_DIGEST_KEY);
  }

  /** Only scheduled runs write it, one at a time (the scheduled-sync lease): a plain put. */
  markScheduledDigest(mark: DigestMark): Promise<void> {
    return this.#item.write(SCHEDULED_DIGEST_KEY, mark);
  }
}
