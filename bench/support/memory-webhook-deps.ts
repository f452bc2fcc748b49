// The webhook use case's ports in memory for the benchmarks (bench/ has its own support: it never
// imports test/). The queue and delivery log are plain objects; the logger and metrics are the real
// ones writing nowhere, so their cost stays in the measurement.
import type { SyncMessage } from '#functions/core/contract/queue-message';
import type { WebhookDeps } from '#functions/core/intake/webhook-deps';
import type { DeliveryLog } from '#functions/core/ports/delivery-log';
import { createJsonLogger } from '#functions/platform/logger';
import { createMetrics } from '#functions/platform/metrics-emf';

export const BENCH_SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef0123456789abcdef';
export const BENCH_NOW = new Date('2025-06-12T15:00:00Z');
export const BENCH_NOW_SECONDS = Math.floor(BENCH_NOW.getTime() / 1000);

class MemoryDeliveryLog implements DeliveryLog {
  readonly keys = new Map<string, number>();

  async rememberDelivery(key: string, ttlDays: number): Promise<boolean> {
    if (this.keys.has(key)) return false;
    this.keys.set(key, ttlDays);
    return true;
  }

  async forgetDelivery(key: string): Promise<void> {
    this.keys.delete(key);
  }
}

/** WebhookDeps over plain objects: an array for the queue, a fixed clock, log and EMF lines dropped. */
export function memoryWebhookDeps(): { deps: WebhookDeps; sent: SyncMessage[] } {
  const sent: SyncMessage[] = [];
  const deps: WebhookDeps = {
    signingSecrets: async () => [BENCH_SIGNING_SECRET],
    queue: {
      async send(message: SyncMessage): Promise<void> {
        sent.push(message);
      },
    },
    deliveries: new MemoryDeliveryLog(),
    clock: { now: () => BENCH_NOW },
    logger: createJsonLogger({ level: 'debug', write: () => {}, now: () => BENCH_NOW }),
    metrics: createMetrics({
      namespace: 'TripleSeatRevelSync/bench',
      service: 'webhook',
      write: () => {},
      now: () => BENCH_NOW.getTime(),
    }),
  };
  return { deps, sent };
}
