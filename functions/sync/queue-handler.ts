import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { stopAtFor } from '#functions/core/bulk/run-deadline';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { entryPoint } from '#functions/middleware/handler-context';
import { processQueueBatch } from './queue/queue-batch';
import { type SyncContext, syncMiddlewares } from './sync-middlewares';

/** SQS batches: each record on its own, partial batch failures reported (queue/queue-batch.ts). */
export function createQueueHandler(deps: () => Promise<SyncHandlerDeps>) {
  const handler = middy<SQSEvent, SQSBatchResponse, Error, SyncContext>()
    .use(syncMiddlewares(deps))
    .handler((event, context) =>
      processQueueBatch(event, context.deps, context.awsRequestId, {
        stopAt: stopAtFor(context, context.deps.engine.clock),
      }),
    );
  return entryPoint(handler);
}
