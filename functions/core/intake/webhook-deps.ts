import type { Clock } from '../ports/clock';
import type { DeliveryLog } from '../ports/delivery-log';
import type { Logger } from '../ports/logger';
import type { Metrics } from '../ports/metrics';
import type { SyncQueue } from '../ports/sync-queue';

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
