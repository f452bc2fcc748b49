import type { Metrics } from '../platform/metrics';
import type { SyncQueue } from '../platform/queue-message';
import type { Clock, DeliveryLog, Logger } from '../sync/ports';

/** What the verifier needs; built once per cold start (deps.ts) or by a test / the local runtime. */
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
