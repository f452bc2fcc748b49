import { describe, expect, it } from 'vitest';
import type { EventResult } from '#functions/core/engine/results';
import { observeOutcome } from '#functions/core/events/outcome-metrics';
import { MetricName } from '#functions/core/ports/metrics';
import { fakeSyncHandlerDeps } from '../../../support/fake-sync-handler-deps';
import { publishedValues } from '../../../support/metric-lines';

function outcome(status: EventResult['status'], id = '55521609'): EventResult {
  return { id, name: null, date: null, status, revel_order_id: null, reason: null, error: null };
}

async function observe(statuses: readonly EventResult['status'][], harness = fakeSyncHandlerDeps()) {
  for (const status of statuses)
    await observeOutcome(outcome(status), harness.deps, harness.deps.engine.logger);
  harness.deps.metrics.flush();
  return harness;
}

describe('observeOutcome', () => {
  it('counts each injected, skipped and failed outcome under its own metric', async () => {
    const { metrics } = await observe(['injected', 'skipped', 'skipped', 'failed']);

    expect(publishedValues(metrics(), MetricName.EventsInjected)).toEqual([1]);
    expect(publishedValues(metrics(), MetricName.EventsSkipped)).toEqual([2]);
    expect(publishedValues(metrics(), MetricName.EventsFailed)).toEqual([1]);
  });

  it('publishes the failure streak after every injection attempt, and leaves it alone for a skip', async () => {
    const { metrics, failureStreak } = await observe(['failed', 'skipped', 'failed', 'injected', 'failed']);

    expect(publishedValues(metrics(), MetricName.ConsecutiveFailedInjections)).toEqual([1, 2, 0, 1]);
    expect(failureStreak.streak).toBe(1);
  });

  it('publishes nothing for an event another sync holds, nor for a preview', async () => {
    const { metricLines, failureStreak } = await observe(['in_progress', 'would_inject']);

    expect(metricLines).toEqual([]);
    expect(failureStreak.streak).toBe(0);
  });

  it('counts a Revel create still settling, so late answers show on the dashboard', async () => {
    const harness = fakeSyncHandlerDeps();
    const settling: EventResult = { ...outcome('in_progress'), reason: 'WRITE_SETTLING' };
    const leaseHeld: EventResult = { ...outcome('in_progress'), reason: 'LEASE_HELD' };

    for (const result of [settling, leaseHeld, settling])
      await observeOutcome(result, harness.deps, harness.deps.engine.logger);
    harness.deps.metrics.flush();

    expect(publishedValues(harness.metrics(), MetricName.WritesSettling)).toEqual([2]);
    expect(harness.failureStreak.streak).toBe(0);
  });

  it('logs a streak it cannot record and returns normally, keeping the count', async () => {
    const harness = fakeSyncHandlerDeps();
    harness.failureStreak.failure = new Error('DynamoDB throttled');

    await expect(observe(['failed'], harness)).resolves.toBeDefined();

    expect(publishedValues(harness.metrics(), MetricName.EventsFailed)).toEqual([1]);
    expect(publishedValues(harness.metrics(), MetricName.ConsecutiveFailedInjections)).toEqual([]);
    expect(harness.logs()).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'outcome metrics not recorded',
        event_id: '55521609',
        error: 'DynamoDB throttled',
      }),
    );
  });
});
