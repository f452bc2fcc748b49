import type { SyncMessage } from '#functions/core/contract/queue-message';
import type { WebhookDeps } from '#functions/core/intake/webhook-deps';
import type { DeliveryLog } from '#functions/core/ports/delivery-log';
import { createJsonLogger } from '#functions/platform/logger';
import { createMetrics } from '#functions/platform/metrics-emf';
import { emfDocuments } from './metric-lines';

export const SIGNING_SECRET = '6f1c2a9e4b7d3f805e2c9a1b4d6f8e0a3c5b7d9f1e2a4c6b8d0f2e4a6c8b0d2f';
export const NOW = new Date('2025-06-12T15:00:00Z');
export const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);
export const METRICS_NAMESPACE = 'TripleSeatRevelSync/test';

/** Remembers keys in a Map; `failing` makes every call throw, as an unreachable table would. */
export class MemoryDeliveryLog implements DeliveryLog {
  readonly keys = new Map<string, number>();
  failing = false;

  async rememberDelivery(key: string, ttlDays: number): Promise<boolean> {
    if (this.failing) throw new Error('delivery log unreachable');
    if (this.keys.has(key)) return false;
    this.keys.set(key, ttlDays);
    return true;
  }

  async forgetDelivery(key: string): Promise<void> {
    if (this.failing) throw new Error('delivery log unreachable');
    this.keys.delete(key);
  }
}

/** WebhookDeps over plain objects: an array for the queue, a fixed clock, captured log and EMF lines. */
export function fakeWebhookDeps(secrets: readonly string[] = [SIGNING_SECRET]) {
  const sent: SyncMessage[] = [];
  const logLines: string[] = [];
  const metricLines: string[] = [];
  const queue = {
    failing: false,
    async send(message: SyncMessage): Promise<void> {
      if (queue.failing) throw new Error('SQS unreachable');
      sent.push(message);
    },
  };
  const deliveries = new MemoryDeliveryLog();
  const deps: WebhookDeps = {
    signingSecrets: async () => secrets,
    queue,
    deliveries,
    clock: { now: () => NOW },
    logger: createJsonLogger({ level: 'debug', write: (line) => logLines.push(line), now: () => NOW }),
    metrics: createMetrics({
      namespace: METRICS_NAMESPACE,
      service: 'webhook',
      write: (line) => metricLines.push(line),
      now: () => NOW.getTime(),
    }),
  };
  return { deps, sent, queue, deliveries, logLines, metricLines, metrics: () => emfDocuments(metricLines) };
}
