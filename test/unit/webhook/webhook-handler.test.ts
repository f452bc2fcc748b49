import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '#functions/core/domain/errors';
import type { WebhookDeps } from '#functions/core/intake/webhook-deps';
import { MetricName } from '#functions/core/ports/metrics';
import { createJsonLogger } from '#functions/platform/logger';
import { createMetrics } from '#functions/platform/metrics-emf';
import { createWebhookHandler } from '#functions/webhook/webhook-handler';
import { signWebhook } from '../../../dev/webhook-signing';
import {
  fakeWebhookDeps,
  METRICS_NAMESPACE,
  NOW_SECONDS,
  SIGNING_SECRET,
} from '../../support/fake-webhook-deps';
import { silentLogger } from '../../support/silent-logger';

function signedEvent(eventId: number): APIGatewayProxyEventV2 {
  const body = JSON.stringify({
    webhook_trigger_type: 'UPDATE_EVENT',
    event: { id: eventId, updated_at: 'v1' },
  });
  return {
    body: Buffer.from(body).toString('base64'),
    isBase64Encoded: true,
    headers: {
      'X-Signature': signWebhook(body, SIGNING_SECRET, NOW_SECONDS),
      'x-correlation-id': `c-${eventId}`,
    },
  } as unknown as APIGatewayProxyEventV2;
}

const bodyOf = (result: { body?: string }) => JSON.parse(result.body ?? '{}');

describe('createWebhookHandler', () => {
  it('builds its deps once across calls and answers through API Gateway shapes', async () => {
    const { deps, sent } = fakeWebhookDeps();
    let builds = 0;
    const handler = createWebhookHandler(async () => {
      builds += 1;
      return deps;
    });
    const answers = await Promise.all([handler(signedEvent(1)), handler(signedEvent(2))]);
    const third = await handler(signedEvent(3));
    expect(builds).toBe(1);
    expect([...answers, third].map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(third.headers).toMatchObject({ 'x-correlation-id': 'c-3', 'content-type': 'application/json' });
    expect(bodyOf(third)).toMatchObject({ status: 'queued', correlation_id: 'c-3' });
    expect(sent).toHaveLength(3);
  });

  it('answers 503 when building the deps fails, and builds them again on the next call', async () => {
    const { deps } = fakeWebhookDeps();
    const attempts: Array<() => Promise<WebhookDeps>> = [
      () => Promise.reject(new Error('Secrets Manager unreachable')),
      () => Promise.resolve(deps),
    ];
    let builds = 0;
    const lines: string[] = [];
    const handler = createWebhookHandler(
      () => attempts[builds++]?.() ?? Promise.reject(new Error('built too often')),
      createJsonLogger({ write: (line) => lines.push(line) }),
    );
    const first = await handler(signedEvent(1));
    expect(first.statusCode).toBe(503);
    expect(bodyOf(first)).toMatchObject({ status: 'unavailable', correlation_id: 'c-1' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      correlation_id: 'c-1',
      error: 'Secrets Manager unreachable',
    });
    expect((await handler(signedEvent(1))).statusCode).toBe(200);
    expect((await handler(signedEvent(2))).statusCode).toBe(200);
    expect(builds).toBe(2);
  });

  it('answers a generic 500 when the configuration is broken, without exposing the message', async () => {
    const handler = createWebhookHandler(
      () => Promise.reject(new ConfigError('WEBHOOK_SIGNING_SECRETS', 'missing')),
      silentLogger,
    );
    const answer = await handler(signedEvent(1));
    expect(answer.statusCode).toBe(500);
    expect(bodyOf(answer)).toEqual({ status: 'error', message: 'internal error', correlation_id: 'c-1' });
  });

  it('accepts a correctly signed Latin-1 body that API Gateway delivered base64-encoded', async () => {
    const { deps, sent } = fakeWebhookDeps();
    const handler = createWebhookHandler(async () => deps);
    const text = JSON.stringify({
      webhook_trigger_type: 'UPDATE_EVENT',
      event: { id: 55521609, name: 'Déjeuner de Noël', updated_at: 'v1' },
    });
    const latin1 = Buffer.from(text, 'latin1');
    const event = {
      body: latin1.toString('base64'),
      isBase64Encoded: true,
      headers: {
        'x-signature': signWebhook(latin1, SIGNING_SECRET, NOW_SECONDS),
        'x-correlation-id': 'c-l1',
      },
    } as unknown as APIGatewayProxyEventV2;

    const answer = await handler(event);

    expect(answer.statusCode).toBe(200);
    expect(bodyOf(answer)).toMatchObject({
      status: 'queued',
      events: [{ id: '55521609', status: 'queued' }],
    });
    expect(sent).toEqual([expect.objectContaining({ eventId: '55521609', trigger: 'UPDATE_EVENT' })]);
  });

  it('publishes WebhookRejected in the configured namespace for a 401, one line per invocation', async () => {
    const { deps, metrics } = fakeWebhookDeps();
    const handler = createWebhookHandler(async () => deps);
    const forged = signedEvent(1);
    forged.headers['X-Signature'] = 'sha256=forged';

    const answers = [await handler(forged), await handler(forged), await handler(signedEvent(2))];

    expect(answers.map((a) => a.statusCode)).toEqual([401, 401, 200]);
    expect(metrics()).toEqual([
      expect.objectContaining({ namespace: METRICS_NAMESPACE, metrics: { [MetricName.WebhookRejected]: 1 } }),
      expect.objectContaining({ namespace: METRICS_NAMESPACE, metrics: { [MetricName.WebhookRejected]: 1 } }),
    ]);
  });

  it('still answers when the metrics line cannot be written, and logs why', async () => {
    const { deps, logLines } = fakeWebhookDeps();
    const write = () => {
      throw new Error('EPIPE');
    };
    deps.metrics = createMetrics({ namespace: METRICS_NAMESPACE, service: 'webhook', write });
    const forged = signedEvent(1);
    forged.headers['X-Signature'] = 'sha256=forged';

    expect((await createWebhookHandler(async () => deps)(forged)).statusCode).toBe(401);
    expect(logLines.some((l) => l.includes('metrics not flushed') && l.includes('EPIPE'))).toBe(true);
  });

  describe('log lines', () => {
    afterEach(() => vi.unstubAllEnvs());

    it('carry the Lambda request id, the cold-start flag and the correlation id', async () => {
      vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
      const { deps, logLines } = fakeWebhookDeps();
      const handler = createWebhookHandler(async () => deps);

      await handler(signedEvent(1), { awsRequestId: 'lambda-req-1' });
      await handler(signedEvent(2), { awsRequestId: 'lambda-req-2' });

      expect(logLines.map((line) => JSON.parse(line))).toEqual([
        expect.objectContaining({
          message: 'webhook queued',
          function_request_id: 'lambda-req-1',
          cold_start: true,
          correlation_id: 'c-1',
        }),
        expect.objectContaining({
          message: 'webhook queued',
          function_request_id: 'lambda-req-2',
          cold_start: false,
          correlation_id: 'c-2',
        }),
      ]);
    });
  });
});
