import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import type { Logger } from '#functions/core/ports/logger';
import { entryPoint } from '#functions/middleware/handler-context';
import { httpCorrelation } from '#functions/middleware/http-correlation';
import { httpErrors } from '#functions/middleware/http-errors';
import { createJsonLogger } from '#functions/platform/logger';
import { routeHttp } from './http/http-routes';
import { type SyncContext, syncLogger, syncMiddlewares } from './sync-middlewares';

/** The manual route and run status (http/http-routes.ts); errors answered by the one HTTP error rule. */
export function createHttpHandler(
  deps: () => Promise<SyncHandlerDeps>,
  /** Used only while deps (and their logger) are unavailable. */
  fallbackLogger: Logger = createJsonLogger({ base: { service: 'sync' } }),
) {
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, SyncContext>()
    .use(httpCorrelation())
    .use(httpErrors({ loggerOf: syncLogger, fallbackLogger }))
    .use(syncMiddlewares(deps))
    .handler((event, context) => routeHttp(event, context.deps, context.awsRequestId));
  return entryPoint(handler);
}
