import type { DriftField } from '../drift/fingerprint';
import type { EventOutcomeStatus } from '../ports/ledger';

/** One event's line in a summary (wire shape kept compatible with the system this replaces). */
export interface EventResult {
  id: string;
  name: string | null;
  /** Local start `YYYY-MM-DDTHH:mm:ss`, else the event day. */
  date: string | null;
  status: EventOutcomeStatus;
  revel_order_id: string | null;
  reason: string | null;
  error: string | null;
  /** Present on failures: whether a later attempt can succeed without anyone changing anything. */
  retryable?: boolean;
  /**
   * An injected event that TripleSeat now shows differently from what its order was built from
   * (core/drift/watch-drift.ts): which fields differ, and when that change was first seen.
   */
  drift?: { fields: DriftField[]; detected_at: string };
}

export interface SyncSummary {
  success: boolean;
  mode: 'single' | 'bulk';
  correlation_id: string;
  dry_run: boolean;
  summary: {
    queried: number;
    injected: number;
    skipped: number;
    failed: number;
    in_progress: number;
    would_inject: number;
  };
  events: EventResult[];
  /** A bulk run stopped at the time limit: events found but never started (the next run reaches them). */
  incomplete?: { not_started: number };
}

export function summarise(
  mode: SyncSummary['mode'],
  correlationId: string,
  dryRun: boolean,
  events: EventResult[],
): SyncSummary {
  const count = (status: EventOutcomeStatus) => events.filter((e) => e.status === status).length;
  const failed = count('failed');
  return {
    success: failed === 0,
    mode,
    correlation_id: correlationId,
    dry_run: dryRun,
    summary: {
      queried: events.length,
      injected: count('injected'),
      skipped: count('skipped'),
      failed,
      in_progress: count('in_progress'),
      would_inject: count('would_inject'),
    },
    events,
  };
}

/** A run that left events unstarted did not succeed, whatever happened to the events it reached. */
export function markIncomplete(summary: SyncSummary, notStarted: number): SyncSummary {
  if (notStarted === 0) return summary;
  return { ...summary, success: false, incomplete: { not_started: notStarted } };
}
