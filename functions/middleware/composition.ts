import type { MiddlewareObj } from '@middy/core';
import { AppError, describeError } from '#functions/core/domain/errors';
import type { HandlerContext } from './handler-context';

/** The dependencies could not be built: 503 when a retry can help (a store unreachable), else 500. */
export class DependenciesUnavailableError extends AppError {
  override readonly name = 'DependenciesUnavailableError';
  readonly code = 'DEPENDENCIES_UNAVAILABLE';
  readonly retryable: boolean;
  override readonly httpStatus: number;
  constructor(cause: unknown) {
    super(describeError(cause), { cause });
    // A broken configuration will not heal on a retry; an unreachable secrets store may.
    this.retryable = !(cause instanceof AppError && !cause.retryable);
    this.httpStatus = this.retryable ? 503 : 500;
  }
}

/** Built on first use and kept; a failed build (e.g. Secrets Manager briefly unreachable) is retried next time. */
export function buildOnce<T>(build: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= build().catch((e: unknown) => {
      pending = undefined;
      throw e;
    });
    return pending;
  };
}

/** Puts the dependencies on `context.deps`; pass a `buildOnce` source so a warm container reuses them. */
export function composition<Deps>(
  deps: () => Promise<Deps>,
): MiddlewareObj<unknown, unknown, Error, HandlerContext<Deps>> {
  return {
    before: async (request) => {
      let ready: Deps;
      try {
        ready = await deps();
      } catch (e: unknown) {
        throw new DependenciesUnavailableError(e);
      }
      // A new object: the caller's context (reused by the local runtime and tests) is left as given.
      request.context = { ...request.context, deps: ready };
    },
  };
}
