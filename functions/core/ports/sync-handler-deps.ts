import type { SyncConfig } from '../config/sync-config';
import type { EngineDeps } from '../engine/sync-event';
import type { FailureStreak } from './failure-streak';
import type { Mailer } from './mailer';
import type { Metrics } from './metrics';
import type { PreflightDeps } from './preflight-store';
import type { RunLock, RunStore } from './runs';
import type { SyncQueue } from './sync-queue';

/**
 * What the sync Lambda needs for its three triggers; built once per cold start
 * (functions/sync/build-sync-deps.ts).
 */
export interface SyncHandlerDeps {
  config: SyncConfig;
  /** Engine dependencies without the per-invocation holder id (the handler adds it). */
  engine: Omit<EngineDeps, 'holderId'>;
  runs: RunStore;
  runLock: RunLock;
  /** Where a manual bulk run is handed off so the HTTP answer can be 202 at once. */
  queue: SyncQueue;
  /** Undefined when `config.notifications` is absent. */
  mailer: Mailer | undefined;
  /** Bearer token of the manual route (from the secret). */
  syncApiToken(): Promise<string>;
  /** Custom metrics, written once per invocation (the handler flushes them). */
  metrics: Metrics;
  failureStreak: FailureStreak;
  /** The scheduled run's check of upcoming events (core/preflight/); absent: no preflight. */
  preflight?: PreflightDeps | undefined;
}
