import { describe, expect, it } from 'vitest';
import { runBulk } from '../../../../functions/core/bulk/run-bulk-sync';
import { VendorError } from '../../../../functions/core/domain/errors';
import { MetricName } from '../../../../functions/core/ports/metrics';
import { item, testConfig, tsEvent, withItem } from '../../../support/builders';
import {
  fakeSyncHandlerDeps,
  manualClock,
  NOTIFICATIONS,
  NOW,
  ordersTake,
} from '../../../support/fake-sync-handler-deps';
import { publishedValues } from '../../../support/metric-lines';

const request = {
  runId: 'manual-20261128T020000Z-abc123',
  trigger: 'manual' as const,
  hoursBack: 24,
  dryRun: false,
  correlationId: 'corr-bulk',
};

const unmapped = () => {
  return withItem(tsEvent({ id: '700', name: 'Board <b>dinner</b>' }), item('Unicorn Cake', 1, 4500));
};
const tomorrow = (id: string) => tsEvent({ id, eventDate: '2026-11-28', startLocal: '2026-11-28T18:00:00' });

describe('runBulk', () => {
  it('records the run as running, then finished with its summary, and returns the summary', async () => {
    const { deps, runs } = fakeSyncHandlerDeps({ events: [tsEvent(), tomorrow('600')] });
    const summary = await runBulk(request, deps, 'req-1');
    expect(summary).toMatchObject({ mode: 'bulk', correlation_id: 'corr-bulk', dry_run: false });
    expect(summary.summary).toMatchObject({ queried: 2, injected: 1, skipped: 1, failed: 0 });
    expect(runs.writes[0]).toMatchObject({
      state: 'running',
      processed: 0,
      trigger: 'manual',
      hoursBack: 24,
    });
    expect(await runs.getRun(request.runId)).toMatchObject({
      state: 'finished',
      processed: 2,
      summary,
      createdAt: NOW.toISOString(),
    });
  });

  it('keeps the creation time of the queued record it continues', async () => {
    const { deps, runs } = fakeSyncHandlerDeps();
    await runBulk({ ...request, createdAt: '2026-11-28T01:59:00.000Z' }, deps, 'req-1');
    expect((await runs.getRun(request.runId))?.createdAt).toBe('2026-11-28T01:59:00.000Z');
  });

  it('publishes progress every 10 events rather than after each one', async () => {
    const events = Array.from({ length: 25 }, (_, i) => tomorrow(String(1000 + i)));
    const { deps, runs } = fakeSyncHandlerDeps({ events });
    await runBulk(request, deps, 'req-1');
    const counts = runs.writes.map((w) => w.processed);
    expect(counts[0]).toBe(0);
    expect(counts.at(-1)).toBe(25);
    expect(counts.length).toBeLessThanOrEqual(4);
    expect(counts.slice(1, -1).every((n) => n >= 10)).toBe(true);
    expect(counts.length).toBeGreaterThan(2);
  });

  it('records a run whose search fails as failed with the error, and rethrows', async () => {
    const { deps, runs, tripleseat, mailer } = fakeSyncHandlerDeps();
    tripleseat.searchFailure = new VendorError('tripleseat', 'TRIPLESEAT_AUTH', 401, false, 'token rejected');
    await expect(runBulk(request, deps, 'req-1')).rejects.toThrow('token rejected');
    expect(await runs.getRun(request.runId)).toMatchObject({ state: 'failed', error: 'token rejected' });
    expect(mailer.sent).toHaveLength(0);
  });

  it('sends one digest listing the injected and the failed events, escaped', async () => {
    const { deps, mailer } = fakeSyncHandlerDeps({ events: [tsEvent(), unmapped(), tomorrow('600')] });
    await runBulk(request, deps, 'req-1');
    expect(mailer.sent).toHaveLength(1);
    const digest = mailer.sent[0];
    expect(digest?.subject).toBe(`[TripleSeat→Revel] Manual run ${request.runId}: 1 injected, 1 failed`);
    expect(digest?.text).toContain('55521609');
    expect(digest?.text).toContain('UNMAPPED_ITEMS');
    expect(digest?.text).not.toContain('600 |');
    expect(digest?.html).toContain('Board &lt;b&gt;dinner&lt;/b&gt;');
    expect(digest?.correlationId).toBe('corr-bulk');
  });

  it('sends no digest when nothing was injected or failed', async () => {
    const { deps, mailer } = fakeSyncHandlerDeps({ events: [tomorrow('600')] });
    await runBulk(request, deps, 'req-1');
    expect(mailer.sent).toHaveLength(0);
  });

  it('sends no digest for a dry run, nor when digests are switched off', async () => {
    const preview = fakeSyncHandlerDeps({ events: [unmapped()] });
    await runBulk({ ...request, dryRun: true }, preview.deps, 'req-1');
    expect(preview.mailer.sent).toHaveLength(0);
    const config = testConfig({ notifications: { ...NOTIFICATIONS, digest: false } });
    const quiet = fakeSyncHandlerDeps({ events: [tsEvent()], config });
    await runBulk(request, quiet.deps, 'req-1');
    expect(quiet.revel.orders).toHaveLength(1);
    expect(quiet.mailer.sent).toHaveLength(0);
  });

  it('counts every event of the run by its outcome and publishes the failure streak', async () => {
    const { deps, metrics } = fakeSyncHandlerDeps({ events: [tsEvent(), unmapped(), tomorrow('600')] });
    await runBulk(request, deps, 'req-1');
    deps.metrics.flush();
    expect(publishedValues(metrics(), MetricName.EventsInjected)).toEqual([1]);
    expect(publishedValues(metrics(), MetricName.EventsFailed)).toEqual([1]);
    expect(publishedValues(metrics(), MetricName.EventsSkipped)).toEqual([1]);
    // Events run concurrently, so the two attempts may land in either order.
    const streaks = publishedValues(metrics(), MetricName.ConsecutiveFailedInjections);
    expect([...streaks].sort()).toEqual([0, 1]);
  });

  it('publishes no event metric for a dry run', async () => {
    const { deps, metricLines, failureStreak } = fakeSyncHandlerDeps({ events: [tsEvent(), unmapped()] });
    await runBulk({ ...request, dryRun: true }, deps, 'req-1');
    deps.metrics.flush();
    expect(metricLines).toEqual([]);
    expect(failureStreak.streak).toBe(0);
  });
});

/** Five events due today, each costing two seconds of the clock to inject. */
function fiveSlowEvents(concurrency: number) {
  const clock = manualClock();
  const events = ['701', '702', '703', '704', '705'].map((id) => tsEvent({ id }));
  const config = testConfig({ notifications: NOTIFICATIONS, sync: { concurrency } });
  const harness = fakeSyncHandlerDeps({ events, config, clock });
  ordersTake(2_000, harness.revel, clock);
  return harness;
}

const at = (msAfterNow: number) => NOW.getTime() + msAfterNow;

describe('runBulk at the time limit', () => {
  it('records a run whose deadline passes after 2 of 5 events as finished, not a success, with 3 not started', async () => {
    const { deps, runs, revel } = fiveSlowEvents(1);
    const summary = await runBulk({ ...request, stopAt: at(3_000) }, deps, 'req-1');
    expect(summary).toMatchObject({
      success: false,
      incomplete: { not_started: 3 },
      summary: { queried: 2, injected: 2, failed: 0 },
    });
    expect(summary.events.map((e) => e.id)).toEqual(['701', '702']);
    expect(revel.orders).toHaveLength(2);
    expect(await runs.getRun(request.runId)).toMatchObject({ state: 'finished', processed: 2, summary });
  });

  it('lets the events already started finish when the deadline passes under them', async () => {
    const { deps, ledger, revel } = fiveSlowEvents(2);
    const summary = await runBulk({ ...request, stopAt: at(1_000) }, deps, 'req-1');
    expect(summary.events.map((e) => [e.id, e.status])).toEqual([
      ['701', 'injected'],
      ['702', 'injected'],
    ]);
    expect(summary.incomplete).toEqual({ not_started: 3 });
    expect(revel.orders).toHaveLength(2);
    expect(await ledger.get('703')).toBeUndefined();
  });

  it('warns in the log and tells the digest reader that the next run continues', async () => {
    const { deps, mailer, logs } = fiveSlowEvents(1);
    await runBulk({ ...request, stopAt: at(3_000) }, deps, 'req-1');
    expect(logs()).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'bulk run stopped at the time limit; the next run continues',
        run_id: request.runId,
        not_started: 3,
      }),
    );
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.subject).toBe(
      `[TripleSeat→Revel] Manual run ${request.runId}: 2 injected, 0 failed, 3 not reached`,
    );
    expect(mailer.sent[0]?.text).toContain(
      '3 events were not reached before the time limit; the next scheduled run (or a new manual run) continues.',
    );
  });

  it('records and mails a run that reached no event before its deadline', async () => {
    const { deps, runs, revel, mailer } = fiveSlowEvents(4);
    const summary = await runBulk({ ...request, stopAt: at(0) }, deps, 'req-1');
    expect(summary).toMatchObject({
      success: false,
      incomplete: { not_started: 5 },
      summary: { queried: 0 },
    });
    expect(revel.orders).toHaveLength(0);
    expect(await runs.getRun(request.runId)).toMatchObject({ state: 'finished', processed: 0 });
    expect(mailer.sent[0]?.text).toContain('5 events were not reached');
  });

  it('runs every event when there is no deadline, however long they take', async () => {
    const { deps, revel, mailer } = fiveSlowEvents(1);
    const summary = await runBulk(request, deps, 'req-1');
    expect(summary).toMatchObject({ success: true, summary: { queried: 5, injected: 5 } });
    expect(summary).not.toHaveProperty('incomplete');
    expect(revel.orders).toHaveLength(5);
    expect(mailer.sent[0]?.subject).toBe(
      `[TripleSeat→Revel] Manual run ${request.runId}: 5 injected, 0 failed`,
    );
  });
});
