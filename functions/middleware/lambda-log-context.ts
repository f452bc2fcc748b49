import type { MiddlewareObj } from '@middy/core';
import type { Logger } from '#functions/core/ports/logger';
import type { LambdaLogger } from '#functions/platform/logger';
import type { HandlerContext } from './handler-context';

export const isLambdaLogger = (logger: Logger): logger is LambdaLogger =>
  typeof (logger as Partial<LambdaLogger>).addContext === 'function';

/** Tags the invocation's log lines: request id and cold start (Powertools), and the correlation id. */
export function tagLogLines(logger: Logger, context: Partial<HandlerContext<unknown>>): void {
  if (!isLambdaLogger(logger)) return;
  logger.addContext(context);
  // The previous invocation's id must not leak into this one's lines (queue and schedule carry theirs per message or run).
  if (context.correlationId === undefined) logger.removeKeys(['correlation_id']);
  else logger.appendKeys({ correlation_id: context.correlationId });
}

/** After `composition()`: the dependencies' logger is the one whose lines get the invocation's context. */
export function lambdaLogContext<Deps>(
  loggerOf: (deps: Deps) => Logger,
): MiddlewareObj<unknown, unknown, Error, HandlerContext<Deps>> {
  return { before: (request) => tagLogLines(loggerOf(request.context.deps), request.context) };
}
