import { describe, expect, it } from 'vitest';
import { STALE_RUN_MS } from '#functions/core/bulk/run-queued-bulk-sync';
import type { RunRecord } from '#functions/core/ports/runs';
import { processQueueBatch } from '#functions/sync/queue/queue-batch';
import { fakeSyncHandlerDeps, NOW, sqsEvent, sqsRecord } from '../../../support/fake-sync-handler-deps';
import { drainQueue } from '../../../support/run-to-end';

const RUN_ID = 'manual-20261128T015000Z-abc123';
const message = { kind: 'bulk-run', runId: RUN_ID, hoursBack: 24, dryRun: false, correlationId: 'corr-run' };

/** A run another invocation started and last wrote `msAgo` before now. */
async function leftRunning(msAgo: number) {
  const harness = fakeSyncHandlerDeps();
  const run: RunRecord = {
    runId: RUN_ID,
    state: 'running',
    trigger: 'manual',
    hoursBack: 24,
    dryRun: false,
    correlationId: 'corr-run',
    createdAt: '2026-11-28T01:50:00.000Z',
    updatedAt: new Date(NOW.getTime() - msAgo).toISOString(),
    processed: 3,
  };
  await harness.runs.putRun(run);
  return { ...harness, run };
}

describe('runQueuedBulk on a redelivered message', () => {
  it('hands it back to SQS without syncing while another invocation wrote the run a minute ago', async () => {
    const { deps, runs, revel, run, logs } = await leftRunning(60_000);
    const record = sqsRecord(message);
    const answer = await processQueueBatch(sqsEvent(record), deps, 'req-2');
    // Not deleted: if that invocation dies, the message comes back and the stale check decides.
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(revel.calls).toHaveLength(0);
    expect(runs.writes).toHaveLength(1);
    expect(await runs.getRun(RUN_ID)).toEqual(run);
    expect(logs()).toContainEqual(
      expect.objectContaining({
        message: 'bulk run still running in another invocation; SQS will deliver it again',
      }),
    );
  });

  it('still counts a run written exactly the Lambda timeout plus a minute ago as running', async () => {
    const { deps, revel } = await leftRunning(STALE_RUN_MS);
    await processQueueBatch(sqsEvent(sqsRecord(message)), deps, 'req-2');
    expect(revel.orders).toHaveLength(0);
  });

  it('runs it again when the run was left running by an invocation that died', async () => {
    const { deps, runs, revel, logs } = await leftRunning(STALE_RUN_MS + 1);
    const answer = await processQueueBatch(sqsEvent(sqsRecord(message)), deps, 'req-2');
    expect(answer.batchItemFailures).toEqual([]);
    await drainQueue(deps);
    expect(revel.orders).toHaveLength(1);
    expect(await runs.getRun(RUN_ID)).toMatchObject({
      state: 'finished',
      processed: 1,
      createdAt: '2026-11-28T01:50:00.000Z',
    });
    expect(logs()).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'bulk run left running by an invocation that died; running it again',
      }),
    );
  });

  it('runs it again when the running record’s update time cannot be read', async () => {
    const { deps, runs, revel, run } = await leftRunning(0);
    await runs.putRun({ ...run, updatedAt: 'not a time' });
    await processQueueBatch(sqsEvent(sqsRecord(message)), deps, 'req-2');
    await drainQueue(deps);
    expect(revel.orders).toHaveLength(1);
  });

  it('acknowledges a run already planned without planning it again: its events are on the queue', async () => {
    const { deps, runs, queue } = fakeSyncHandlerDeps();
    await processQueueBatch(sqsEvent(sqsRecord(message)), deps, 'req-1');
    const sent = queue.sent.length;
    expect(await processQueueBatch(sqsEvent(sqsRecord(message)), deps, 'req-2')).toEqual({
      batchItemFailures: [],
    });
    expect(queue.sent).toHaveLength(sent);
    expect(await runs.getRun(RUN_ID)).toMatchObject({ state: 'running', listed: 1, queued: 1 });
  });
});

describe('a run event at the invocation deadline', () => {
  it('goes back to SQS unstarted (Lambda would cut it off), and is synced on its next delivery', async () => {
    const { deps, runs, revel, queue } = fakeSyncHandlerDeps();
    await processQueueBatch(sqsEvent(sqsRecord(message)), deps, 'req-1', { stopAt: NOW.getTime() });
    const [event] = queue.takeAll().filter((m) => m.kind === 'run-event');
    const record = sqsRecord(event, { messageId: 'run-event-1' });
    const late = await processQueueBatch(sqsEvent(record), deps, 'req-2', { stopAt: NOW.getTime() });
    expect(late.batchItemFailures).toEqual([{ itemIdentifier: 'run-event-1' }]);
    // Visible again at once, not after the queue's 18-minute visibility timeout.
    expect(queue.shownAgain).toEqual([{ receiptHandle: record.receiptHandle, seconds: 0 }]);
    expect(revel.orders).toHaveLength(0);
    expect(await processQueueBatch(sqsEvent(record), deps, 'req-3')).toEqual({ batchItemFailures: [] });
    expect(revel.orders).toHaveLength(1);
    expect(await runs.getRun(RUN_ID)).toMatchObject({
      state: 'finished',
      summary: { summary: { injected: 1 } },
    });
  });

  it('is still handed back when its visibility cannot be shortened, with a warning (it returns later)', async () => {
    const { deps, queue, logs } = fakeSyncHandlerDeps();
    await processQueueBatch(sqsEvent(sqsRecord(message)), deps, 'req-1', { stopAt: NOW.getTime() });
    const [event] = queue.takeAll().filter((m) => m.kind === 'run-event');
    queue.failure = new Error('SQS unavailable');
    const record = sqsRecord(event, { messageId: 'run-event-1' });
    const late = await processQueueBatch(sqsEvent(record), deps, 'req-2', { stopAt: NOW.getTime() });
    expect(late.batchItemFailures).toEqual([{ itemIdentifier: 'run-event-1' }]);
    expect(logs()).toContainEqual(
      expect.objectContaining({
        message: 'could not shorten the visibility of messages handed back; they wait the queue timeout',
        unchanged: 1,
      }),
    );
  });
});
