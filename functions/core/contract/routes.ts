/**
 * The HTTP paths the stack (lib/sync-http-api.ts), the sync Lambda's router, the local gateway and
 * the tests share. The webhook path is also typed into TripleSeat's webhook settings, and operators
 * script against the manual routes: renaming one is a breaking change for them.
 */
export const WEBHOOK_PATH = '/webhooks/tripleseat';

/**
 * Revel's `order.finalized` webhook (set up by Revel per partner): answered by the sync Lambda only
 * when a Revel webhook secret is configured (README, "TripleSeat sees the Revel order").
 */
export const REVEL_WEBHOOK_PATH = '/webhooks/revel';

/** `GET|POST ?event_id=…` (one event) or `?hours_back=…` (a bulk run, answered 202). */
export const MANUAL_SYNC_PATH = '/api/sync/tripleseat';

/** Where bulk runs are listed under; a run's own status is at `<RUNS_PATH>/<run id>`. */
export const RUNS_PATH = '/api/sync/runs';

/** The run status route as API Gateway declares it. */
export const RUN_STATUS_PATH = `${RUNS_PATH}/{id}`;

/** The status URL of one bulk run (the 202's `status_url` and `location`). */
export const runStatusPath = (runId: string): string => `${RUNS_PATH}/${runId}`;

/** The operator API (docs/operator-api.md): named operator tokens, JSON in and out. */
export const OPERATOR_API_PREFIX = '/api';

export interface OperatorRoute {
  readonly methods: readonly ('GET' | 'POST' | 'PUT')[];
  /** A path template as API Gateway declares it; `{id}` is one path segment. */
  readonly path: string;
}

/** Every operator route, in the order the sync Lambda matches them. */
export const OPERATOR_ROUTES = [
  { methods: ['GET'], path: '/api/day' },
  { methods: ['GET'], path: '/api/status' },
  { methods: ['GET'], path: '/api/events' },
  { methods: ['GET'], path: '/api/events/{id}' },
  { methods: ['GET'], path: '/api/events/{id}/preview' },
  { methods: ['POST'], path: '/api/events/{id}/sync' },
  { methods: ['GET'], path: '/api/runs' },
  { methods: ['GET'], path: '/api/runs/{id}' },
  { methods: ['GET'], path: '/api/dlq' },
  { methods: ['POST'], path: '/api/dlq/redrive' },
  { methods: ['GET', 'PUT'], path: '/api/settings' },
  { methods: ['GET'], path: '/api/mappings/unmapped' },
  { methods: ['GET'], path: '/api/mappings/products' },
  { methods: ['PUT'], path: '/api/mappings' },
  { methods: ['GET'], path: '/api/mappings/export' },
  { methods: ['GET'], path: '/api/audit' },
  { methods: ['GET'], path: '/api/doctor' },
] as const satisfies readonly OperatorRoute[];

export type OperatorRoutePath = (typeof OPERATOR_ROUTES)[number]['path'];

/** The operator console: a static page (no token needed to load it; every API call it makes carries one). */
export const CONSOLE_PATH = '/console';

/** The console's script and style sheet, `<CONSOLE_PATH>/<file>`, as API Gateway declares the route. */
export const CONSOLE_ASSET_PATH = `${CONSOLE_PATH}/{asset}`;
