import type { MiddlewareObj } from '@middy/core';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { applyOverrides } from '#functions/core/ops/runtime-config';
import type { HandlerContext } from '#functions/middleware/handler-context';

/**
 * Every sync trigger runs with the operator's runtime switches and mappings layered over the
 * deployed config (core/ops/runtime-config.ts), read through a cache of at most a minute: a switch
 * turned off in the console reaches the next invocation on every instance without a deploy.
 */
export function runtimeOverrides(): MiddlewareObj<unknown, unknown, Error, HandlerContext<SyncHandlerDeps>> {
  return {
    before: async (request) => {
      const deps = request.context.deps;
      if (deps?.ops === undefined) return;
      const deployed = deps.deployedConfig ?? deps.config;
      const config = applyOverrides(deployed, await deps.ops.overrides.read());
      request.context = {
        ...request.context,
        deps: { ...deps, config, deployedConfig: deployed, engine: { ...deps.engine, config } },
      };
    },
  };
}
