import * as z from 'zod';
import { AppError } from '#functions/core/domain/errors';
import { parseJsonWith, parseWith } from '#functions/core/domain/parse-with';
import { hashFingerprints } from '#functions/core/order/plan-hash';
import { emptyProgress, type LedgerRecord, type SagaProgress } from '#functions/core/ports/ledger';
import { eventKey } from './ledger-keys';

/** A stored item the engine cannot trust (hand-edited, or written by a newer version). */
export class LedgerItemInvalidError extends AppError {
  override readonly name = 'LedgerItemInvalidError';
  readonly code = 'LEDGER_ITEM_INVALID';
  readonly retryable = false;
  constructor(
    readonly key: string,
    readonly field: string,
    message: string,
  ) {
    super(`ledger item ${key} is invalid: ${field}: ${message}`);
  }
}

/**
 * An item attribute that holds a JSON document (a run summary, a drift record, a preflight report),
 * read with its schema; anything else is a LedgerItemInvalidError naming the item and attribute.
 */
export function parseJsonAttribute<S extends z.ZodType>(
  item: Record<string, unknown>,
  key: string,
  attribute: string,
  schema: S,
  what: string,
): z.output<S> {
  const text = item[attribute];
  const invalid = () => new LedgerItemInvalidError(key, attribute, what);
  if (typeof text !== 'string') throw invalid();
  return parseJsonWith(schema, text, invalid);
}

const knownStatuses: Record<LedgerRecord['status'], true> = {
  new: true,
  writing: true,
  injected: true,
  skipped: true,
  failed: true,
  in_progress: true,
  would_inject: true,
};

// Fields that steer the engine (status, progress) must be exact: guessing a saga step could double
// an order item. Descriptive fields fall back to "unknown" instead of blocking the event.
const descriptive = z
  .union([z.string(), z.number().transform(String)])
  .optional()
  .catch(undefined);

const stringList = z.preprocess((v) => (v instanceof Set ? [...v] : v), z.array(z.string()));

const pendingSchema = z.object({
  step: z.enum(['order', 'item', 'fee', 'payment', 'history']),
  uuid: z.string().min(1),
  since: z.iso.datetime(),
});

/**
 * Progress as stored. Records written before the saga record became line-count independent carry
 * `itemsDone` (item uuids) and `plannedItems` (line fingerprints) instead of `itemsWritten` and
 * `planHash`; they are migrated on read: the fingerprints become the same plan hash, and the item
 * uuids count nothing (`itemsWritten` 0) — a resumed saga lists the order's items in Revel before
 * writing any, so items already there are adopted, never re-sent. The next save stores the new shape.
 */
const progressSchema = z
  .object({
    orderId: z
      .union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)])
      .nullish()
      .transform((id) => id ?? undefined),
    itemsWritten: z.number().int().nonnegative().default(0),
    totalsDone: z.boolean().default(false),
    feesWritten: z.number().int().nonnegative().optional(),
    paymentDone: z.boolean().default(false),
    paymentsWritten: z.number().int().nonnegative().optional(),
    historyDone: z.boolean().default(false),
    closeDone: z.boolean().optional(),
    planHash: z.string().min(1).optional(),
    establishmentId: z.number().int().positive().optional(),
    pending: pendingSchema.optional(),
    // The earlier format (read only).
    itemsDone: stringList.optional(),
    plannedItems: stringList.optional(),
  })
  .transform(({ itemsDone: _itemsDone, plannedItems, planHash, ...progress }): SagaProgress => {
    const hash = planHash ?? (plannedItems === undefined ? undefined : hashFingerprints(plannedItems));
    return { ...progress, ...(hash === undefined ? {} : { planHash: hash }) };
  });

const eventItemSchema = z.object({
  status: z
    .custom<LedgerRecord['status']>((v) => typeof v === 'string' && Object.hasOwn(knownStatuses, v), {
      message: 'not a known ledger status',
    })
    .optional()
    .transform((s) => s ?? 'new'),
  revelOrderId: descriptive,
  reason: descriptive,
  error: descriptive,
  correlationId: descriptive,
  eventUpdatedAt: descriptive,
  fingerprint: descriptive,
  // Steers only the fast path; anything unreadable means "not known to be foreign": Revel is asked again.
  foreignOrder: z.boolean().optional().catch(undefined),
  testEstablishmentId: z.number().int().positive().optional().catch(undefined),
  progress: progressSchema.optional().transform((p) => p ?? emptyProgress()),
  createdAt: z.string().optional().catch(undefined),
  updatedAt: z.string().optional().catch(undefined),
  leaseHolder: z.string().optional().catch(undefined),
  leaseExpiresAt: z.number().optional().catch(undefined),
});

/** Reads a stored event item into the engine's LedgerRecord; unknown attributes are ignored. */
export function parseLedgerItem(eventId: string, item: Record<string, unknown>): LedgerRecord {
  const data = parseWith(eventItemSchema, item, ({ path, message, issue }) => {
    const received = issue ? JSON.stringify(valueAt(item, issue.path)) : undefined;
    return new LedgerItemInvalidError(
      eventKey(eventId),
      path || '(item)',
      `${message} (stored: ${received ?? 'nothing'})`,
    );
  });
  return {
    eventId,
    status: data.status,
    revelOrderId: data.revelOrderId,
    reason: data.reason,
    error: data.error,
    correlationId: data.correlationId,
    eventUpdatedAt: data.eventUpdatedAt,
    ...(data.fingerprint === undefined ? {} : { fingerprint: data.fingerprint }),
    ...(data.foreignOrder === undefined ? {} : { foreignOrder: data.foreignOrder }),
    ...(data.testEstablishmentId === undefined ? {} : { testEstablishmentId: data.testEstablishmentId }),
    progress: data.progress,
    // Only a hand-written item lacks these: acquireLease always sets both.
    createdAt: data.createdAt ?? data.updatedAt ?? '',
    updatedAt: data.updatedAt ?? data.createdAt ?? '',
    leaseHolder: data.leaseHolder,
    leaseExpiresAt: data.leaseExpiresAt,
  };
}

function valueAt(item: unknown, path: readonly PropertyKey[]): unknown {
  let value = item;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value instanceof Set ? [...value] : value;
}
