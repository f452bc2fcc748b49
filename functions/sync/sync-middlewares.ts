import type { SyncHandlerDeps } from '../core/deps/sync-handler-deps';
import { composition } from '../middleware/composition';
import { flushMetrics } from '../middleware/flush-metrics';
import type { HandlerContext } from '../middleware/handler-context';
import { lambdaLogContext } from '../middleware/lambda-log-context';
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
