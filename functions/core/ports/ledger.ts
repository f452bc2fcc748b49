/** Progress of the order-writing saga, persisted after every step so a crash resumes, never repeats. */
export interface SagaProgress {
  orderId: number | undefined;
  /** Uuids of the OrderItems known to exist in Revel. */
  itemsDone: string[];
  totalsDone: boolean;
  paymentDone: boolean;
  historyDone: boolean;
  /**
   * The planned item uuids and establishment, saved with the order id: a resumed run whose plan
   * differs (the event was edited in between) must not append to the half-written order.
   */
  plannedItems?: string[] | undefined;
  establishmentId?: number | undefined;
}

export const emptyProgress = (): SagaProgress => ({
  orderId: undefined,
  itemsDone: [],
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
