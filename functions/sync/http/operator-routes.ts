import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { tallyRun } from '#functions/core/bulk/run-tally';
import { OPERATOR_API, type OperatorEndpoint } from '#functions/core/contract/operator-api/route-schemas';
import { OPERATOR_LIMITS } from '#functions/core/contract/operator-limits';
import { OPERATOR_ROUTES, type OperatorRoutePath } from '#functions/core/contract/routes';
import { DEFAULT_SCHEDULE_MINUTES } from '#functions/core/contract/schedule';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { InputError } from '#functions/core/domain/errors';
import { parseWith } from '#functions/core/domain/parse-with';
import { audited } from '#functions/core/ops/audited-action';
import { backfillLedger } from '#functions/core/ops/backfill';
import { BoardReadCache } from '#functions/core/ops/board-read-cache';
import { consoleStatus } from '#functions/core/ops/console-status';
import { dayBoard, type MoneyRead } from '#functions/core/ops/day-board';
import { deadLetterView } from '#functions/core/ops/dead-letter-view';
import { eventBoard } from '#functions/core/ops/event-board';
import { eventDetail } from '#functions/core/ops/event-detail';
import { previewOrder } from '#functions/core/ops/event-preview';
import {
  changeSettings,
  exportMappings,
  type Operator,
  saveMapping,
} from '#functions/core/ops/operator-changes';
import { NotFoundError, VendorUnavailableError } from '#functions/core/ops/ops-errors';
import { searchProducts } from '#functions/core/ops/product-choices';
import { releaseHalfWritten } from '#functions/core/ops/release-half-written';
import { settingsView } from '#functions/core/ops/runtime-config';
import { type InvoiceReads, unmappedItems } from '#functions/core/ops/unmapped-items';
import type { Logger } from '#functions/core/ports/logger';
import type { OperatorDeps } from '#functions/core/ports/operator-deps';
import { headerValue, requestBody } from './http-request';
import { type HttpResult, jsonResponse, methodNotAllowed } from './http-response';
import { startManualSync } from './manual-sync-route';
import { operatorFor } from './operator-auth';
import { jsonObject } from './request-params';
import { runView } from './run-status-route';

const { auditDays, auditEntries, runsListed, deadLettersListed, bodyBytes } = OPERATOR_LIMITS;
/** Lives as long as this container, like the Revel client's product cache: a busy day is ~100 events. */
const boardReads = new BoardReadCache<MoneyRead>(500);
/** The unmapped items' invoice reads, kept the same way, at most 5 minutes (core/ops/unmapped-items.ts). */
const invoiceReads: InvoiceReads = new BoardReadCache(500, { maxAgeMs: 5 * 60_000 });

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
  const authorization = headerValue(event.headers, 'authorization');
  const name = operatorFor(authorization, await ops.operatorTokens());
  if (name === undefined && operatorFor(authorization, { sync: await deps.syncApiToken() }) !== undefined) {
    // The manual sync routes' token: a script's, not an operator's; it may not change settings or redrive.
    logger.warn('operator route refused: SYNC_API_TOKEN is for the sync routes only', {
      method,
      route: match.path,
    });
    return jsonResponse(
      403,
      {
        error:
          'SYNC_API_TOKEN may call the sync routes only; the operator API needs an operator token (OPERATOR_TOKEN)',
        reason: 'SYNC_TOKEN_NOT_OPERATOR',
      },
      correlationId,
    );
  }
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
  /** The answer as the route's schema has it: the compiler ties each answer to the contract. */
  const ok = <E extends OperatorEndpoint>(_: E, body: z.input<(typeof OPERATOR_API)[E]['answer']>) =>
    jsonResponse(200, body, correlationId);
  const query = Object.fromEntries(new URLSearchParams(event.rawQueryString ?? ''));
  switch (match.path) {
    case '/api/day':
      return ok('GET /api/day', {
        ...(await dayBoard(input(OPERATOR_API['GET /api/day'].query, query), deps.engine, boardReads)),
        status: await statusOf(deps, ops),
      });
    case '/api/status':
      return ok('GET /api/status', await statusOf(deps, ops));
    case '/api/events':
      return ok(
        'GET /api/events',
        await eventBoard(input(OPERATOR_API['GET /api/events'].query, query), deps.engine),
      );
    case '/api/events/{id}':
      return ok(
        'GET /api/events/{id}',
        await eventDetail(eventIdOf(match), deps.engine, {
          attempts: ops.attempts,
          drift: deps.engine.drift?.log,
          preflight: deps.preflight?.store,
          writeBack: deps.engine.writeBack?.log,
        }),
      );
    case '/api/events/{id}/preview':
      return ok('GET /api/events/{id}/preview', await previewOrder(eventIdOf(match), deps.engine));
    case '/api/events/{id}/sync': {
      const eventId = eventIdOf(match);
      const at = operator.clock.now().toISOString();
      operator.logger.info('operator sync of one event', { operator: operator.name, event_id: eventId });
      return await audited(
        ops.audit,
        { at, operator: operator.name, action: 'sync', change: { event_id: eventId } },
        () =>
          startManualSync({ kind: 'single', eventId, dryRun: undefined }, deps, {
            ...request,
            trigger: 'operator',
          }),
        { logger: operator.logger, resultOf: (r) => ({ status: r.statusCode }) },
      );
    }
    case '/api/events/{id}/release':
      return ok(
        'POST /api/events/{id}/release',
        await releaseHalfWritten(
          eventIdOf(match),
          jsonBody(event, false),
          { ...deps.engine, holderId: request.holderId },
          ops,
          operator,
        ),
      );
    case '/api/runs': {
      const recent = await ops.runHistory.recentRuns(runsListed);
      return ok('GET /api/runs', {
        runs: await Promise.all(recent.map(async (r) => runView(r, await tallyRun(r, deps.runs)))),
      });
    }
    case '/api/runs/{id}': {
      const runId = input(OPERATOR_API['GET /api/runs/{id}'].id, match.id ?? '', 'id');
      const run = await deps.runs.getRun(runId);
      if (!run) throw new NotFoundError(`no run ${runId}`);
      return ok('GET /api/runs/{id}', runView(run, await tallyRun(run, deps.runs)));
    }
    case '/api/dlq': {
      const letters = await deadLettersOf(ops).peek(deadLettersListed);
      const messages = await Promise.all(letters.map((m) => deadLetterView(m, deps.engine.ledger)));
      return ok('GET /api/dlq', { messages });
    }
    case '/api/dlq/redrive': {
      const ids = input(OPERATOR_API['POST /api/dlq/redrive'].body, jsonBody(event, true) ?? {}).ids;
      const deadLetters = deadLettersOf(ops);
      const at = operator.clock.now().toISOString();
      const { redriven, remaining } = await audited(
        ops.audit,
        { at, operator: operator.name, action: 'dlq_redrive', change: { ids: ids ?? 'all' } },
        () => deadLetters.redrive(ids),
        { logger: operator.logger, resultOf: (r) => ({ redriven: r.redriven }) },
      );
      operator.logger.info('dead letters redriven', { operator: operator.name, redriven, remaining });
      return ok('POST /api/dlq/redrive', { redriven, remaining: remaining ?? null });
    }
    case '/api/settings':
      if (method === 'PUT')
        return ok(
          'PUT /api/settings',
          await changeSettings(jsonBody(event, false), deployedConfigOf(deps), ops, operator),
        );
      return ok('GET /api/settings', settingsView(deployedConfigOf(deps), await ops.overrides.read()));
    case '/api/mappings/unmapped': {
      const { days } = input(OPERATOR_API['GET /api/mappings/unmapped'].query, query);
      return ok('GET /api/mappings/unmapped', await unmappedItems(days, deps.engine, invoiceReads));
    }
    case '/api/mappings/products':
      return ok(
        'GET /api/mappings/products',
        await searchProducts(
          productSearchOf(input(OPERATOR_API['GET /api/mappings/products'].query, query)),
          deps.engine,
        ),
      );
    case '/api/mappings':
      return ok('PUT /api/mappings', await saveMapping(jsonBody(event, false), deps.engine, ops, operator));
    case '/api/mappings/export':
      return ok('GET /api/mappings/export', await exportMappings(deployedConfigOf(deps), ops));
    case '/api/audit':
      return ok('GET /api/audit', {
        entries: await ops.audit.recent(operator.clock.now(), auditDays, auditEntries),
      });
    case '/api/backfill': {
      const body = input(OPERATOR_API['POST /api/backfill'].body, jsonBody(event, false));
      const engine = { ...deps.engine, holderId: request.holderId };
      const run = () => backfillLedger(engine, { since: body.since, dryRun: body.dry_run, correlationId });
      if (body.dry_run) return ok('POST /api/backfill', await run());
      const at = operator.clock.now().toISOString();
      return ok(
        'POST /api/backfill',
        await audited(
          ops.audit,
          { at, operator: operator.name, action: 'backfill', change: { since: body.since } },
          run,
          {
            logger: operator.logger,
            resultOf: (r) => ({
              recorded: r.recorded.map((x) => x.event_id),
              left_alone: r.left_alone.length,
            }),
          },
        ),
      );
    }
    case '/api/doctor':
      return ok('GET /api/doctor', { report: (await ops.doctorReports?.latestDoctorReport()) ?? null });
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

/**
 * A request part read with its contract schema (core/contract/operator-api/): the one rule for bad
 * input, an InputError (400 with the parameter and reason) naming the first problem.
 */
function input<S extends z.ZodType>(schema: S, value: unknown, part?: string): z.output<S> {
  return parseWith(schema, value, ({ path, message }) => {
    const field = [part, path].filter((p) => p !== undefined && p !== '').join('.') || 'body';
    return new InputError(field, message);
  });
}

const productSearchOf = (p: { establishment_id?: string; q?: string; unit_price_cents?: string }) => ({
  establishmentId: p.establishment_id,
  q: p.q,
  unitPriceCents: p.unit_price_cents,
});

function eventIdOf(match: OperatorMatch): string {
  return input(OPERATOR_API['GET /api/events/{id}'].id, match.id ?? '', 'id');
}

/** The JSON object body; `optional`: an empty body is undefined instead of an error. */
function jsonBody(event: APIGatewayProxyEventV2, optional: boolean): unknown {
  const text = requestBody(event);
  if (text.trim() === '') {
    if (optional) return undefined;
    throw new InputError('body', 'the body must be a JSON object');
  }
  if (Buffer.byteLength(text) > bodyBytes)
    throw new InputError('body', `the body is larger than ${bodyBytes / 1024} KB`);
  return jsonObject(text);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
