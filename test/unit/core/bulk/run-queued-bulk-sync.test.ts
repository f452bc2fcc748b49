import { describe, expect, it } from 'vitest';
import { STALE_RUN_MS } from '../../../../functions/core/bulk/run-queued-bulk-sync';
import type { RunRecord } from '../../../../functions/core/ports/runs';
import { processQueueBatch } from '../../../../functions/sync/queue/queue-batch';
import { fakeSyncHandlerDeps, NOW, sqsEvent, sqsRecord } from '../../../support/fake-sync-handler-deps';

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
    expect(revel.orders).toHaveLength(1);
  });
});

describe('runQueuedBulk at the invocation deadline', () => {
  it('acknowledges a run stopped by the deadline and records it finished with the events not started', async () => {
    const { deps, runs, revel } = fakeSyncHandlerDeps();
    const answer = await processQueueBatch(sqsEvent(sqsRecord(message)), deps, 'req-1', {
      stopAt: NOW.getTime(),
    });
    expect(answer.batchItemFailures).toEqual([]);
    expect(revel.orders).toHaveLength(0);
    expect(await runs.getRun(RUN_ID)).toMatchObject({
      state: 'finished',
      summary: { success: false, incomplete: { not_started: 1 } },
    });
  });
});
