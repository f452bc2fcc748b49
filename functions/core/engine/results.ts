import type { DriftField } from '#functions/core/domain/event-fingerprint';
import type { FailureDetails, MoneySummary } from '#functions/core/money/money-summary';
import type { EventOutcomeStatus } from '#functions/core/ports/ledger';

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
  /** Present on `injected`: the order's money, for the mails (money-summary.ts). */
  money?: MoneySummary;
  /**
   * Present on some failures: the figures that disagree (money-summary.ts); with
   * RECONCILIATION_MISMATCH, TripleSeat's figure beside what the Revel order holds.
   */
  details?: FailureDetails;
  /**
   * An injected event that TripleSeat now shows differently from what its order was built from
   * (core/engine/watch-drift.ts): which fields differ, and when that change was first seen.
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
  /**
   * A fanned-out run's routine skips (core/bulk/run-record-results.ts): counted in `summary`, not
   * listed in `events`, so the run record stays one DynamoDB item.
   */
  events_omitted?: number;
  /**
   * A bulk run stopped at its time limit: `not_started` — events found but never handed on (the next
   * run reaches them); `still_queued` — events on the queue whose outcome had not come in (their
   * messages are still handled; the ledger and the next run show the outcome).
   */
  incomplete?: { not_started: number; still_queued?: number };
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
    events: mode === 'bulk' ? events.map(withoutItems) : events,
  };
}

/**
 * A bulk summary is stored in the run record (one DynamoDB item, at most 400 KB) and mailed as a
 * digest of totals: its events keep their money totals but not their items tables.
 */
export function withoutItems(event: EventResult): EventResult {
  if (event.money?.items === undefined) return event;
  const { items: _items, ...totals } = event.money;
  return { ...event, money: totals };
}

/** A run that left events unstarted did not succeed, whatever happened to the events it reached. */
export function markIncomplete(summary: SyncSummary, notStarted: number): SyncSummary {
  if (notStarted === 0) return summary;
  return { ...summary, success: false, incomplete: { not_started: notStarted } };
}
