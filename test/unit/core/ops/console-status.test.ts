import { describe, expect, it } from 'vitest';
import { consoleStatus, type StatusSources } from '#functions/core/ops/console-status';
import type { DeadLetterQueue } from '#functions/core/ports/dead-letters';
import type { RunRecord } from '#functions/core/ports/runs';
import {
  noOverrides,
  type RuntimeOverridesStore,
  type RuntimeSettings,
} from '#functions/core/ports/runtime-overrides';
import { testConfig } from '../../../support/builders';
import { silentLogger } from '../../../support/silent-logger';

const run = (trigger: RunRecord['trigger'], createdAt: string): RunRecord => ({
  runId: `${trigger}-${createdAt}`,
  state: 'finished',
  trigger,
  hoursBack: 48,
  dryRun: false,
  correlationId: 'c',
  createdAt,
  updatedAt: createdAt,
  processed: 15,
  summary: { summary: { injected: 8, skipped: 6, failed: 1 } },
});

function sources(options: {
  now: string;
  runs?: RunRecord[];
  settings?: RuntimeSettings;
  deadLetters?: DeadLetterQueue;
  scheduleMinutes?: number;
}): StatusSources {
  const overrides = { ...noOverrides(), settings: options.settings ?? {} };
  return {
    overrides: { read: async () => overrides } as RuntimeOverridesStore,
    runHistory: { recentRuns: async () => options.runs ?? [] },
    deadLetters: options.deadLetters,
    scheduleMinutes: options.scheduleMinutes ?? 45,
    clock: { now: () => new Date(options.now) },
    logger: silentLogger,
  };
}

const testLocation = { establishmentId: 99, stationId: 1, userId: 1, diningOption: 113 };

describe('consoleStatus', () => {
  it('raises one banner per switch that stops or diverts orders', async () => {
    const config = testConfig({ connector: { testLocation } });
    const all = await consoleStatus(
      config,
      sources({
        now: '2026-12-07T15:00:00Z',
        settings: { connectorEnabled: false, dryRun: true, testEstablishment: true },
      }),
    );
    expect(all.banners.map((b) => b.kind)).toEqual(['connector_off', 'dry_run', 'test_establishment']);
    expect(all.banners[2]?.message).toContain('Revel establishment 99');
    const none = await consoleStatus(
      config,
      sources({ now: '2026-12-07T15:00:00Z', settings: { testEstablishment: false } }),
    );
    expect(none.banners).toEqual([]);
  });

  it('counts the next run from the last scheduled one, not from a manual run after it', async () => {
    const { schedule } = await consoleStatus(
      testConfig(),
      sources({
        now: '2026-12-07T15:10:00Z',
        runs: [run('manual', '2026-12-07T15:05:00Z'), run('schedule', '2026-12-07T14:45:00Z')],
      }),
    );
    expect(schedule.last_run).toEqual({
      run_id: 'schedule-2026-12-07T14:45:00Z',
      state: 'finished',
      at: '2026-12-07T14:45:00Z',
      summary: { injected: 8, skipped: 6, failed: 1 },
    });
    expect(schedule.next_run_at).toBe('2026-12-07T15:30:00.000Z');
    expect(schedule.overdue).toBe(false);
  });

  it('rolls the next run forward past now, and says overdue after two missed intervals', async () => {
    const { schedule } = await consoleStatus(
      testConfig(),
      sources({ now: '2026-12-07T16:40:00Z', runs: [run('schedule', '2026-12-07T14:45:00Z')] }),
    );
    expect(schedule.next_run_at).toBe('2026-12-07T17:00:00.000Z');
    expect(schedule.overdue).toBe(true);
  });

  it('has no next run without a schedule, and no DLQ count when the count cannot be read', async () => {
    const failing: DeadLetterQueue = {
      peek: async () => [],
      redrive: async () => ({ redriven: 0, remaining: 0 }),
      count: async () => {
        throw new Error('SQS is down');
      },
    };
    const status = await consoleStatus(
      testConfig(),
      sources({
        now: '2026-12-07T15:10:00Z',
        runs: [run('schedule', '2026-12-07T14:45:00Z')],
        scheduleMinutes: 0,
        deadLetters: failing,
      }),
    );
    expect(status.schedule.next_run_at).toBeNull();
    expect(status.dlq_count).toBeNull();
  });
});
