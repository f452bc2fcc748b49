import { createHash } from 'node:crypto';
import { InputError } from '#functions/core/domain/errors';

/**
 * The ledger table: one DynamoDB table, one string partition key `pk`, no sort key, no indexes.
 *
 *   pk = EVENT#<eventId>   one TripleSeat event: what was done to it, and who may write it now
 *     status             new | writing | injected | skipped | failed | in_progress | would_inject
 *                        (absent until the first outcome: read as 'new')
 *     revelOrderId, reason, error, correlationId, eventUpdatedAt   strings, absent when unknown
 *     fingerprint        JSON of what the order was built from (core/drift/fingerprint.ts), set at injection
 *     testEstablishmentId  number: the order went to connector.testLocation's establishment, absent otherwise
 *     progress           map { orderId?: number, itemsWritten: number (plan lines written, in order),
 *                              totalsDone, paymentDone, historyDone: boolean, planHash?: string,
 *                              establishmentId?: number, pending?: { step, uuid, since } }
 *                        — the same size for any line count (earlier items' itemsDone/plannedItems
 *                        lists are migrated on read: platform/ledger-item.ts)
 *     createdAt, updatedAt   ISO-8601 instants
 *     leaseHolder        who may write now; leaseExpiresAt (epoch ms) ends that by itself;
 *     leaseTtlMs         the lease length asked for, reused to renew the lease on every write
 *     expiresAt          epoch SECONDS, the TTL attribute: 400 days after the last update
 *   pk = LEASE#<name>      a named lease (scheduled runs must not overlap): leaseHolder,
 *                          leaseExpiresAt, leaseTtlMs, expiresAt = lease end + 1 day
 *   pk = RUN#<runId>       a bulk run's JSON summary: summary, createdAt, updatedAt, expiresAt (30 days)
 *   pk = DRIFT#<eventId>   changes seen in an injected event since its order was written
 *                          (platform/drift-log-dynamodb.ts): record (JSON), updatedAt, expiresAt (400 days)
 *   pk = PREFLIGHT#latest  the latest preflight check of upcoming events (platform/preflight-store-dynamodb.ts):
 *                          report (JSON), expiresAt (30 days)
 *   pk = DOCTOR#latest     the last `npm run doctor` report (platform/doctor-reports-dynamodb.ts):
 *                          report (JSON), expiresAt (400 days)
 *   pk = DIGEST#schedule   the failures the last scheduled-run digest mailed, and when (platform/digest-marks-dynamodb.ts):
 *                          mark (JSON), expiresAt (30 days)
 *   pk = DELIVERY#<sha256> a webhook delivery already accepted: deliveredAt, expiresAt (ttlDays later)
 *   pk = COUNTER#<name>    a number shared by every sync, e.g. consecutive-failed-injections: streak;
 *                          no TTL (one small item that must outlive quiet weeks)
 *   pk = RUNTIME#settings  the operator's runtime switches (connectorEnabled, dryRun, testEstablishment,
 *                          changedBy, changedAt); no TTL. platform/runtime-overrides-dynamodb.ts
 *   pk = RUNTIME#mappings  the operator's runtime product mappings: mappings = map { <key>: entry }; no TTL
 *   pk = AUDIT#<YYYY-MM-DD> the operator changes of one UTC day: count = entries numbered so far (older
 *                          days may also hold entries = list of { at, operator, action, change })
 *   pk = AUDIT#<YYYY-MM-DD>#<n> entry n of that day: at, operator, action, change, outcome
 *                          (pending | applied | failed), result; expiresAt 400 days. platform/audit-trail-dynamodb.ts
 *   pk = ATTEMPTS#<eventId> every outcome recorded for the event: attempts = list of { at, outcome,
 *                          reason, correlationId, revelOrderId }; expiresAt 400 days
 *   pk = RATE#<vendor>     the vendor's request pace, shared by every sync instance: slotAt = the
 *                          latest start slot handed out (epoch ms); no TTL (one small item per
 *                          vendor). Written by functions/platform/rate-limiter-dynamodb.ts only
 *
 * Leases are time-based and checked in condition expressions, never by TTL: DynamoDB TTL deletes
 * "within a few days" of expiry (AWS TTL docs), far too late to free a lease.
 *
 * Keys, TTLs and the table shape live here, free of zod on purpose: the webhook verifier's delivery
 * log imports this, and its bundle is its cold start.
 */
export const ledgerTableDefinition = {
  partitionKey: { name: 'pk', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
  billingMode: 'PAY_PER_REQUEST',
} as const;

export const EVENT_RECORD_TTL_DAYS = 400;
export const RUN_RECORD_TTL_DAYS = 30;
export const NAMED_LEASE_TTL_DAYS = 1;

const nonEmpty = (field: string, value: string): string => {
  if (value.length === 0) throw new InputError(field, `${field} must not be empty`);
  return value;
};

export const eventKey = (eventId: string): string => `EVENT#${nonEmpty('eventId', eventId)}`;
export const namedLeaseKey = (name: string): string => `LEASE#${nonEmpty('name', name)}`;
export const runKey = (runId: string): string => `RUN#${nonEmpty('runId', runId)}`;
export const driftKey = (eventId: string): string => `DRIFT#${nonEmpty('eventId', eventId)}`;
export const writeBackKey = (eventId: string): string => `WRITEBACK#${nonEmpty('eventId', eventId)}`;
export const PREFLIGHT_KEY = 'PREFLIGHT#latest';
export const DOCTOR_KEY = 'DOCTOR#latest';
export const SCHEDULED_DIGEST_KEY = 'DIGEST#schedule';
export const counterKey = (name: string): string => `COUNTER#${nonEmpty('name', name)}`;

export const RUNTIME_SETTINGS_KEY = 'RUNTIME#settings';
export const RUNTIME_MAPPINGS_KEY = 'RUNTIME#mappings';
export const AUDIT_RECORD_TTL_DAYS = 400;
export const auditKey = (day: string): string => `AUDIT#${nonEmpty('day', day)}`;
/** Zero-padded so the keys of one day sort in their order. */
export const auditEntryKey = (day: string, n: number): string =>
  `${auditKey(day)}#${String(n).padStart(8, '0')}`;
export const attemptsKey = (eventId: string): string => `ATTEMPTS#${nonEmpty('eventId', eventId)}`;
export const RUN_KEY_PREFIX = 'RUN#';

/** Where the vendors' shared request pace is kept; the sync role alone writes it (lib/stack.ts). */
export const RATE_LIMIT_KEY_PREFIX = 'RATE#';
export const rateLimitKey = (vendor: string): string =>
  `${RATE_LIMIT_KEY_PREFIX}${nonEmpty('vendor', vendor)}`;

/** The verifier's IAM policy is limited to items whose key starts with this (lib/stack.ts). */
export const DELIVERY_KEY_PREFIX = 'DELIVERY#';

/** Hashed so any delivery key fits a partition key (2 KB limit) and reveals nothing of the payload. */
export const deliveryKey = (key: string): string =>
  `${DELIVERY_KEY_PREFIX}${createHash('sha256').update(nonEmpty('key', key)).digest('hex')}`;

/** The TTL attribute's value: DynamoDB TTL reads epoch seconds, not milliseconds (AWS TTL docs). */
export const ttlEpochSeconds = (fromMs: number, days: number): number =>
  Math.floor(fromMs / 1000) + days * 86_400;
