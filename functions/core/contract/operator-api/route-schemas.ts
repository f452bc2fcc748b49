import * as z from 'zod';
import type { OPERATOR_ROUTES } from '#functions/core/contract/routes';
import { auditAnswerSchema } from './audit';
import { backfillAnswerSchema, backfillBodySchema } from './backfill';
import { boardAnswerSchema, boardQuerySchema } from './board';
import { dayAnswerSchema, dayQuerySchema } from './day';
import { deadLettersAnswerSchema, redriveAnswerSchema, redriveBodySchema } from './dead-letters';
import { doctorAnswerSchema } from './doctor';
import { eventDetailAnswerSchema } from './event-detail';
import { eventIdParamSchema, runIdParamSchema } from './event-id-param';
import { previewAnswerSchema } from './event-preview';
import {
  mappingAnswerSchema,
  mappingBodySchema,
  mappingExportAnswerSchema,
  productSearchAnswerSchema,
  productSearchQuerySchema,
  unmappedAnswerSchema,
  unmappedQuerySchema,
} from './mappings';
import { releaseAnswerSchema, releaseBodySchema } from './release';
import { runAnswerSchema, runsAnswerSchema } from './runs';
import { settingsAnswerSchema, settingsPatchSchema } from './settings';
import { consoleStatusSchema } from './status';
import { syncAnswerSchema } from './sync-answer';

/** What one operator route takes (`{id}`, query, JSON body) and answers with 200. */
export interface RouteSchemas {
  readonly id?: z.ZodType<string, string>;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly answer: z.ZodType;
}

type EndpointsOf<R> = R extends { methods: readonly (infer M extends string)[]; path: infer P extends string }
  ? `${M} ${P}`
  : never;
/** `GET /api/events`, …: every method of every operator route. */
export type OperatorEndpoint = EndpointsOf<(typeof OPERATOR_ROUTES)[number]>;

/** Query parameters a route does not read are ignored, as before the contract. */
const noQuery = z.object({});

/**
 * The operator API's contract, route by route: the server validates what comes in with these and
 * types what it answers from them; the console types what it reads from them. Every route has an
 * entry (the compiler checks against OPERATOR_ROUTES); the answers are checked against real
 * answers in test/integration/ops/operator-api-contract.test.ts.
 */
export const OPERATOR_API = {
  'GET /api/day': { query: dayQuerySchema, answer: dayAnswerSchema },
  'GET /api/status': { query: noQuery, answer: consoleStatusSchema },
  'GET /api/events': { query: boardQuerySchema, answer: boardAnswerSchema },
  'GET /api/events/{id}': { id: eventIdParamSchema, query: noQuery, answer: eventDetailAnswerSchema },
  'GET /api/events/{id}/preview': { id: eventIdParamSchema, query: noQuery, answer: previewAnswerSchema },
  'POST /api/events/{id}/sync': { id: eventIdParamSchema, query: noQuery, answer: syncAnswerSchema },
  'POST /api/events/{id}/release': {
    id: eventIdParamSchema,
    query: noQuery,
    body: releaseBodySchema,
    answer: releaseAnswerSchema,
  },
  'GET /api/runs': { query: noQuery, answer: runsAnswerSchema },
  'GET /api/runs/{id}': { id: runIdParamSchema, query: noQuery, answer: runAnswerSchema },
  'GET /api/dlq': { query: noQuery, answer: deadLettersAnswerSchema },
  'POST /api/dlq/redrive': { query: noQuery, body: redriveBodySchema, answer: redriveAnswerSchema },
  'GET /api/settings': { query: noQuery, answer: settingsAnswerSchema },
  'PUT /api/settings': { query: noQuery, body: settingsPatchSchema, answer: settingsAnswerSchema },
  'GET /api/mappings/unmapped': { query: unmappedQuerySchema, answer: unmappedAnswerSchema },
  'GET /api/mappings/products': { query: productSearchQuerySchema, answer: productSearchAnswerSchema },
  'PUT /api/mappings': { query: noQuery, body: mappingBodySchema, answer: mappingAnswerSchema },
  'GET /api/mappings/export': { query: noQuery, answer: mappingExportAnswerSchema },
  'GET /api/audit': { query: noQuery, answer: auditAnswerSchema },
  'POST /api/backfill': { query: noQuery, body: backfillBodySchema, answer: backfillAnswerSchema },
  'GET /api/doctor': { query: noQuery, answer: doctorAnswerSchema },
} as const satisfies Record<OperatorEndpoint, RouteSchemas>;
