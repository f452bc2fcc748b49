import type { EventSearch, RevelOrder, RevelOrderItem, RevelProduct, TripleSeatEvent } from '../domain/model';

/** What the engine needs from TripleSeat (implemented by tripleseat/client.ts). */
export interface TripleSeatApi {
  /** `GET /v1/events/{id}.json?show_financial=true`. Throws VendorError TRIPLESEAT_NOT_FOUND on 404. */
  getEvent(eventId: string): Promise<TripleSeatEvent>;
  /** `GET /v1/events/search.json`, every page; list items carry no financials. */
  searchEvents(search: EventSearch): Promise<TripleSeatEvent[]>;
  /** The invoice portal page (no auth); returns the HTML text. */
  fetchInvoiceHtml(url: string): Promise<string>;
}

/** Plain JSON body the order writer builds; the client only sends it. */
export type RevelBody = Record<string, unknown>;

/** What the engine and order writer need from Revel (implemented by revel/client.ts). */
export interface RevelApi {
  /** Every product of the establishment (all pages), cached per establishment by the client. */
  listProducts(establishmentId: number): Promise<RevelProduct[]>;
  /** Orders whose `local_id` equals one of `localIds` exactly (Revel's filter is not trusted alone). */
  findOrdersByLocalId(establishmentId: number, localIds: readonly string[]): Promise<RevelOrder[]>;
  createOrder(body: RevelBody): Promise<RevelOrder>;
  updateOrder(orderId: number, patch: RevelBody): Promise<void>;
  listOrderItems(orderId: number): Promise<RevelOrderItem[]>;
  createOrderItem(body: RevelBody): Promise<RevelOrderItem>;
  /** Uuids of the payments already attached to the order. */
  listPaymentUuids(orderId: number): Promise<string[]>;
  createPayment(body: RevelBody): Promise<{ id: number }>;
  /** Number of OrderHistory rows already attached to the order. */
  countOrderHistory(orderId: number): Promise<number>;
  createOrderHistory(body: RevelBody): Promise<{ id: number }>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

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

/**
 * Failed injections in a row across every sync running at once (shared state, not per invocation):
 * what the ConsecutiveFailedInjections alarm reads. An injection resets it.
 */
export interface FailureStreak {
  /** Records one injection attempt; returns the streak it leaves (0 after an injection). */
  recordInjectionOutcome(failed: boolean): Promise<number>;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** An e-mail, already rendered (text and escaped HTML). */
export interface MailMessage {
  from: string;
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
  /** Carried as a header so a mail can be traced back to the run that sent it. */
  correlationId: string;
}

/** SES in AWS, `.eml` files in a local outbox folder locally. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** A bulk run's progress and final summary, kept in the ledger for `GET /api/sync/runs/{id}`. */
export interface RunRecord {
  runId: string;
  state: 'queued' | 'running' | 'finished' | 'failed';
  trigger: 'manual' | 'schedule';
  hoursBack: number;
  dryRun: boolean;
  correlationId: string;
  createdAt: string;
  updatedAt: string;
  /** Events processed so far (progress while running). */
  processed: number;
  /** The final summary (SyncSummary JSON) once finished; the error message if failed. */
  summary?: unknown;
  error?: string;
}

export interface RunStore {
  putRun(run: RunRecord): Promise<void>;
  getRun(runId: string): Promise<RunRecord | undefined>;
}

/** Run-level lock (scheduled runs must never overlap), on the same table as the event leases. */
export interface RunLock {
  acquireNamedLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  releaseNamedLease(name: string, holder: string): Promise<void>;
}

/** Remembers webhook deliveries so a re-sent delivery is answered `duplicate` (≥ 3 days). */
export interface DeliveryLog {
  /** True the first time a key is seen; false when it was remembered already. */
  rememberDelivery(key: string, ttlDays: number): Promise<boolean>;
  /** Undoes `rememberDelivery` when the delivery could not be enqueued, so TripleSeat's retry is not lost. */
  forgetDelivery(key: string): Promise<void>;
}
