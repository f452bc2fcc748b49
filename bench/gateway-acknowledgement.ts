// The acknowledgement through the local gateway, the vendor sandboxes adding a fixed latency per call:
// this design (verify, remember and enqueue, answer) vs the design it replaces (inject, then answer).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WEBHOOK_PATH } from '#functions/core/contract/routes';
import { buildSyncDeps } from '#functions/sync/build-sync-deps';
import { createSyncHandler } from '#functions/sync/handler';
import { buildWebhookDeps } from '#functions/webhook/build-webhook-deps';
import { createWebhookHandler } from '#functions/webhook/handler';
import { startGateway } from '../dev/gateway';
import { startLocalRuntime } from '../dev/local-system';
import { samplePayload, signWebhook } from '../dev/webhook-signing';
import { injectBeforeAnswering } from './baseline-handler';
import { withQuietHandlers } from './quiet-stderr';
import { type BenchRow, median } from './table';

const TEMPLATE_EVENT = '55521609';

async function post(url: string, eventId: number, secret: string): Promise<{ ms: number; status: string }> {
  const rawBody = JSON.stringify(samplePayload(String(eventId), 'UPDATE_EVENT', '2026-11-29T09:00:00Z'));
  const signature = signWebhook(rawBody, secret, Math.floor(Date.now() / 1000));
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': signature },
    body: rawBody,
  });
  const body = (await response.json()) as { status?: string };
  return { ms: performance.now() - started, status: `${response.status} ${body.status ?? ''}` };
}

export async function benchGatewayAcknowledgement(
  quick: boolean,
  vendorLatencyMs = 100,
): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-gateway-'));
  return withQuietHandlers(async () => {
    const runtime = await startLocalRuntime({
      env: { LOG_LEVEL: 'error' },
      port: 0,
      scheduleIntervalMinutes: 0,
      pollerWaitSeconds: 1,
      localDir: dir,
      outboxDir: join(dir, 'outbox'),
      log: () => {},
    });
    const baselineGateway = await (async () => {
      const sync = createSyncHandler(() => buildSyncDeps(runtime.env, { writeMetrics: () => {} }));
      const baseline = createWebhookHandler(async () =>
        injectBeforeAnswering(await buildWebhookDeps(runtime.env, { writeMetrics: () => {} }), sync, {
          queueUrl: runtime.queueUrl,
          region: runtime.sqs.region,
        }),
      );
      return startGateway({
        port: 0,
        routes: [{ methods: ['POST'], path: WEBHOOK_PATH, handler: baseline }],
      });
    })();
    try {
      const sandboxes = runtime.sandboxes;
      if (!sandboxes) throw new Error('the bench needs the built-in sandboxes');
      const template = sandboxes.tripleseat.event(TEMPLATE_EVENT);
      if (!template) throw new Error(`seed event ${TEMPLATE_EVENT} missing`);
      const count = quick ? 3 : 6;
      const ids = Array.from({ length: 2 * count }, (_, i) => 58_000_000 + i);
      for (const id of ids) sandboxes.tripleseat.setEvent({ ...structuredClone(template), id });
      for (const vendor of ['tripleseat', 'revel'] as const) {
        sandboxes.faults.add({
          vendor,
          path: /./,
          times: Infinity,
          action: { kind: 'delay', ms: vendorLatencyMs },
        });
      }
      const secret = runtime.env.WEBHOOK_SIGNING_SECRETS ?? '';
      // Baseline first: this design's queued work would otherwise share the vendors' pace with it.
      const baseline: number[] = [];
      for (const id of ids.slice(0, count)) {
        const answer = await post(`${baselineGateway.url}${WEBHOOK_PATH}`, id, secret);
        if (answer.status !== '200 queued') throw new Error(`baseline answered ${answer.status}`);
        baseline.push(answer.ms);
      }
      const design: number[] = [];
      await post(`${runtime.url}${WEBHOOK_PATH}`, 57_999_999, secret); // builds the verifier's deps (cold start)
      for (const id of ids.slice(count)) {
        const answer = await post(`${runtime.url}${WEBHOOK_PATH}`, id, secret);
        if (answer.status !== '200 queued') throw new Error(`design answered ${answer.status}`);
        design.push(answer.ms);
      }
      const injected = sandboxes.revel.orders().length;
      return [
        {
          what: `acknowledgement through the local gateway, sandboxes +${vendorLatencyMs} ms per vendor call, median of ${count} warm deliveries`,
          aLabel: 'old design (inject, then answer)',
          a: median(baseline),
          bLabel: 'this design (enqueue, answer)',
          b: median(design),
          unit: 'ms',
          note: `this design ${(median(baseline) / median(design)).toFixed(0)}× faster (target ≥ 20×); ${injected} orders in Revel by then`,
        },
      ];
    } finally {
      await baselineGateway.close();
      await runtime.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
