/**
 * How a sync of one event was started, recorded with each attempt (`GET /api/events/{id}`'s
 * `attempts[].trigger`, docs/operator-api.md): `webhook` — a TripleSeat webhook's queue message, first
 * delivery; `queue` — the same message delivered again by the queue (a retry, or a redrive from the
 * dead-letter queue); `schedule` — the scheduled run; `manual` — `POST /api/sync` (one event or a bulk
 * run) or `npm run sync`; `operator` — `POST /api/events/{id}/sync` (the console's "Retry now").
 */
export type SyncTrigger = 'webhook' | 'queue' | 'schedule' | 'manual' | 'operator';
