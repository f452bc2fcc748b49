import {
  CONSOLE_ASSET_PATH,
  CONSOLE_PATH,
  MANUAL_SYNC_PATH,
  OPERATOR_ROUTES,
  REVEL_WEBHOOK_PATH,
  RUN_STATUS_PATH,
  WEBHOOK_PATH,
} from '#functions/core/contract/routes';
import type { GatewayRoute, HttpApiHandler } from './gateway';
import type { LocalScheduler } from './local-scheduler';

const LAMBDA_MAX_DURATION_MS = 15 * 60_000;

/** The HTTP API's routes as the CDK stack declares them, plus the local-only schedule trigger. */
export function localRoutes(handlers: {
  webhook: HttpApiHandler;
  sync: HttpApiHandler;
  scheduler: Pick<LocalScheduler, 'fireNow'>;
}): GatewayRoute[] {
  return [
    { methods: ['POST'], path: WEBHOOK_PATH, handler: handlers.webhook },
    { methods: ['GET', 'POST'], path: MANUAL_SYNC_PATH, handler: handlers.sync },
    { methods: ['POST'], path: REVEL_WEBHOOK_PATH, handler: handlers.sync },
    { methods: ['GET'], path: RUN_STATUS_PATH, handler: handlers.sync },
    ...OPERATOR_ROUTES.map((route) => ({ methods: route.methods, path: route.path, handler: handlers.sync })),
    { methods: ['GET'], path: CONSOLE_PATH, handler: handlers.sync },
    { methods: ['GET'], path: CONSOLE_ASSET_PATH, handler: handlers.sync },
    {
      methods: ['POST'],
      path: '/__local/schedule',
      // Not an API Gateway route: it invokes the sync Lambda directly, as EventBridge does, so no 30 s cut.
      timeoutMs: LAMBDA_MAX_DURATION_MS,
      handler: async () => ({
        statusCode: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(await handlers.scheduler.fireNow()),
      }),
    },
  ];
}
