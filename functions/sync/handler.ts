import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  ScheduledEvent,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import type { ScheduledRunResult } from '#functions/core/bulk/run-scheduled-sync';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { buildOnce } from '#functions/middleware/composition';
import type { InvocationContextLike } from '#functions/middleware/handler-context';
import { buildSyncDeps } from './build-sync-deps';
import { isScheduledEvent, isSqsEvent, type SyncLambdaEvent } from './lambda-event-shapes';
import { createQueueHandler } from './queue-handler';

/** The one deployed sync function: each trigger has its own middy handler; this only routes by event shape. */
export interface SyncEntry {
  (event: SQSEvent, context?: InvocationContextLike): Promise<SQSBatchResponse>;
  (event: ScheduledEvent, context?: InvocationContextLike): Promise<ScheduledRunResult>;
  (
    event: APIGatewayProxyEventV2,
    context?: InvocationContextLike,
  ): Promise<APIGatewayProxyStructuredResultV2>;
}

/**
 * The dependencies are built once per cold start and shared by the three handlers. The schedule and
 * HTTP handlers (the scheduled run and preflight; the manual route, operator API and console) are
 * imported on their first event, so a queue message's cold start evaluates only the engine's modules:
 * the bundle is one file (NodejsFunction bundles with `--outfile`, so esbuild cannot split it), and
 * esbuild wraps a dynamically imported module so that its top-level code runs at the `import()`.
 */
export function createSyncHandler(getDeps: () => Promise<SyncHandlerDeps>): SyncEntry {
  const deps = buildOnce(getDeps);
  const queue = createQueueHandler(deps);
  const schedule = buildOnce(async () => (await import('./schedule-handler')).createScheduleHandler(deps));
  const http = buildOnce(async () => (await import('./http-handler')).createHttpHandler(deps));
  function route(event: SQSEvent, context?: InvocationContextLike): Promise<SQSBatchResponse>;
  function route(event: ScheduledEvent, context?: InvocationContextLike): Promise<ScheduledRunResult>;
  function route(
    event: APIGatewayProxyEventV2,
    context?: InvocationContextLike,
  ): Promise<APIGatewayProxyStructuredResultV2>;
  async function route(event: SyncLambdaEvent, context?: InvocationContextLike) {
    if (isSqsEvent(event)) return queue(event, context);
    if (isScheduledEvent(event)) return (await schedule())(event, context);
    return (await http())(event, context);
  }
  return route;
}

export const handler = createSyncHandler(() => buildSyncDeps(process.env));
