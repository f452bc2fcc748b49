import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { DRIFT_FIELDS } from '#functions/core/domain/event-fingerprint';
import { fingerprintPaymentsSchema } from '#functions/core/drift/fingerprint';
import type { DriftLog, DriftState } from '#functions/core/ports/drift-log';
import { JsonDocumentItem } from './json-document-item';
import { driftKey, EVENT_RECORD_TTL_DAYS } from './ledger-keys';

const field = z.enum(DRIFT_FIELDS);
const appendedLine = z.object({
  name: z.string(),
  quantity: z.number(),
  unitPriceCents: z.number().optional(),
});
const changeSchema = z.object({
  hash: z.string(),
  fields: z.array(field),
  changes: z.array(
    z.object({
      field,
      before: z.string(),
      after: z.string(),
    }),
  ),
  detectedAt: z.string(),
  appended: z.array(appendedLine).optional(),
  appendError: z.string().optional(),
  notesUpdate: z.object({ updated: z.boolean(), detail: z.string() }).optional(),
  paymentsUpdate: z
    .object({
      written: z.array(z.object({ cents: z.number(), createdDate: z.string() })),
      remainingDueCents: z.number().optional(),
      closed: z.boolean(),
      notDone: z.string().optional(),
    })
    .optional(),
});
const stateSchema = z.object({
  eventId: z.string(),
  revelOrderId: z.string(),
  // Keys JSON.stringify dropped read back as present and undefined, as the port's types have them.
  seenUpdatedAt: z
    .string()
    .optional()
    .transform((v) => v),
  seenAt: z.string().optional(),
  current: changeSchema.optional().transform((v) => v),
  history: z.array(changeSchema),
  appendedLines: z.array(appendedLine).optional(),
  kitchenBaseline: z.array(z.string()).optional(),
  paymentsBaseline: fingerprintPaymentsSchema.optional(),
});

/** The DriftLog port on the ledger table: `DRIFT#<eventId>` holds the state as JSON (ledger-keys.ts). */
export class DynamoDbDriftLog implements DriftLog {
  readonly #item: JsonDocumentItem<typeof stateSchema>;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string; now?: () => number }) {
    this.#item = new JsonDocumentItem({
      ...options,
      attribute: 'record',
      schema: stateSchema,
      what: 'not a drift record',
      ttlDays: EVENT_RECORD_TTL_DAYS,
    });
  }

  getDrift(eventId: string): Promise<DriftState | undefined> {
    return this.#item.read(driftKey(eventId));
  }

  /** Written under the event's lease (core/engine/watch-drift.ts), so a plain put cannot race. */
  putDrift(state: DriftState): Promise<void> {
    return this.#item.write(driftKey(state.eventId), state, true);
  }
}
