import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { RUN_ID_PATTERN } from '#functions/core/bulk/run-id';
import { parseManualParams } from '#functions/core/contract/manual-request';
import { MANUAL_SYNC_PATH, REVEL_WEBHOOK_PATH, RUNS_PATH } from '#functions/core/contract/routes';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { withLogFields } from '#functions/core/logging/log-context';
import { isAuthorised } from './bearer-auth';
import { answerConsole } from './console-route';
import { correlationIdOf, headerValue } from './http-request';
import { type HttpResult, methodNotAllowed, notFound, unauthorized } from './http-response';
import { startManualSync } from './manual-sync-route';
import { matchOperatorRoute, routeOperator } from './operator-routes';
import { readRequestParams } from './request-params';
import { answerRevelWebhook } from './revel-webhook-route';
import { showRun } from './run-status-route';

type Route =
  | { kind: 'sync'; allow: readonly string[] }
  | { kind: 'run'; runId: string; allow: readonly string[] };

const RUNS_PREFIX = `${RUNS_PATH}/`;

/**
 * `GET|POST` MANUAL_SYNC_PATH and `GET` RUN_STATUS_PATH (core/contract/routes.ts), behind the bearer token,
 * the operator API (OPERATOR_ROUTES, operator-routes.ts) behind the operator tokens, and Revel's
 * webhook (REVEL_WEBHOOK_PATH) behind its signature. A thrown
 * error is answered by the HTTP error middleware (functions/middleware/http-errors.ts).
 */
export async function routeHttp(
  event: APIGatewayProxyEventV2,
  deps: SyncHandlerDeps,
  holderId: string,
): Promise<HttpResult> {
  const correlationId = correlationIdOf(event.headers);
  const logger = withLogFields(deps.engine.logger, { correlation_id: correlationId });
  const path = event.rawPath ?? event.requestContext.http.path;
  const method = event.requestContext.http.method.toUpperCase();
  const page = await answerConsole(method, path, headerValue(event.headers, 'if-none-match'), correlationId);
  if (page) return page;
  // Signed by Revel, not by a bearer token (revel-webhook-route.ts).
  if (path.replace(/\/+$/, '') === REVEL_WEBHOOK_PATH)
    return await answerRevelWebhook(event, method, deps, { holderId, correlationId });
  const operatorRoute = matchOperatorRoute(path.length > 1 ? path.replace(/\/+$/, '') : path);
  if (operatorRoute)
    return await routeOperator({
      event,
      match: operatorRoute,
      method,
      deps,
      holderId,
      correlationId,
      logger,
    });
  const route = matchRoute(path);
  if (!route) return notFound(correlationId);
  if (!route.allow.includes(method)) return methodNotAllowed(route.allow, correlationId);
  if (!(await isAuthorised(headerValue(event.headers, 'authorization'), () => deps.syncApiToken()))) {
    logger.warn('manual route refused: missing or wrong bearer token', { method });
    return unauthorized(correlationId);
  }
  if (route.kind === 'run') return await showRun(route.runId, deps, correlationId);
  const request = parseManualParams(readRequestParams(event));
  return await startManualSync(request, deps, { holderId, correlationId, logger });
}

function matchRoute(rawPath: string): Route | undefined {
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
  if (path === MANUAL_SYNC_PATH) return { kind: 'sync', allow: ['GET', 'POST'] };
  const runId = path.startsWith(RUNS_PREFIX) ? path.slice(RUNS_PREFIX.length) : undefined;
  if (runId !== undefined && RUN_ID_PATTERN.test(runId)) return { kind: 'run', runId, allow: ['GET'] };
  return undefined;
}
