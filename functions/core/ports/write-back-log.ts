/** The notes the sync writes on a TripleSeat event: one when the order is written, one when it is paid. */
export type NoteKind = 'injected' | 'paid';

/** A note known to be on the event: written by us, or found again by its marker after a lost answer. */
export interface WrittenNote {
  kind: NoteKind;
  noteId: string;
  /** ISO instant (injected Clock) at which the note was written or found. */
  at: string;
  /** True when the note was found on the event by its marker rather than written by this attempt. */
  found: boolean;
}

/** Why the last attempt to write a note failed; cleared by the next attempt that writes or finds it. */
export interface WriteBackError {
  kind: NoteKind;
  message: string;
  at: string;
  retryable: boolean;
}

/** What is known of one event's notes for one Revel order. */
export interface WriteBackState {
  eventId: string;
  revelOrderId: string;
  notes: WrittenNote[];
  error?: WriteBackError | undefined;
}

/** Write-back records on the ledger table (platform/write-back-log-dynamodb.ts), one item per event. */
export interface WriteBackLog {
  getWriteBack(eventId: string): Promise<WriteBackState | undefined>;
  putWriteBack(state: WriteBackState): Promise<void>;
}
