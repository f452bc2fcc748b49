import { describe, expect, it } from 'vitest';
import { RUN_TIME_LIMIT_MS } from '#functions/core/bulk/plan-bulk-run';
import { runScheduledSync, SCHEDULED_SYNC_LEASE } from '#functions/core/bulk/run-scheduled-sync';
import { VendorError } from '#functions/core/domain/errors';
import { MetricName } from '#functions/core/ports/metrics';
import { processQueueBatch } from '#functions/sync/queue/queue-batch';
import { testConfig, tsEvent } from '../../../support/builders';
import {
  fakeSyncHandlerDeps,
  NOTIFICATIONS,
  NOW,
  sqsEvent,
  sqsRecord,
} from '../../../support/fake-sync-handler-deps';
import { publishedValues } from '../../../support/metric-lines';
import { drainQueue } from '../../../support/run-to-end';

const config = testConfig({ notifications: NOTIFICATIONS, sync: { hoursBack: 24 } });
const threeEvents = () => ['101', '102', '103'].map((id) => tsEvent({ id }));

describe('runScheduledSync', () => {
  it('plans the run and queues one message per event that needs work, writing no order itself', async () => {
    const { deps, runs, queue, revel } = fakeSyncHandlerDeps({ config, events: threeEvents() });
    const result = await runScheduledSync(deps, 'req-1');
    expect(result).toMatchObject({ status: 'planned', listed: 3, queued: 3 });
    const runId = result.status === 'planned' ? result.runId : '';
    expect(runId).toMatch(/^sched-20261128T020000Z-[0-9a-f]{6}$/);
    expect(queue.sent.filter((m) => m.kind === 'run-event').map((m) => m.eventId)).toEqual([
      '101',
      '102',
      '103',
    ]);
    expect(queue.sent.find((m) => m.kind === 'run-close')).toMatchObject({ runId });
    expect(revel.orders).toHaveLength(0);
    expect(await runs.getRun(runId)).toMatchObject({ state: 'running', listed: 3, queued: 3, processed: 0 });
  });

  it('is finished by the consumer that settles its last message, sending one digest and freeing the lease', async () => {
    const { deps, runs, runLock, revel, mailer } = fakeSyncHandlerDeps({ config, events: threeEvents() });
    const result = await runScheduledSync(deps, 'req-1');
    const runId = result.status === 'planned' ? result.runId : '';
    expect(runLock.holders.get(SCHEDULED_SYNC_LEASE)).toBe(runId);
    await drainQueue(deps);
    expect(revel.orders).toHaveLength(3);
    expect(await runs.getRun(runId)).toMatchObject({
      state: 'finished',
      processed: 3,
      summary: { summary: { queried: 3, injected: 3, failed: 0 } },
    });
    expect(mailer.sent.filter((m) => m.subject.includes(`Scheduled run ${runId}`))).toHaveLength(1);
    expect(runLock.holders.has(SCHEDULED_SYNC_LEASE)).toBe(false);
  });

  it('counts a message SQS delivers twice once, and mails the digest once', async () => {
    const { deps, runs, queue, mailer } = fakeSyncHandlerDeps({ config, events: threeEvents() });
    const result = await runScheduledSync(deps, 'req-1');
    const runId = result.status === 'planned' ? result.runId : '';
    const events = queue.takeAll().filter((m) => m.kind === 'run-event');
    const records = events.map((m, i) => sqsRecord(m, { messageId: `m-${i}` }));
    await processQueueBatch(sqsEvent(...records), deps, 'first');
    await processQueueBatch(sqsEvent(...records), deps, 'again');
    expect(await runs.getRun(runId)).toMatchObject({
      state: 'finished',
      summary: { summary: { queried: 3 } },
    });
    expect(mailer.sent.filter((m) => m.subject.includes(`Scheduled run ${runId}`))).toHaveLength(1);
  });

  it('records the events the queue refused even after retries as failed (NOT_QUEUED), never losing them', async () => {
    const { deps, runs, queue } = fakeSyncHandlerDeps({ config, events: threeEvents() });
    queue.refuse = new Set(['102']);
    const result = await runScheduledSync(deps, 'req-1');
    const runId = result.status === 'planned' ? result.runId : '';
    await drainQueue(deps);
    const run = await runs.getRun(runId);
    expect(run).toMatchObject({ state: 'finished', summary: { summary: { injected: 2, failed: 1 } } });
    const events =
      (run?.summary as { events: Array<{ id: string; reason: string | null }> } | undefined)?.events ?? [];
    expect(events.find((e) => e.id === '102')?.reason).toBe('NOT_QUEUED');
  });

  it('at its time limit is finished with what is still queued, and says so in its one digest', async () => {
    let now = NOW.getTime();
    const clock = { now: () => new Date(now) };
    const { deps, runs, queue, mailer } = fakeSyncHandlerDeps({ config, events: threeEvents(), clock });
    const result = await runScheduledSync(deps, 'req-1');
    const runId = result.status === 'planned' ? result.runId : '';
    const [first] = queue.takeAll().filter((m) => m.kind === 'run-event');
    await processQueueBatch(sqsEvent(sqsRecord(first)), deps, 'one');
    const close = sqsRecord({ kind: 'run-close', runId, correlationId: 'c' });
    // Early (SQS delays 15 minutes at most): it sends itself again for the rest of the time.
    now += 15 * 60_000;
    await processQueueBatch(sqsEvent(close), deps, 'early');
    expect(queue.takeAll()).toEqual([{ kind: 'run-close', runId, correlationId: 'c' }]);
    expect(queue.delays.at(-1)).toBe((RUN_TIME_LIMIT_MS - 15 * 60_000) / 1000);
    now = NOW.getTime() + RUN_TIME_LIMIT_MS;
    await processQueueBatch(sqsEvent(close), deps, 'at-limit');
    expect(await runs.getRun(runId)).toMatchObject({
      state: 'finished',
      summary: { success: false, incomplete: { still_queued: 2 }, summary: { injected: 1 } },
    });
    const digests = mailer.sent.filter((m) => m.subject.includes(`Scheduled run ${runId}`));
    expect(digests.map((m) => m.subject.slice(m.subject.indexOf('Scheduled')))).toEqual([
      `Scheduled run ${runId}: 1 injected, 0 failed, 2 still queued`,
    ]);
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

  it('keeps the next run out while its events are still queued', async () => {
    const { deps } = fakeSyncHandlerDeps({ config, events: threeEvents() });
    await runScheduledSync(deps, 'req-1');
    expect(await runScheduledSync(deps, 'req-2')).toEqual({ status: 'overlap' });
    await drainQueue(deps);
    expect(await runScheduledSync(deps, 'req-3')).toMatchObject({ status: 'planned' });
  });

  it('gives the lease back when planning fails, so the next one is not blocked', async () => {
    const { deps, runLock, tripleseat } = fakeSyncHandlerDeps();
    tripleseat.searchFailure = new VendorError('tripleseat', 'TRIPLESEAT_AUTH', 401, false, 'token rejected');
    await expect(runScheduledSync(deps, 'req-1')).rejects.toThrow('token rejected');
    expect(runLock.holders.has(SCHEDULED_SYNC_LEASE)).toBe(false);
  });

  it('publishes ScheduledRunCompleted when a run finishes, even a dry run that injected nothing', async () => {
    const { deps, metrics } = fakeSyncHandlerDeps({ config: testConfig({ connector: { dryRun: true } }) });
    await runScheduledSync(deps, 'req-1');
    await drainQueue(deps);
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
