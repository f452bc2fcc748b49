import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  ScheduledEvent,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import type { ScheduledRunResult } from '../core/bulk/run-scheduled-sync';
import type { SyncHandlerDeps } from '../core/deps/sync-handler-deps';
import { buildOnce } from '../middleware/composition';
import type { InvocationContextLike } from '../middleware/handler-context';
import { buildSyncDeps } from './build-sync-deps';
import { createHttpHandler } from './http-handler';
import { isScheduledEvent, isSqsEvent, type SyncLambdaEvent } from './lambda-event-shapes';
import { createQueueHandler } from './queue-handler';
import { createScheduleHandler } from './schedule-handler';

/** The one deployed sync function: each trigger has its own middy handler; this only routes by event shape. */
export interface SyncEntry {
  (event: SQSEvent, context?: InvocationContextLike): Promise<SQSBatchResponse>;
  (event: ScheduledEvent, context?: InvocationContextLike): Promise<ScheduledRunResult>;
  (
    event: APIGatewayProxyEventV2,
    context?: InvocationContextLike,
  ): Promise<APIGatewayProxyStructuredResultV2>;
}

/** The dependencies are built once per cold start and shared by the three handlers. */
export function createSyncHandler(getDeps: () => Promise<SyncHandlerDeps>): SyncEntry {
  const deps = buildOnce(getDeps);
  const queue = createQueueHandler(deps);
  const schedule = createScheduleHandler(deps);
  const http = createHttpHandler(deps);
  function route(event: SQSEvent, context?: InvocationContextLike): Promise<SQSBatchResponse>;
  function route(event: ScheduledEvent, context?: InvocationContextLike): Promise<ScheduledRunResult>;
  function route(
    event: APIGatewayProxyEventV2,
    context?: InvocationContextLike,
  ): Promise<APIGatewayProxyStructuredResultV2>;
  function route(event: SyncLambdaEvent, context?: InvocationContextLike) {
    if (isSqsEvent(event)) return queue(event, context);
    if (isScheduledEvent(event)) return schedule(event, context);
    return http(event, context);
  }
  return route;
}

export const handler = createSyncHandler(() => buildSyncDeps(process.env));
