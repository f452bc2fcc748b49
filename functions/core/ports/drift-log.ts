import type { DriftField, FieldChange, FingerprintPayments } from '#functions/core/domain/event-fingerprint';

/** One line added to an injected order under `drift.policy: append-missing-items`. */
export interface AppendedLine {
  name: string;
  quantity: number;
  /** With the name, the line's identity (fingerprint.ts `lineKey`); absent in records before it was kept. */
  unitPriceCents?: number | undefined;
}

/** One distinct change of an injected event: one record, one alert mail. */
export interface DriftChange {
  /** Hash of the event's fingerprint as seen: the same state seen again is the same change. */
  hash: string;
  fields: DriftField[];
  changes: FieldChange[];
  /** ISO instant (injected Clock) at which this change was first seen. */
  detectedAt: string;
  /** Lines added to the order for this change (append-missing-items); absent under `alert`. */
  appended?: AppendedLine[] | undefined;
  /** Why the missing lines could not be added (Revel refused them): the alert says so. */
  appendError?: string | undefined;
  /** For a change of the kitchen's information under `drift.notes: update`: what became of the order's notes. */
  notesUpdate?: NotesUpdate | undefined;
  /** For a change of the payments under `drift.payments: append`: what was written to the Revel order. */
  paymentsUpdate?: PaymentsUpdate | undefined;
}

/** One payment written to a Revel order after injection. */
export interface WrittenPayment {
  cents: number;
  /** The Revel Payment's `created_date` (naive local): with tender and amount, its re-find key. */
  createdDate: string;
}

/** What became of the Revel order after TripleSeat's payments changed. */
export interface PaymentsUpdate {
  /** Payments written (or found already written) for this change; empty when none were. */
  written: WrittenPayment[];
  /** The order's `remaining_due` as now written; undefined when it was not written. */
  remainingDueCents?: number | undefined;
  /** The order was closed through its OrderHistory row by this change. */
  closed: boolean;
  /** Why nothing (or not everything) was written; undefined when everything was. */
  notDone?: string | undefined;
}

/** The order's notes rewritten after a kitchen change (`updated`), or why not (`detail`). */
export interface NotesUpdate {
  updated: boolean;
  /** The notes as now written, or why they were not. */
  detail: string;
}

/** What is known of an injected event's changes since its order was written. */
export interface DriftState {
  eventId: string;
  revelOrderId: string;
  /** TripleSeat `updated_at` when the event was last compared: an unchanged listing needs no fetch. */
  seenUpdatedAt: string | undefined;
  /**
   * When that `updated_at` was read (ISO, our clock, taken before the fetch): a value written only to
   * the minute is trusted as unchanged only once read after its minute (core/domain/updated-at.ts, sameSave).
   */
  seenAt?: string | undefined;
  /** The change in force now; undefined when the event is again as the order was built. */
  current: DriftChange | undefined;
  /** Every distinct change seen, oldest first (the latest few). */
  history: DriftChange[];
  /**
   * Every line added to the order since injection, summed per line (append-missing-items): what the
   * order holds beyond its fingerprint, so a later change never adds the same line again.
   */
  appendedLines?: AppendedLine[] | undefined;
  /**
   * The kitchen information an order injected before fingerprints held it is compared against: the
   * first one seen (so an upgraded record raises no alert for what it never knew).
   */
  kitchenBaseline?: string[] | undefined;
  /** The same for payments: the first payments seen of an order whose fingerprint predates them. */
  paymentsBaseline?: FingerprintPayments | undefined;
}

/** Drift records on the ledger table (platform/drift-log-dynamodb.ts), one item per injected event. */
export interface DriftLog {
  getDrift(eventId: string): Promise<DriftState | undefined>;
  putDrift(state: DriftState): Promise<void>;
}
