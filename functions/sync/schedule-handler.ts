import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { stopAtFor } from '#functions/core/bulk/run-deadline';
import { runScheduledSync, type ScheduledRunResult } from '#functions/core/bulk/run-scheduled-sync';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { entryPoint } from '#functions/middleware/handler-context';
import { type SyncContext, syncMiddlewares } from './sync-middlewares';

/** The EventBridge rule: one bulk reconciliation, holding the run lease as this invocation. */
export function createScheduleHandler(deps: () => Promise<SyncHandlerDeps>) {
  const handler = middy<ScheduledEvent, ScheduledRunResult, Error, SyncContext>()
    .use(syncMiddlewares(deps))
    .handler((_event, context) =>
      runScheduledSync(context.deps, context.awsRequestId, stopAtFor(context, context.deps.engine.clock)),
    );
  return entryPoint(handler);
}
