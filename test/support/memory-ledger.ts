import { LeaseLostError } from '../../functions/core/domain/errors';
import {
  emptyProgress,
  type Ledger,
  type LedgerRecord,
  type OutcomeUpdate,
  type SagaProgress,
} from '../../functions/core/ports/ledger';

/** An in-memory Ledger with the same lease rules as the DynamoDB adapter, for engine unit tests. */
export class MemoryLedger implements Ledger {
  readonly records = new Map<string, LedgerRecord>();
  constructor(private readonly now: () => number = Date.now) {}

  async acquireLease(eventId: string, holder: string, ttlMs: number): Promise<LedgerRecord | undefined> {
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
    this.records.set(eventId, record);
    return structuredClone(record);
  }

  async saveProgress(eventId: string, holder: string, progress: SagaProgress): Promise<void> {
    this.held(eventId, holder).progress = structuredClone(progress);
  }

  async recordOutcome(eventId: string, holder: string, outcome: OutcomeUpdate): Promise<void> {
    const record = this.held(eventId, holder);
    Object.assign(record, outcome, { updatedAt: new Date(this.now()).toISOString() });
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

  private held(eventId: string, holder: string): LedgerRecord {
    const record = this.records.get(eventId);
    if (!record || record.leaseHolder !== holder || (record.leaseExpiresAt ?? 0) < this.now()) {
      throw new LeaseLostError(eventId);
    }
    return record;
  }
}
