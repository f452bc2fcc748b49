import type { SyncTrigger } from '#functions/core/contract/sync-trigger';
/** A saga step that creates a row in Revel (each is marked pending before it is sent). */
export type CreateStep = 'order' | 'item' | 'fee' | 'payment' | 'history';

/**
 * A create sent (or about to be sent) whose outcome is not yet known: it may still land in Revel.
 * Nobody re-sends it before the settle time has passed (docs/decisions/0008-pending-creates-and-settle-time.md).
 */
export interface PendingCreate {
  step: CreateStep;
  /** The row's uuid (for history, which has none, the order's uuid). */
  uuid: string;
  /** ISO time (injected Clock) at which the create was marked pending, just before it was sent. */
  since: string;
}

/**
 * Progress of the order-writing saga, persisted as it goes so a crash resumes, never repeats. Its
 * size does not grow with the number of lines: items are written in plan order, so a count says
 * which exist, and the plan is remembered by one hash.
 */
export interface SagaProgress {
  orderId: number | undefined;
  /** How many of the plan's lines, in plan order, are known to exist in Revel as OrderItems. */
  itemsWritten: number;
  totalsDone: boolean;
  /** How many of the plan's service fees, in plan order, exist in Revel (absent: none). */
  feesWritten?: number | undefined;
  /** Earlier records' single payment (read only; the plan's payments are counted by `paymentsWritten`). */
  paymentDone: boolean;
  /** How many of the plan's payments, in plan order, exist in Revel (absent: none). */
  paymentsWritten?: number | undefined;
  historyDone: boolean;
  /** The order is closed through OrderHistory (plans with `close` only). */
  closeDone?: boolean | undefined;
  /**
   * Hash of the planned lines and establishment the order was started with: a resumed run whose
   * plan differs (the event was edited in between) must not append to the half-written order.
   */
  planHash?: string | undefined;
  establishmentId?: number | undefined;
  /** The create whose outcome is not yet known, if any. */
  pending?: PendingCreate | undefined;
}

export const emptyProgress = (): SagaProgress => ({
  orderId: undefined,
  itemsWritten: 0,
  totalsDone: false,
  paymentDone: false,
  historyDone: false,
});

export type EventOutcomeStatus = 'injected' | 'skipped' | 'failed' | 'in_progress' | 'would_inject';

/** What the ledger remembers of one event. */
export interface LedgerRecord {
  eventId: string;
  /** `'new'`: the lease was taken but no outcome has been recorded yet. */
  status: EventOutcomeStatus | 'writing' | 'new';
  revelOrderId: string | undefined;
  reason: string | undefined;
  error: string | undefined;
  correlationId: string | undefined;
  /** TripleSeat's `updated_at` when the outcome was recorded ("has the event changed since?"). */
  eventUpdatedAt: string | undefined;
  /** What the order was built from (core/drift/fingerprint.ts, as JSON), recorded with the injection. */
  fingerprint?: string | undefined;
  /**
   * True with `skipped` DUPLICATE when `revelOrderId` is someone else's order (the old connector's,
   * a person's) found by local_id, not one we wrote or adopted (core/engine/event-outcome.ts, fastPath).
   */
  foreignOrder?: boolean | undefined;
  /**
   * The order went to the test establishment (connector.testLocation, this id), not the event's own:
   * once the switch is off it does not hold the event for the real establishment (core/engine/test-diversion.ts).
   */
  testEstablishmentId?: number | undefined;
  progress: SagaProgress;
  createdAt: string;
  updatedAt: string;
  leaseHolder: string | undefined;
  leaseExpiresAt: number | undefined;
}

export interface OutcomeUpdate {
  status: EventOutcomeStatus | 'writing';
  revelOrderId?: string | undefined;
  reason?: string | undefined;
  error?: string | undefined;
  correlationId?: string | undefined;
  eventUpdatedAt?: string | undefined;
  fingerprint?: string | undefined;
  foreignOrder?: boolean | undefined;
  testEstablishmentId?: number | undefined;
  /** How the sync was started (kept in the attempt log, not on the record). */
  trigger?: SyncTrigger | undefined;
}

/**
 * Durable per-event memory with a self-expiring lease (implemented by platform/ledger-dynamodb.ts).
 * Every write after `acquireLease` is conditional on still holding the lease and throws
 * LeaseLostError otherwise.
 */
export interface Ledger {
  /** Takes the lease when free or expired; returns the current record, or undefined if another holder has it. */
  acquireLease(eventId: string, holder: string, ttlMs: number): Promise<LedgerRecord | undefined>;
  saveProgress(eventId: string, holder: string, progress: SagaProgress): Promise<void>;
  recordOutcome(eventId: string, holder: string, outcome: OutcomeUpdate): Promise<void>;
  /** Releases the lease if still held by `holder` (no-op otherwise). */
  releaseLease(eventId: string, holder: string): Promise<void>;
  get(eventId: string): Promise<LedgerRecord | undefined>;
}
