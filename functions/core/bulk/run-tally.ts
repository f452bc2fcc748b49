import type { RunProgress } from '#functions/core/contract/operator-api/runs';
import type { RunRecord, RunStore } from '#functions/core/ports/runs';

/** A fanned-out run's counts so far: what `GET /api/sync/runs/{id}` and `npm run ops -- runs` show. */
/** A planned run's counts (the operator API's `progress`, core/contract/operator-api/runs.ts). */
export type RunTally = RunProgress;

const STATUSES = ['injected', 'skipped', 'failed', 'in_progress', 'would_inject'] as const;

function statusOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || !('status' in value)) return undefined;
  return typeof value.status === 'string' ? value.status : undefined;
}

/** Undefined for a run not planned yet (queued, or failed while planning) or recorded before fan-out. */
export async function tallyRun(
  run: RunRecord,
  runs: Pick<RunStore, 'runResults'>,
): Promise<RunTally | undefined> {
  if (run.listed === undefined || run.queued === undefined) return undefined;
  const summary = run.summary as { events?: unknown[]; incomplete?: { still_queued?: number } } | undefined;
  const outcomes =
    run.state === 'finished'
      ? (summary?.events ?? [])
      : [...(run.planningResults ?? []), ...(await runs.runResults(run.runId))];
  const count = (status: string) => outcomes.filter((o) => statusOf(o) === status).length;
  const counts = Object.fromEntries(STATUSES.map((s) => [s, count(s)])) as Record<
    (typeof STATUSES)[number],
    number
  >;
  const stillQueued =
    run.state === 'finished'
      ? (summary?.incomplete?.still_queued ?? 0)
      : Math.max(0, run.listed - run.processed);
  return { listed: run.listed, queued: run.queued, ...counts, still_queued: stillQueued };
}
