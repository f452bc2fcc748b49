import { createHash } from 'node:crypto';
import { InputError } from '../core/domain/errors';

/**
 * Keys, TTLs and the table shape of the ledger (documented in ledger-table.ts). Free of zod on
 * purpose: the webhook verifier's delivery log imports this, and its bundle is its cold start.
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
export const counterKey = (name: string): string => `COUNTER#${nonEmpty('name', name)}`;

/** The verifier's IAM policy is limited to items whose key starts with this (lib/stack.ts). */
export const DELIVERY_KEY_PREFIX = 'DELIVERY#';

/** Hashed so any delivery key fits a partition key (2 KB limit) and reveals nothing of the payload. */
export const deliveryKey = (key: string): string =>
  `${DELIVERY_KEY_PREFIX}${createHash('sha256').update(nonEmpty('key', key)).digest('hex')}`;

/** The TTL attribute's value: DynamoDB TTL reads epoch seconds, not milliseconds (AWS TTL docs). */
export const ttlEpochSeconds = (fromMs: number, days: number): number =>
  Math.floor(fromMs / 1000) + days * 86_400;
