import type { Clock } from '#functions/core/ports/clock';
import type { DeliveryLog } from '#functions/core/ports/delivery-log';
import type { Logger } from '#functions/core/ports/logger';
import type { Metrics } from '#functions/core/ports/metrics';
import type { SyncQueue } from '#functions/core/ports/sync-queue';

/**
 * What the verifier needs; built once per cold start (functions/webhook/build-webhook-deps.ts) or by a
 * test / the local runtime.
 */
export interface WebhookDeps {
  /** Current signing secrets (several during a rotation). */
  signingSecrets(): Promise<readonly string[]>;
  queue: SyncQueue;
  deliveries: DeliveryLog;
  clock: Clock;
  logger: Logger;
  /** Written once per invocation (the handler flushes them). */
  metrics: Metrics;
}
