import { runScheduledSync } from '#functions/core/bulk/run-scheduled-sync';
import type { SyncMessage } from '#functions/core/contract/queue-message';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import type { SyncSummary } from '#functions/core/engine/results';
import { processQueueBatch } from '#functions/sync/queue/queue-batch';
import { MemorySyncQueue, sqsRecord } from './fake-sync-handler-deps';

/**
 * Plays the sync queue's consumer: every message sent so far (and those its handling sends) goes
 * through processQueueBatch, ten per batch like the event source, until none is left. A `run-close`
 * (sent delayed by the time limit) is kept aside and returned, not handled.
 */
export async function drainQueue(deps: SyncHandlerDeps, holderId = 'consumer'): Promise<SyncMessage[]> {
  const queue = deps.queue;
  if (!(queue instanceof MemorySyncQueue)) throw new Error('drainQueue needs the MemorySyncQueue');
  const delayed: SyncMessage[] = [];
  let n = 0;
  for (let messages = queue.takeAll(); messages.length > 0; messages = queue.takeAll()) {
    const now = messages.filter((m) => m.kind !== 'run-close');
    delayed.push(...messages.filter((m) => m.kind === 'run-close'));
    for (let i = 0; i < now.length; i += 10) {
      const records = now.slice(i, i + 10).map((m, j) => sqsRecord(m, { messageId: `m-${n + i + j}` }));
      await processQueueBatch({ Records: records }, deps, holderId);
    }
    n += now.length;
  }
  return delayed;
}

export type ScheduledRunToEnd =
  | { status: 'overlap' }
  | { status: 'finished' | 'running' | 'queued' | 'failed'; runId: string; summary: SyncSummary['summary'] };

/** A scheduled run planned, its queue drained, and its run record as it then stands. */
export async function runScheduledToEnd(deps: SyncHandlerDeps, holderId: string): Promise<ScheduledRunToEnd> {
  const planned = await runScheduledSync(deps, holderId);
  if (planned.status === 'overlap') return planned;
  await drainQueue(deps, `${holderId}-consumer`);
  const run = await deps.runs.getRun(planned.runId);
  if (!run) throw new Error(`run ${planned.runId} has no record`);
  return { status: run.state, runId: run.runId, summary: (run.summary as SyncSummary).summary };
}
