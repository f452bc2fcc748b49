import { request } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MANUAL_SYNC_PATH,
  RUN_STATUS_PATH,
  runStatusPath,
  WEBHOOK_PATH,
} from '#functions/core/contract/routes';
import { createWebhookHandler } from '#functions/webhook/webhook-handler';
import { type Gateway, type GatewayRoute, type HttpApiHandler, startGateway } from '../../../dev/gateway';
import { signWebhook } from '../../../dev/webhook-signing';
import { fakeWebhookDeps, NOW_SECONDS, SIGNING_SECRET } from '../../support/fake-webhook-deps';

let gateway: Gateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

/** Starts a gateway whose one route records the events it receives and answers with `answer`. */
async function recordingGateway(
  answer: HttpApiHandler = async () => ({ statusCode: 204 }),
  extra: Partial<Parameters<typeof startGateway>[0]> = {},
) {
  const events: APIGatewayProxyEventV2[] = [];
  const contexts: Array<{ awsRequestId: string }> = [];
  const route = (methods: string[], path: string): GatewayRoute => ({
    methods,
    path,
    handler: async (event, context) => {
      events.push(event);
      contexts.push(context);
      return answer(event, context);
    },
  });
  gateway = await startGateway({
    port: 0,
    routes: [
      route(['POST'], WEBHOOK_PATH),
      route(['GET', 'POST'], MANUAL_SYNC_PATH),
      route(['GET'], RUN_STATUS_PATH),
    ],
    ...extra,
  });
  return { url: gateway.url, events, contexts };
}

/** node:http, because fetch merges repeated headers before they reach the wire. */
function rawRequest(url: string, headers: Record<string, string | string[]>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the local gateway', () => {
  it('turns a request into an HTTP API payload-format-2.0 event', async () => {
    const { url, events, contexts } = await recordingGateway();
    await fetch(`${url}${MANUAL_SYNC_PATH}?event_id=42&tag=a&tag=b`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Signature': 'abc',
        Cookie: 'a=1; b=2',
        'User-Agent': 'vitest',
      },
      body: '{"hello":"world"}',
    });
    const event = events[0];
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: `POST ${MANUAL_SYNC_PATH}`,
      rawPath: MANUAL_SYNC_PATH,
      rawQueryString: 'event_id=42&tag=a&tag=b',
      queryStringParameters: { event_id: '42', tag: 'a,b' },
      cookies: ['a=1', 'b=2'],
      body: '{"hello":"world"}',
      isBase64Encoded: false,
      requestContext: {
        http: {
          method: 'POST',
          path: MANUAL_SYNC_PATH,
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'vitest',
        },
        routeKey: `POST ${MANUAL_SYNC_PATH}`,
        stage: '$default',
      },
    });
    expect(event?.headers).toMatchObject({ 'content-type': 'application/json', 'x-signature': 'abc' });
    expect(event?.headers.cookie).toBeUndefined();
    expect(event?.requestContext.time).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    expect(Math.abs((event?.requestContext.timeEpoch ?? 0) - Date.now())).toBeLessThan(5_000);
    expect(contexts[0]?.awsRequestId).toBe(event?.requestContext.requestId);
  });

  it('joins repeated headers with commas, like API Gateway', async () => {
    const { url, events } = await recordingGateway();
    await rawRequest(
      `${url}${WEBHOOK_PATH}`,
      { 'X-Trace': ['one', 'two'], 'content-type': 'text/plain' },
      'hi',
    );
    expect(events[0]?.headers['x-trace']).toBe('one,two');
    expect(events[0]?.queryStringParameters).toBeUndefined();
  });

  it('base64-encodes a body that is not text, JSON or a form', async () => {
    const { url, events } = await recordingGateway();
    const bytes = Buffer.from([0, 1, 2, 250, 251]);
    await fetch(`${url}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(events[0]?.isBase64Encoded).toBe(true);
    expect(Buffer.from(events[0]?.body ?? '', 'base64')).toEqual(bytes);
  });

  it('base64-encodes a JSON body that is not UTF-8, so no byte is replaced', async () => {
    const { url, events } = await recordingGateway();
    const latin1 = Buffer.from('{"name":"Noël"}', 'latin1');
    await fetch(`${url}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: latin1,
    });
    expect(events[0]?.isBase64Encoded).toBe(true);
    expect(Buffer.from(events[0]?.body ?? '', 'base64')).toEqual(latin1);
  });

  it('lets the real verifier accept a correctly signed Latin-1 webhook body', async () => {
    const { deps, sent } = fakeWebhookDeps();
    const webhook = createWebhookHandler(async () => deps);
    gateway = await startGateway({
      port: 0,
      routes: [{ methods: ['POST'], path: WEBHOOK_PATH, handler: webhook }],
    });
    const latin1 = Buffer.from(
      JSON.stringify({
        webhook_trigger_type: 'UPDATE_EVENT',
        event: { id: 55521609, name: 'Noël', updated_at: 'v1' },
      }),
      'latin1',
    );
    const response = await fetch(`${gateway.url}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature': signWebhook(latin1, SIGNING_SECRET, NOW_SECONDS),
      },
      body: latin1,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'queued' });
    expect(sent.map((m) => m.kind === 'event' && m.eventId)).toEqual(['55521609']);
  });

  it('passes the run id of /api/sync/runs/{id} as a path parameter', async () => {
    const { url, events } = await recordingGateway();
    await fetch(`${url}${runStatusPath('run-123')}`);
    expect(events[0]).toMatchObject({
      routeKey: `GET ${RUN_STATUS_PATH}`,
      pathParameters: { id: 'run-123' },
    });
    expect(events[0]?.body).toBeUndefined();
  });

  it('writes back the status, headers, cookies and a decoded base64 body', async () => {
    const { url } = await recordingGateway(async () => ({
      statusCode: 202,
      headers: { 'content-type': 'text/plain', 'x-run-id': 'r1' },
      cookies: ['session=1; HttpOnly', 'theme=dark'],
      body: Buffer.from('accepted').toString('base64'),
      isBase64Encoded: true,
    }));
    const response = await fetch(`${url}${MANUAL_SYNC_PATH}`);
    expect(response.status).toBe(202);
    expect(response.headers.get('x-run-id')).toBe('r1');
    expect(response.headers.getSetCookie()).toEqual(['session=1; HttpOnly', 'theme=dark']);
    expect(await response.text()).toBe('accepted');
  });

  it('answers 200 JSON when the handler returns a bare object', async () => {
    const { url } = await recordingGateway(async () => ({ status: 'ok' }));
    const response = await fetch(`${url}${MANUAL_SYNC_PATH}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers 404 JSON for an unknown route or method without calling a handler', async () => {
    const { url, events } = await recordingGateway();
    const unknownPath = await fetch(`${url}/nowhere`);
    const wrongMethod = await fetch(`${url}${WEBHOOK_PATH}`);
    expect([unknownPath.status, wrongMethod.status]).toEqual([404, 404]);
    expect(await unknownPath.json()).toEqual({ message: 'Not Found' });
    expect(events).toHaveLength(0);
  });

  it('answers 413 to a body over 1 MB before the handler sees it', async () => {
    const { url, events } = await recordingGateway();
    const response = await fetch(`${url}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
    expect(events).toHaveLength(0);
  });

  it('accepts a body of exactly 1 MB', async () => {
    const { url, events } = await recordingGateway();
    const response = await fetch(`${url}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(1024 * 1024),
    });
    expect(response.status).toBe(204);
    expect(events[0]?.body).toHaveLength(1024 * 1024);
  });

  it('answers 504 when a handler outlives the integration timeout', async () => {
    const { url } = await recordingGateway(
      () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200 }), 500)),
      {
        timeoutMs: 50,
      },
    );
    const response = await fetch(`${url}${MANUAL_SYNC_PATH}`);
    expect(response.status).toBe(504);
  });

  it('answers a generic 500 when a handler throws, without its message', async () => {
    const errors: unknown[] = [];
    const { url } = await recordingGateway(
      async () => {
        throw new Error('secret detail');
      },
      { onError: (e) => errors.push(e) },
    );
    const response = await fetch(`${url}${MANUAL_SYNC_PATH}`);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('secret detail');
    expect(errors).toHaveLength(1);
  });
});
