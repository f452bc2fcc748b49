import type { MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';

/** The Lambda context as the middlewares leave it for the handler. */
export type HandlerContext<Deps> = Context & {
  /** Set by `composition()`: the dependencies built once per cold start. */
  deps: Deps;
  /** Set by `httpCorrelation()` on HTTP triggers. */
  correlationId?: string;
};

/** What the local runtime and tests pass: at least the request id, never the whole Lambda context. */
export type InvocationContextLike = Partial<Context>;

/**
 * The exported form of a middy handler. Lambda passes a full context; the local runtime (dev/) and
 * tests pass part of one, which every middleware here reads defensively.
 */
export function entryPoint<Event, Result, C extends Context>(
  handler: MiddyfiedHandler<Event, Result, Error, C>,
): (event: Event, context?: InvocationContextLike) => Promise<Result> {
  return (event, context = {}) => handler(event, context as C);
}
