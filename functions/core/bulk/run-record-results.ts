import type { SyncConfig } from '#functions/core/config/sync-config';
import { SkipReason } from '#functions/core/domain/reasons';
import type { EventResult, SyncSummary } from '#functions/core/engine/results';
import { notWrittenToday } from '#functions/core/notify/not-written-today';

/** Counts per status, as a summary's `summary` (without `queried`). */
export type StatusCounts = Omit<SyncSummary['summary'], 'queried'>;

const STATUSES = ['injected', 'skipped', 'failed', 'in_progress', 'would_inject'] as const;

/**
 * Skips every listing is full of (tomorrow's events, past days, tentative ones): a run record counts
 * them but does not keep them, so a run of thousands of listed events fits one DynamoDB item (400 KB)
 * — docs/decisions/0019-bulk-runs-plan-then-fan-out.md. DUPLICATE is kept: it names the order an event
 * already has (ours, a backfilled one, someone else's), which the run page and `ops runs` report, and
 * there are only as many as orders written.
 */
const ROUTINE_SKIPS: readonly string[] = [
  SkipReason.TOO_EARLY,
  SkipReason.EVENT_DAY_PASSED,
  SkipReason.STATUS_NOT_ELIGIBLE,
];

/**
 * True for a result the run record only counts. A skip the digest's "not written today" list needs
 * (at any time from `from` to `until`, the run's deadline) is kept, and so is one that carries a change
 * since injection (`drift`: the digest and the run page report it).
 */
export function isRoutine(result: EventResult, config: SyncConfig, from: Date, until: Date): boolean {
  if (result.status !== 'skipped' || result.reason === null || !ROUTINE_SKIPS.includes(result.reason))
    return false;
  if (result.drift !== undefined) return false;
  return (
    notWrittenToday([result], config, from).length === 0 &&
    notWrittenToday([result], config, until).length === 0
  );
}

/*
 * A run record is one DynamoDB item (400 KB) until it finishes: planning's lines, then one line per
 * queued event (the DynamoDB adapter keeps those short once the item nears its limit), then the
 * finished summary in their place. Lines are kept most urgent first within a budget of JSON bytes;
 * the rest are counted in `events_omitted` — the ledger keeps every event's outcome.
 */
/** Planning's share of the running record: room is left for the queue's lines. */
export const PLANNING_LINES_BYTES = 100_000;
/** A finished run's listing (≈ 350–700 lines). */
export const LISTED_LINES_BYTES = 250_000;

/** What an operator must see first when a run lists fewer lines than it has: failures, then the rest. */
const LISTING_ORDER: readonly string[] = ['failed', 'in_progress', 'skipped', 'would_inject', 'injected'];

/** The most urgent of `results` whose JSON fits `budgetBytes`, by event id. */
export function listedResults<T extends { id: string; status: string }>(
  results: readonly T[],
  budgetBytes: number,
): T[] {
  const rank = (r: T) => LISTING_ORDER.indexOf(r.status);
  const byUrgency = [...results].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  const kept: T[] = [];
  let used = 0;
  for (const result of byUrgency) {
    used += JSON.stringify(result).length + 1;
    if (used > budgetBytes) break;
    kept.push(result);
  }
  return kept.sort((a, b) => a.id.localeCompare(b.id));
}

export function noCounts(): StatusCounts {
  return { injected: 0, skipped: 0, failed: 0, in_progress: 0, would_inject: 0 };
}

/** Adds the statuses of `outcomes` (stored JSON, read tolerantly) to `counts`. */
export function addCounts(counts: StatusCounts, outcomes: readonly unknown[]): StatusCounts {
  const total = { ...counts };
  for (const outcome of outcomes) {
    const status = statusOf(outcome);
    const known = STATUSES.find((s) => s === status);
    if (known) total[known] += 1;
  }
  return total;
}

function statusOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || !('status' in value)) return undefined;
  return typeof value.status === 'string' ? value.status : undefined;
}
