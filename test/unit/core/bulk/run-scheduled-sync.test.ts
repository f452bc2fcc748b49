import { describe, expect, it } from 'vitest';
import { runScheduledSync, SCHEDULED_SYNC_LEASE } from '../../../../functions/core/bulk/run-scheduled-sync';
import { VendorError } from '../../../../functions/core/domain/errors';
import { MetricName } from '../../../../functions/core/ports/metrics';
import { testConfig } from '../../../support/builders';
import { fakeSyncHandlerDeps, NOTIFICATIONS } from '../../../support/fake-sync-handler-deps';
import { publishedValues } from '../../../support/metric-lines';

describe('runScheduledSync', () => {
  it('runs one bulk sync over the configured hours back and gives the lease back', async () => {
    const config = testConfig({ notifications: NOTIFICATIONS, sync: { hoursBack: 24 } });
    const { deps, runs, runLock, revel } = fakeSyncHandlerDeps({ config });
    const result = await runScheduledSync(deps, 'req-1');
    expect(result).toMatchObject({ status: 'finished', summary: { queried: 1, injected: 1 } });
    const runId = result.status === 'finished' ? result.runId : '';
    expect(runId).toMatch(/^sched-20261128T020000Z-[0-9a-f]{6}$/);
    expect(await runs.getRun(runId)).toMatchObject({ state: 'finished', trigger: 'schedule', hoursBack: 24 });
    expect(revel.orders).toHaveLength(1);
    expect(runLock.holders.has(SCHEDULED_SYNC_LEASE)).toBe(false);
  });

  it('steps aside while the previous run still holds the lease, syncing nothing', async () => {
    const { deps, runs, runLock, tripleseat, revel } = fakeSyncHandlerDeps();
    await runLock.acquireNamedLease(SCHEDULED_SYNC_LEASE, 'previous-run');
    expect(await runScheduledSync(deps, 'req-2')).toEqual({ status: 'overlap' });
    expect(tripleseat.calls).toBe(0);
    expect(revel.calls).toHaveLength(0);
    expect(runs.writes).toHaveLength(0);
    expect(runLock.holders.get(SCHEDULED_SYNC_LEASE)).toBe('previous-run');
  });

  it('gives the lease back even when the run fails, so the next one is not blocked', async () => {
    const { deps, runLock, tripleseat } = fakeSyncHandlerDeps();
    tripleseat.searchFailure = new VendorError('tripleseat', 'TRIPLESEAT_AUTH', 401, false, 'token rejected');
    await expect(runScheduledSync(deps, 'req-1')).rejects.toThrow('token rejected');
    expect(runLock.holders.has(SCHEDULED_SYNC_LEASE)).toBe(false);
  });

  it('publishes ScheduledRunCompleted when a run finishes, even a dry run that injected nothing', async () => {
    const config = testConfig({ connector: { dryRun: true } });
    const { deps, metrics } = fakeSyncHandlerDeps({ config });
    await runScheduledSync(deps, 'req-1');
    deps.metrics.flush();
    expect(publishedValues(metrics(), MetricName.ScheduledRunCompleted)).toEqual([1]);
  });

  it('publishes no ScheduledRunCompleted for a run that stepped aside, nor for one that failed', async () => {
    const overlapping = fakeSyncHandlerDeps();
    await overlapping.runLock.acquireNamedLease(SCHEDULED_SYNC_LEASE, 'previous-run');
    await runScheduledSync(overlapping.deps, 'req-2');
    overlapping.deps.metrics.flush();
    expect(overlapping.metricLines).toEqual([]);

    const failing = fakeSyncHandlerDeps();
    failing.tripleseat.searchFailure = new VendorError('tripleseat', 'TRIPLESEAT_AUTH', 401, false, 'no');
    await expect(runScheduledSync(failing.deps, 'req-3')).rejects.toThrow();
    failing.deps.metrics.flush();
    expect(publishedValues(failing.metrics(), MetricName.ScheduledRunCompleted)).toEqual([]);
  });
});
