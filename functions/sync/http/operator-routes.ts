import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { RUN_ID_PATTERN } from '../../core/bulk/run-id';
import { isEventId } from '../../core/contract/event-id';
import { OPERATOR_LIMITS } from '../../core/contract/operator-limits';
import { OPERATOR_ROUTES, type OperatorRoutePath } from '../../core/contract/routes';
import { DEFAULT_SCHEDULE_MINUTES } from '../../core/contract/schedule';
import type { SyncHandlerDeps } from '../../core/deps/sync-handler-deps';
import { InputError } from '../../core/domain/errors';
import { parseWith } from '../../core/domain/parse-with';
import { audited } from '../../core/ops/audited-action';
import { backfillLedger } from '../../core/ops/backfill';
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
import { releaseHalfWritten } from '../../core/ops/release-half-written';
import { settingsView } from '../../core/ops/runtime-config';
import { type InvoiceReads, unmappedItems } from '../../core/ops/unmapped-items';
import type { Logger } from '../../core/ports/logger';
import type { OperatorDeps } from '../../core/ports/operator-deps';
import { headerValue, requestBody } from './http-request';
import { type HttpResult, jsonResponse, methodNotAllowed } from './http-response';
import { startManualSync } from './manual-sync-route';
import { operatorFor } from './operator-auth';
import { jsonObject } from './request-params';
import { runView } from './run-status-route';

const {
  auditDays,
  auditEntries,
  runsListed,
  deadLettersListed,
  redriveIds: maxRedriveIds,
  bodyBytes,
} = OPERATOR_LIMITS;
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
        await releaseHalfWritten(
          eventIdOf(match),
          jsonBody(event, false),
          { ...deps.engine, holderId: request.holderId },
          ops,
          operator,
        ),
      );
    case '/api/runs':
      return ok({ runs: (await ops.runHistory.recentRuns(runsListed)).map(runView) });
    case '/api/runs/{id}': {
      // Not a run id (e.g. 5,000 characters, beyond a DynamoDB key): no such run, never a look-up.
      if (!RUN_ID_PATTERN.test(match.id ?? ''))
        throw new NotFoundError(`no run ${(match.id ?? '').slice(0, 40)}`);
      const run = await deps.runs.getRun(match.id ?? '');
      if (!run) throw new NotFoundError(`no run ${match.id}`);
      return ok(runView(run));
    }
    case '/api/dlq': {
      const letters = await deadLettersOf(ops).peek(deadLettersListed);
      const messages = await Promise.all(letters.map((m) => deadLetterView(m, deps.engine.ledger)));
      return ok({ messages });
    }
    case '/api/dlq/redrive': {
      const ids = redriveIds(jsonBody(event, true));
      const deadLetters = deadLettersOf(ops);
      const at = operator.clock.now().toISOString();
      const { redriven, remaining } = await audited(
        ops.audit,
        { at, operator: operator.name, action: 'dlq_redrive', change: { ids: ids ?? 'all' } },
        () => deadLetters.redrive(ids),
        { logger: operator.logger, resultOf: (r) => ({ redriven: r.redriven }) },
      );
      operator.logger.info('dead letters redriven', { operator: operator.name, redriven, remaining });
      return ok({ redriven, remaining: remaining ?? null });
    }
    case '/api/settings':
      if (method === 'PUT')
        return ok(await changeSettings(jsonBody(event, false), deployedConfigOf(deps), ops, operator));
      return ok(settingsView(deployedConfigOf(deps), await ops.overrides.read()));
    case '/api/mappings/unmapped':
      return ok(await unmappedItems(Number(param('days') ?? '7'), deps.engine, invoiceReads));
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
      return ok({ entries: await ops.audit.recent(operator.clock.now(), auditDays, auditEntries) });
    case '/api/backfill': {
      const input = backfillBody(jsonBody(event, false));
      const engine = { ...deps.engine, holderId: request.holderId };
      const run = () => backfillLedger(engine, { ...input, correlationId });
      if (input.dryRun) return ok(await run());
      const at = operator.clock.now().toISOString();
      return ok(
        await audited(
          ops.audit,
          { at, operator: operator.name, action: 'backfill', change: { since: input.since } },
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

const backfillBodySchema = z.strictObject({ since: z.string(), dry_run: z.boolean().default(false) });

function backfillBody(body: unknown): { since: string; dryRun: boolean } {
  const parsed = parseWith(
    backfillBodySchema,
    body,
    ({ path, message }) => new InputError(path || 'body', `${path || 'body'}: ${message}`),
  );
  return { since: parsed.since, dryRun: parsed.dry_run };
}

function redriveIds(body: unknown): string[] | undefined {
  if (body === undefined) return undefined;
  const ids = (body as { ids?: unknown }).ids;
  if (ids === undefined) return undefined;
  if (
    !Array.isArray(ids) ||
    ids.some((id) => typeof id !== 'string' || id === '') ||
    ids.length > maxRedriveIds
  )
    throw new InputError('ids', `ids must be a list of up to ${maxRedriveIds} message ids`);
  return ids as string[];
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
