import type { EventFingerprint } from '#functions/core/domain/event-fingerprint';
import type { EventInvoice, TripleSeatEvent } from '#functions/core/domain/model';
import type {
  AppendedLine,
  DriftChange,
  DriftLog,
  NotesUpdate,
  PaymentsUpdate,
} from '#functions/core/ports/drift-log';
import type { LedgerRecord } from '#functions/core/ports/ledger';

// What the drift watch (watch-drift.ts) is handed by the composition root: its own file, so the
// engine's dependencies can name it without importing the watch (no import circle).

/**
 * Writes the payments made in TripleSeat since `before` to the Revel order, then its amount due and
 * its close; lives in append-payments.ts. Never throws an AppError (the outcome says why not);
 * a create still settling (WriteSettlingError) propagates, so the change is looked at again.
 */
export type AppendPayments = (input: {
  record: LedgerRecord;
  before: EventFingerprint;
  after: EventFingerprint;
  event: TripleSeatEvent;
  holder: string;
}) => Promise<PaymentsUpdate>;

/** One new change of an injected event, for its alert mail. */
export interface DriftAlert {
  eventId: string;
  eventName: string | null;
  revelOrderId: string;
  change: DriftChange;
  policy: 'alert' | 'append-missing-items';
  correlationId: string;
}

/**
 * Adds what the order lacks (append-missing-items), or says why not; lives in append-missing.ts and
 * is handed in so this file stays free of the order saga.
 */
export type AppendMissing = (input: {
  record: LedgerRecord;
  before: EventFingerprint;
  after: EventFingerprint;
  /** Lines earlier changes already added (DriftState.appendedLines): the order holds them too. */
  appendedSoFar: readonly AppendedLine[];
  event: TripleSeatEvent;
  /** The event's items now (undefined when they do not add up: then nothing is added). */
  invoice: EventInvoice | undefined;
  holder: string;
}) => Promise<DriftChange['appended']>;

export interface DriftDeps {
  log: DriftLog;
  /** Sends one alert (the composition root: an `alert` mail, drift-mails.ts). Must not throw. */
  alert(alert: DriftAlert): Promise<void>;
  /** Present when `drift.policy` is `append-missing-items`. */
  appendMissing?: AppendMissing | undefined;
  /** Present when `drift.notes` is `update`: rewrites the order's notes after a kitchen change (update-notes.ts). */
  updateNotes?: UpdateNotes | undefined;
  /** Present when `drift.payments` is `append`: writes payments made since to the order (append-payments.ts). */
  appendPayments?: AppendPayments | undefined;
  /**
   * Report drift on results without recording it, alerting or appending (the command line): the
   * change stays new for the Lambdas, which alert it.
   */
  readOnly?: boolean | undefined;
}

/** Rewrites an injected order's notes after a kitchen change (watch-drift.ts); never throws an AppError. */
export type UpdateNotes = (input: {
  record: LedgerRecord;
  event: TripleSeatEvent;
  invoice: EventInvoice | undefined;
}) => Promise<NotesUpdate>;
