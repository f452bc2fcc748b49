import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isEventId } from '../../core/contract/event-id';
import { OPERATOR_ROUTES, type OperatorRoutePath } from '../../core/contract/routes';
import { DEFAULT_SCHEDULE_MINUTES } from '../../core/contract/schedule';
import type { SyncHandlerDeps } from '../../core/deps/sync-handler-deps';
import { InputError } from '../../core/domain/errors';
import { BoardReadCache } from '../../core/ops/board-read-cache';
import { consoleStatus } from '../../core/ops/console-status';
import { dayBoard, type MoneyRead } from '../../core/ops/day-board';
import { deadLetterView } from '../../core/ops/dead-letter-view';
import { eventBoard } from '../../core/ops/event-board';
import { eventDetail } from '../../core/ops/event-detail';
import { previewOrder } from '../../core/ops/event-preview';
import { changeSettings, exportMappings, type Operator, saveMapping } from '../../core/ops/operator-changes';
import { NotFoundError, VendorUnavailableError } from '../../core/ops/ops-errors';
import { searchProducts } from '../../core/ops/product-choices';
import { settingsView } from '../../core/ops/runtime-config';
import { unmappedItems } from '../../core/ops/unmapped-items';
import type { Logger } from '../../core/ports/logger';
import type { OperatorDeps } from '../../core/ports/operator-deps';
import { headerValue, requestBody } from './http-request';
import { type HttpResult, jsonResponse, methodNotAllowed } from './http-response';
import { startManualSync } from './manual-sync-route';
import { API_TOKEN_OPERATOR, operatorFor } from './operator-auth';
import { jsonObject } from './request-params';
import { runView } from './run-status-route';

const MAX_BODY_BYTES = 16 * 1024;
/** Lives as long as this container, like the Revel client's product cache: a busy day is ~100 events. */
const boardReads = new BoardReadCache<MoneyRead>(500);
const AUDIT_DAYS = 14;
const RUNS_LISTED = 50;
const DLQ_LISTED = 100;

export interface OperatorMatch {
  path: OperatorRoutePath;
  allow: readonly string[];
  id: string | undefined;
}

/** The operator route a path is, with its `{id}`; undefined for any other path. */
export function matchOperatorRoute(path: string): OperatorMatch | undefined {
  const segments = path.split('/');
  for (const route of OPERATOR_ROUTES) {
    const template = route.path.split('/');
    if (template.length !== segments.length) continue;
    let id: string | undefined;
    const fits = template.every((part, i) => {
      const actual = segments[i] ?? '';
      if (part !== '{id}') return part === actual;
      id = safeDecode(actual);
      return actual !== '';
    });
    if (fits) return { path: route.path, allow: route.methods, id };
  }
  return undefined;
}

interface OperatorRequest {
  event: APIGatewayProxyEventV2;
  match: OperatorMatch;
  method: string;
  deps: SyncHandlerDeps;
  holderId: string;
  correlationId: string;
  logger: Logger;
}

/** The operator API (docs/operator-api.md): authenticated by a named operator token, then one use case. */
export async function routeOperator(request: OperatorRequest): Promise<HttpResult> {
  const { match, method, deps, correlationId, logger, event } = request;
  if (!match.allow.includes(method)) return methodNotAllowed(match.allow, correlationId);
  const ops = deps.ops;
  if (ops === undefined) return jsonResponse(404, { error: 'not found' }, correlationId);
  const tokens = { ...(await ops.operatorTokens()), [API_TOKEN_OPERATOR]: await deps.syncApiToken() };
  const name = operatorFor(headerValue(event.headers, 'authorization'), tokens);
  if (name === undefined) {
    logger.warn('operator route refused: missing or wrong bearer token', { method, route: match.path });
    return jsonResponse(401, { error: 'unauthorized', reason: 'UNAUTHORIZED' }, correlationId, {
      'www-authenticate': 'Bearer',
    });
  }
  const operator: Operator = { name, clock: deps.engine.clock, logger };
  try {
    return await answer(request, ops, operator);
  } catch (e: unknown) {
    if (e instanceof NotFoundError) return jsonResponse(404, { error: e.message }, correlationId);
    // Our own words about which vendor is down (no vendor internals), unlike the generic 5xx body.
    if (e instanceof VendorUnavailableError)
      return jsonResponse(503, { error: e.message, reason: e.code, unavailable: e.outages }, correlationId, {
        'retry-after': '30',
      });
    throw e;
  }
}

async function answer(request: OperatorRequest, ops: OperatorDeps, operator: Operator): Promise<HttpResult> {
  const { match, method, deps, correlationId, event } = request;
  const ok = (body: unknown) => jsonResponse(200, body, correlationId);
  const query = new URLSearchParams(event.rawQueryString ?? '');
  const param = (name: string) => query.get(name) ?? undefined;
  switch (match.path) {
    case '/api/day':
      return ok({
        ...(await dayBoard({ date: param('date') }, deps.engine, boardReads)),
        status: await statusOf(deps, ops),
      });
    case '/api/status':
      return ok(await statusOf(deps, ops));
    case '/api/events':
      return ok(
        await eventBoard(
          { from: param('from'), to: param('to'), location: param('location'), status: param('status') },
          deps.engine,
        ),
      );
    case '/api/events/{id}':
      return ok(
        await eventDetail(eventIdOf(match), deps.engine, {
          attempts: ops.attempts,
          drift: deps.engine.drift?.log,
          preflight: deps.preflight?.store,
          writeBack: deps.engine.writeBack?.log,
        }),
      );
    case '/api/events/{id}/preview':
      return ok(await previewOrder(eventIdOf(match), deps.engine));
    case '/api/events/{id}/sync': {
      const eventId = eventIdOf(match);
      const at = operator.clock.now().toISOString();
      await ops.audit.record({ at, operator: operator.name, action: 'sync', change: { event_id: eventId } });
      operator.logger.info('operator sync of one event', { operator: operator.name, event_id: eventId });
      return await startManualSync({ kind: 'single', eventId, dryRun: undefined }, deps, {
        ...request,
        trigger: 'operator',
      });
    }
    case '/api/runs':
      return ok({ runs: (await ops.runHistory.recentRuns(RUNS_LISTED)).map(runView) });
    case '/api/runs/{id}': {
      const run = await deps.runs.getRun(match.id ?? '');
      if (!run) throw new NotFoundError(`no run ${match.id}`);
      return ok(runView(run));
    }
    case '/api/dlq': {
      const letters = await deadLettersOf(ops).peek(DLQ_LISTED);
      const messages = await Promise.all(letters.map((m) => deadLetterView(m, deps.engine.ledger)));
      return ok({ messages });
    }
    case '/api/dlq/redrive': {
      const ids = redriveIds(jsonBody(event, true));
      const redriven = await deadLettersOf(ops).redrive(ids);
      const at = operator.clock.now().toISOString();
      operator.logger.info('dead letters redriven', { operator: operator.name, redriven });
      await ops.audit.record({
        at,
        operator: operator.name,
        action: 'dlq_redrive',
        change: { ids: ids ?? 'all', redriven },
      });
      return ok({ redriven });
    }
    case '/api/settings':
      if (method === 'PUT')
        return ok(await changeSettings(jsonBody(event, false), deployedConfigOf(deps), ops, operator));
      return ok(settingsView(deployedConfigOf(deps), await ops.overrides.read()));
    case '/api/mappings/unmapped':
      return ok(await unmappedItems(Number(param('days') ?? '7'), deps.engine));
    case '/api/mappings/products':
      return ok(
        await searchProducts(
          {
            establishmentId: param('establishment_id'),
            q: param('q'),
            unitPriceCents: param('unit_price_cents'),
          },
          deps.engine,
        ),
      );
    case '/api/mappings':
      return ok(await saveMapping(jsonBody(event, false), deps.engine, ops, operator));
    case '/api/mappings/export':
      return ok(await exportMappings(deployedConfigOf(deps), ops));
    case '/api/audit':
      return ok({ entries: await ops.audit.recent(operator.clock.now(), AUDIT_DAYS) });
    case '/api/doctor':
      return ok({ report: (await ops.doctorReports?.latestDoctorReport()) ?? null });
  }
}

const statusOf = (deps: SyncHandlerDeps, ops: OperatorDeps) =>
  consoleStatus(deployedConfigOf(deps), {
    overrides: ops.overrides,
    runHistory: ops.runHistory,
    deadLetters: ops.deadLetters,
    scheduleMinutes: ops.scheduleMinutes ?? DEFAULT_SCHEDULE_MINUTES,
    clock: deps.engine.clock,
    logger: deps.engine.logger,
  });

/** The config as deployed, before the runtime layer (the export folds the runtime layer in itself). */
const deployedConfigOf = (deps: SyncHandlerDeps) => deps.deployedConfig ?? deps.config;

function deadLettersOf(ops: OperatorDeps) {
  if (ops.deadLetters === undefined)
    throw new NotFoundError('this deployment names no dead-letter queue (DLQ_URL)');
  return ops.deadLetters;
}

function eventIdOf(match: OperatorMatch): string {
  const id = match.id ?? '';
  if (!isEventId(id)) throw new InputError('id', `"${id}" is not a TripleSeat event id (digits)`);
  return id;
}

function redriveIds(body: unknown): string[] | undefined {
  if (body === undefined) return undefined;
  const ids = (body as { ids?: unknown }).ids;
  if (ids === undefined) return undefined;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id === '') || ids.length > 100)
    throw new InputError('ids', 'ids must be a list of up to 100 message ids');
  return ids as string[];
}

/** The JSON object body; `optional`: an empty body is undefined instead of an error. */
function jsonBody(event: APIGatewayProxyEventV2, optional: boolean): unknown {
  const text = requestBody(event);
  if (text.trim() === '') {
    if (optional) return undefined;
    throw new InputError('body', 'the body must be a JSON object');
  }
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new InputError('body', 'the body is larger than 16 KB');
  return jsonObject(text);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
