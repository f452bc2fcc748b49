import type { SyncConfig } from '#functions/core/config/sync-config';
import type { DigestMarks } from '#functions/core/ports/digest-marks';
import type { FailureStreak } from '#functions/core/ports/failure-streak';
import type { Mailer } from '#functions/core/ports/mailer';
import type { Metrics } from '#functions/core/ports/metrics';
import type { OperatorDeps } from '#functions/core/ports/operator-deps';
import type { PreflightDeps } from '#functions/core/ports/preflight-store';
import type { RunLock, RunStore } from '#functions/core/ports/runs';
import type { FanOutQueue } from '#functions/core/ports/sync-queue';
import type { EngineDeps } from './engine-deps';

/**
 * What the sync Lambda needs for its three triggers; built once per cold start
 * (functions/sync/build-sync-deps.ts).
 */
export interface SyncHandlerDeps {
  /** The config this invocation runs with: the deployed one with the operator's runtime layer over it. */
  config: SyncConfig;
  /** The deployed config alone, when a runtime layer was applied (functions/sync/runtime-overrides.ts). */
  deployedConfig?: SyncConfig | undefined;
  /** Engine dependencies without the per-invocation holder id (the handler adds it). */
  engine: Omit<EngineDeps, 'holderId'>;
  runs: RunStore;
  runLock: RunLock;
  /** Where a manual bulk run is handed off (the HTTP answer is 202 at once) and a run's events fan out. */
  queue: FanOutQueue;
  /** Undefined when `config.notifications` is absent. */
  mailer: Mailer | undefined;
  /** Bearer token of the manual route (from the secret). */
  syncApiToken(): Promise<string>;
  /** Secrets Revel signs `order.finalized` with; none: the Revel webhook route answers 404. */
  revelWebhookSecrets?: (() => Promise<readonly string[]>) | undefined;
  /** Custom metrics, written once per invocation (the handler flushes them). */
  metrics: Metrics;
  failureStreak: FailureStreak;
  /** The operator API's stores; absent in tests that need none (the operator routes then answer 404). */
  ops?: OperatorDeps | undefined;
  /** The last scheduled digest (core/bulk/digest-due.ts); absent: every scheduled run with a failure mails. */
  digestMarks?: DigestMarks | undefined;
  /** The scheduled run's check of upcoming events (core/preflight/); absent: no preflight. */
  preflight?: PreflightDeps | undefined;
}
