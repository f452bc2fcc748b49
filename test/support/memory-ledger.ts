import { InputError, LeaseLostError } from '#functions/core/domain/errors';
import {
  emptyProgress,
  type Ledger,
  type LedgerRecord,
  type OutcomeUpdate,
  type SagaProgress,
} from '#functions/core/ports/ledger';

/**
 * An in-memory Ledger with the same lease rules as the DynamoDB adapter, for engine unit tests;
 * test/contract/ledger-contract.ts holds both to the same behaviour.
 */
export class MemoryLedger implements Ledger {
  readonly records = new Map<string, LedgerRecord>();
  /** Each event's lease length, by which every write under the lease renews it. */
  private readonly leaseTtls = new Map<string, number>();
  constructor(private readonly now: () => number = Date.now) {}

  async acquireLease(eventId: string, holder: string, ttlMs: number): Promise<LedgerRecord | undefined> {
    if (eventId.length === 0) throw new InputError('eventId', 'eventId must not be empty');
    if (!Number.isInteger(ttlMs) || ttlMs <= 0) {
      throw new InputError('ttlMs', `lease ttl must be a positive whole number of ms, got ${ttlMs}`);
    }
    const existing = this.records.get(eventId);
    const at = this.now();
    if (existing?.leaseHolder && existing.leaseHolder !== holder && (existing.leaseExpiresAt ?? 0) >= at)
      return undefined;
    const iso = new Date(at).toISOString();
    const record: LedgerRecord = existing ?? {
      eventId,
      status: 'new',
      revelOrderId: undefined,
      reason: undefined,
      error: undefined,
      correlationId: undefined,
      eventUpdatedAt: undefined,
      progress: emptyProgress(),
      createdAt: iso,
      updatedAt: iso,
      leaseHolder: undefined,
      leaseExpiresAt: undefined,
    };
    record.leaseHolder = holder;
    record.leaseExpiresAt = at + ttlMs;
    this.leaseTtls.set(eventId, ttlMs);
    this.records.set(eventId, record);
    return structuredClone(record);
  }

  async saveProgress(eventId: string, holder: string, progress: SagaProgress): Promise<void> {
    this.held(eventId, holder).progress = structuredClone(progress);
  }

  async recordOutcome(eventId: string, holder: string, outcome: OutcomeUpdate): Promise<void> {
    Object.assign(this.held(eventId, holder), outcome);
  }

  async releaseLease(eventId: string, holder: string): Promise<void> {
    const record = this.records.get(eventId);
    if (record?.leaseHolder === holder) {
      record.leaseHolder = undefined;
      record.leaseExpiresAt = undefined;
    }
  }

  async get(eventId: string): Promise<LedgerRecord | undefined> {
    const record = this.records.get(eventId);
    return record ? structuredClone(record) : undefined;
  }

  /** The record, if `holder` still has a live lease on it, stamped and with the lease renewed. */
  private held(eventId: string, holder: string): LedgerRecord {
    const record = this.records.get(eventId);
    const at = this.now();
    if (!record || record.leaseHolder !== holder || (record.leaseExpiresAt ?? 0) < at) {
      throw new LeaseLostError(eventId);
    }
    record.leaseExpiresAt = at + (this.leaseTtls.get(eventId) ?? 0);
    record.updatedAt = new Date(at).toISOString();
    return record;
  }
}
