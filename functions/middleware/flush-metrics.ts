import type { MiddlewareObj } from '@middy/core';
import { describeError } from '#functions/core/domain/errors';
import type { Logger } from '#functions/core/ports/logger';
import type { Metrics } from '#functions/core/ports/metrics';
import type { HandlerContext } from './handler-context';

/**
 * Writes the invocation's metrics once, after the work or after it failed. A line that cannot be
 * written is logged: it never turns a finished sync or an accepted delivery into a failure.
 */
export function flushMetrics<Deps>(
  of: (deps: Deps) => { metrics: Metrics; logger: Logger },
): MiddlewareObj<unknown, unknown, Error, HandlerContext<Deps>> {
  const flush = (request: { context: Partial<HandlerContext<Deps>> }): void => {
    // Undefined when building the dependencies failed: nothing was recorded.
    if (request.context.deps === undefined) return;
    const { metrics, logger } = of(request.context.deps);
    try {
      metrics.flush();
    } catch (e: unknown) {
      logger.warn('metrics not flushed', { error: describeError(e) });
    }
  };
  return { after: flush, onError: flush };
}
