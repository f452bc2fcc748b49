import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { RUN_ID_PATTERN } from '../../core/bulk/run-id';
import { parseManualParams } from '../../core/contract/manual-request';
import { MANUAL_SYNC_PATH, RUNS_PATH } from '../../core/contract/routes';
import { withLogFields } from '../../core/logging/log-context';
import type { SyncHandlerDeps } from '../../core/ports/sync-handler-deps';
import { isAuthorised } from './bearer-auth';
import { answerConsole } from './console-route';
import { correlationIdOf, headerValue } from './http-request';
import { type HttpResult, methodNotAllowed, notFound, unauthorized } from './http-response';
import { startManualSync } from './manual-sync-route';
import { readRequestParams } from './request-params';
import { showRun } from './run-status-route';

type Route =
  | { kind: 'sync'; allow: readonly string[] }
  | { kind: 'run'; runId: string; allow: readonly string[] };

const RUNS_PREFIX = `${RUNS_PATH}/`;

/**
 * `GET|POST` MANUAL_SYNC_PATH and `GET` RUN_STATUS_PATH (core/contract/routes.ts), behind the bearer token. A thrown
 * error is answered by the HTTP error middleware (functions/middleware/http-errors.ts).
 */
export async function routeHttp(
  event: APIGatewayProxyEventV2,
  deps: SyncHandlerDeps,
  holderId: string,
): Promise<HttpResult> {
  const correlationId = correlationIdOf(event.headers);
  const logger = withLogFields(deps.engine.logger, { correlation_id: correlationId });
  const route = matchRoute(event.rawPath ?? event.requestContext.http.path);
  const method = event.requestContext.http.method.toUpperCase();
  const rawPath = event.rawPath ?? event.requestContext.http.path;
  const page = answerConsole(method, rawPath, headerValue(event.headers, 'if-none-match'), correlationId);
  if (page) return page;
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
