import type { SyncConfig } from '#functions/core/config/sync-config';
import type { ConsoleStatus as ConsoleStatusView } from '#functions/core/contract/operator-api/status';
import { describeError } from '#functions/core/domain/errors';
import type { Clock } from '#functions/core/ports/clock';
import type { DeadLetterQueue } from '#functions/core/ports/dead-letters';
import type { Logger } from '#functions/core/ports/logger';
import type { RunHistory } from '#functions/core/ports/run-history';
import type { RunRecord } from '#functions/core/ports/runs';
import type { RuntimeOverridesStore } from '#functions/core/ports/runtime-overrides';
import { settingsView } from './runtime-config';

export type BannerKind = 'connector_off' | 'dry_run' | 'test_establishment';

export interface StatusSources {
  overrides: RuntimeOverridesStore;
  runHistory: RunHistory;
  deadLetters: DeadLetterQueue | undefined;
  /** The schedule rule's interval in minutes; 0: no schedule runs here. */
  scheduleMinutes: number;
  clock: Clock;
  logger: Logger;
}

/** Recent runs searched for the last scheduled one (manual runs come in between). */
const RUNS_SEARCHED = 50;

/**
 * What every console page (and `ops status`) shows above its content: a banner for each switch that
 * stops or diverts orders, the last and next scheduled run, and how many dead letters wait.
 */
export async function consoleStatus(
  deployed: SyncConfig,
  sources: StatusSources,
): Promise<ConsoleStatusView> {
  const settings = settingsView(deployed, await sources.overrides.read());
  const banners: { kind: BannerKind; message: string }[] = [];
  if (!settings.connector_enabled)
    banners.push({
      kind: 'connector_off',
      message: 'The connector is off: every sync is skipped (CONNECTOR_DISABLED) and nothing reaches Revel.',
    });
  if (settings.dry_run)
    banners.push({
      kind: 'dry_run',
      message: 'Dry run is on: syncs say what they would write, and nothing is written to Revel.',
    });
  if (settings.test_establishment) {
    const id = deployed.connector.testLocation?.establishmentId;
    banners.push({
      kind: 'test_establishment',
      message: `The test establishment is on: every order goes to Revel establishment ${id}, not to its location's.`,
    });
  }
  const runs = await sources.runHistory.recentRuns(RUNS_SEARCHED);
  return {
    banners,
    settings: {
      connector_enabled: settings.connector_enabled,
      dry_run: settings.dry_run,
      test_establishment: settings.test_establishment,
    },
    schedule: scheduleView(
      runs.find((r) => r.trigger === 'schedule'),
      sources.scheduleMinutes,
      sources.clock.now(),
    ),
    dlq_count: await dlqCount(sources),
  };
}

export type ConsoleStatus = Awaited<ReturnType<typeof consoleStatus>>;

/**
 * The next run is counted from the last scheduled one: EventBridge's `rate()` keeps its own phase,
 * which the function cannot read. `overdue` matches the ScheduledRunMissing alarm (two intervals).
 */
function scheduleView(last: RunRecord | undefined, minutes: number, now: Date) {
  const interval = minutes * 60_000;
  let next: number | undefined;
  if (last !== undefined && interval > 0) {
    next = Date.parse(last.createdAt) + interval;
    if (next < now.getTime()) next += Math.ceil((now.getTime() - next) / interval) * interval;
  }
  return {
    interval_minutes: minutes,
    last_run: last
      ? {
          run_id: last.runId,
          state: last.state,
          at: last.createdAt,
          summary: countsOf(last.summary),
        }
      : null,
    next_run_at: next === undefined ? null : new Date(next).toISOString(),
    overdue: last !== undefined && interval > 0 && now.getTime() - Date.parse(last.createdAt) > 2 * interval,
  };
}

function countsOf(summary: unknown) {
  if (typeof summary !== 'object' || summary === null || !('summary' in summary)) return null;
  const counts = summary.summary as Record<string, unknown>;
  const n = (key: string) => (typeof counts[key] === 'number' ? counts[key] : 0);
  return { injected: n('injected'), skipped: n('skipped'), failed: n('failed') };
}

/** Null when this deployment names no DLQ, or its count cannot be read (the page still loads). */
async function dlqCount(sources: StatusSources): Promise<number | null> {
  if (sources.deadLetters === undefined) return null;
  try {
    return await sources.deadLetters.count();
  } catch (e: unknown) {
    sources.logger.warn('could not count the dead letters', { error: describeError(e) });
    return null;
  }
}
