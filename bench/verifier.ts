// The verifier in-process: throughput and latency of receiveWebhook with in-memory ports, and the
// acknowledgement with a fixed latency per AWS call, sequential (the old design) vs overlapped.
import { performance } from 'node:perf_hooks';
import type { SyncMessage } from '#functions/core/contract/queue-message';
import { receiveWebhook } from '#functions/core/intake/receive-webhook';
import type { WebhookDeps } from '#functions/core/intake/webhook-deps';
import type { DeliveryLog } from '#functions/core/ports/delivery-log';
import { signWebhook } from '../dev/webhook-signing';
import { BENCH_NOW_SECONDS, BENCH_SIGNING_SECRET, memoryWebhookDeps } from './support/memory-webhook-deps';
import { type BenchRow, median, percentile, sleep } from './table';

function signedDelivery(eventId: number, bytes: number) {
  const body = {
    webhook_trigger_type: 'UPDATE_EVENT',
    event: { id: eventId, updated_at: '2026-11-29T09:00:00Z' },
  };
  const bare = JSON.stringify({ ...body, padding: '' });
  const rawBody = JSON.stringify({ ...body, padding: 'x'.repeat(Math.max(0, bytes - bare.length)) });
  return {
    rawBody,
    headers: { 'x-signature': signWebhook(rawBody, BENCH_SIGNING_SECRET, BENCH_NOW_SECONDS) },
  };
}

interface Throughput {
  perSecond: number;
  p50: number;
  p99: number;
}

async function throughput(count: number, bytes: number): Promise<Throughput> {
  const requests = Array.from({ length: count }, (_, i) => signedDelivery(60_000_000 + i, bytes));
  const { deps } = memoryWebhookDeps();
  deps.logger = { debug() {}, info() {}, warn() {}, error() {} };
  for (const request of requests.slice(0, 200)) await receiveWebhook(request, deps); // warm-up (JIT)
  const fresh = memoryWebhookDeps().deps;
  fresh.logger = deps.logger;
  const durations: number[] = [];
  const started = performance.now();
  for (const request of requests) {
    const t = performance.now();
    const answer = await receiveWebhook(request, fresh);
    durations.push(performance.now() - t);
    if (answer.statusCode !== 200) throw new Error(`bench delivery answered ${answer.statusCode}`);
  }
  const seconds = (performance.now() - started) / 1000;
  durations.sort((x, y) => x - y);
  return { perSecond: count / seconds, p50: percentile(durations, 50), p99: percentile(durations, 99) };
}

/**
 * In-memory ports where every call takes `latencyMs`. `sequential` makes the send wait for the
 * delivery-log write first, which is what the verifier did before the two calls overlapped.
 */
function slowPorts(deps: WebhookDeps, latencyMs: number, sequential: boolean): void {
  const keys = new Set<string>();
  let lastWrite: Promise<unknown> = Promise.resolve();
  const deliveries: DeliveryLog = {
    rememberDelivery: (key) => {
      lastWrite = sleep(latencyMs).then(() => {
        const isNew = !keys.has(key);
        keys.add(key);
        return isNew;
      });
      return lastWrite as Promise<boolean>;
    },
    forgetDelivery: async (key) => {
      await sleep(latencyMs);
      keys.delete(key);
    },
  };
  deps.deliveries = deliveries;
  deps.queue = {
    send: async (_message: SyncMessage) => {
      if (sequential) await lastWrite;
      await sleep(latencyMs);
    },
  };
}

async function acknowledgement(latencyMs: number, sequential: boolean, count: number): Promise<number> {
  const { deps } = memoryWebhookDeps();
  deps.logger = { debug() {}, info() {}, warn() {}, error() {} };
  slowPorts(deps, latencyMs, sequential);
  const durations: number[] = [];
  for (let i = 0; i < count; i++) {
    const request = signedDelivery(61_000_000 + i, 1024);
    const t = performance.now();
    await receiveWebhook(request, deps);
    durations.push(performance.now() - t);
  }
  return median(durations);
}

export async function benchVerifier(quick: boolean): Promise<BenchRow[]> {
  const small = await throughput(quick ? 3_000 : 20_000, 1024);
  const large = await throughput(quick ? 500 : 3_000, 64 * 1024);
  const awsMs = 10;
  const count = quick ? 30 : 100;
  const sequential = await acknowledgement(awsMs, true, count);
  const overlapped = await acknowledgement(awsMs, false, count);
  return [
    {
      what: 'verifier in-process (in-memory ports): verified deliveries per second',
      aLabel: '1 KB',
      a: small.perSecond,
      bLabel: '64 KB',
      b: large.perSecond,
      unit: '/s',
    },
    {
      what: 'verifier in-process: p50 per delivery',
      aLabel: '1 KB',
      a: small.p50,
      bLabel: '64 KB',
      b: large.p50,
      unit: 'ms',
    },
    {
      what: 'verifier in-process: p99 per delivery',
      aLabel: '1 KB',
      a: small.p99,
      bLabel: '64 KB',
      b: large.p99,
      unit: 'ms',
      note: 'target: 1 KB p99 < 0.2 ms',
    },
    {
      what: `acknowledgement, ${awsMs} ms per AWS call (in-memory ports), median of ${count}`,
      aLabel: 'sequential (old)',
      a: sequential,
      bLabel: 'overlapped (new)',
      b: overlapped,
      unit: 'ms',
      note: `target: ≈ one AWS round trip (${awsMs} ms)`,
    },
  ];
}
