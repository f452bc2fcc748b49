import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { composition } from '#functions/middleware/composition';
import { flushMetrics } from '#functions/middleware/flush-metrics';
import type { HandlerContext } from '#functions/middleware/handler-context';
import { lambdaLogContext } from '#functions/middleware/lambda-log-context';
import { runtimeOverrides } from './runtime-overrides';

export type SyncContext = HandlerContext<SyncHandlerDeps>;

export const syncLogger = (deps: SyncHandlerDeps) => deps.engine.logger;

/**
 * What every sync trigger runs around its work: the shared dependencies (pass one `buildOnce` source
 * to all three handlers, so a cold start builds them once), the operator's runtime settings over the
 * deployed config, tagged log lines, one metrics flush.
 */
export function syncMiddlewares(deps: () => Promise<SyncHandlerDeps>) {
  return [
    composition(deps),
    runtimeOverrides(),
    lambdaLogContext(syncLogger),
    flushMetrics((d: SyncHandlerDeps) => ({ metrics: d.metrics, logger: syncLogger(d) })),
  ];
}
