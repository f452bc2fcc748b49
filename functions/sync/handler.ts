import type { APIGatewayProxyStructuredResultV2, SQSBatchResponse } from 'aws-lambda';
import { type InvocationContext, stopAtFor } from '../core/bulk/run-deadline';
import { runScheduledSync, type ScheduledRunResult } from '../core/bulk/run-scheduled-sync';
import { describeError } from '../core/domain/errors';
import type { SyncHandlerDeps } from '../core/ports/sync-handler-deps';
import { buildSyncDeps } from './build-sync-deps';
import { routeHttp } from './http/http-routes';
import { processQueueBatch } from './queue/queue-batch';
import { isScheduledEvent, isSqsEvent, type SyncTrigger } from './trigger-kinds';

export type SyncHandlerResult = SQSBatchResponse | ScheduledRunResult | APIGatewayProxyStructuredResultV2;

/** One entry, three triggers; no business logic here. Deps are built once per cold start. */
export function createSyncHandler(getDeps: () => Promise<SyncHandlerDeps>) {
  const runtime = onceUntilItFails(getDeps);
  return async (event: SyncTrigger, context: InvocationContext): Promise<SyncHandlerResult> => {
    const deps = await runtime();
    const holderId = context.awsRequestId;
    const stopAt = stopAtFor(context, deps.engine.clock);
    // `return await`: the metrics are flushed after the work, not when its promise is handed back.
    try {
      if (isSqsEvent(event)) return await processQueueBatch(event, deps, holderId, { stopAt });
      if (isScheduledEvent(event)) return await runScheduledSync(deps, holderId, stopAt);
      return await routeHttp(event, deps, holderId);
    } finally {
      flushMetrics(deps);
    }
  };
}

/** A metrics line that cannot be written is logged; it never turns a finished sync into a failure. */
function flushMetrics(deps: SyncHandlerDeps): void {
  try {
    deps.metrics.flush();
  } catch (e: unknown) {
    deps.engine.logger.warn('metrics not flushed', { error: describeError(e) });
  }
}

/** A failed build (e.g. Secrets Manager briefly unreachable) is retried on the next invocation. */
function onceUntilItFails<T>(build: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= build().catch((e: unknown) => {
      pending = undefined;
      throw e;
    });
    return pending;
  };
}

export const handler = createSyncHandler(() => buildSyncDeps(process.env));
