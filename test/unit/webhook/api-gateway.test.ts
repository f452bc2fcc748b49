import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { WEBHOOK_PATH } from '#functions/core/contract/routes';
import { toApiGatewayResult, toWebhookRequest } from '#functions/webhook/api-gateway';

function httpApiEvent(overrides: Partial<APIGatewayProxyEventV2>): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `POST ${WEBHOOK_PATH}`,
    rawPath: WEBHOOK_PATH,
    rawQueryString: '',
    headers: {},
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: {
        method: 'POST',
        path: WEBHOOK_PATH,
        protocol: 'HTTP/1.1',
        sourceIp: '1.2.3.4',
        userAgent: 'ts',
      },
      requestId: 'req-1',
      routeKey: `POST ${WEBHOOK_PATH}`,
      stage: '$default',
      time: '12/Jun/2025:15:00:00 +0000',
      timeEpoch: 1_749_740_400_000,
    },
    isBase64Encoded: false,
    ...overrides,
  };
}

describe('toWebhookRequest', () => {
  it('passes a text body through untouched', () => {
    const body = '{"webhook_trigger_type":"UPDATE_EVENT"}';
    expect(toWebhookRequest(httpApiEvent({ body })).rawBody).toBe(body);
  });

  it('passes the exact bytes of a base64-delivered body on, not its text', () => {
    const bytes = Buffer.from('{"name":"Noël"}', 'latin1');
    const event = { ...httpApiEvent({ body: bytes.toString('utf8') }), rawBody: bytes };
    expect(toWebhookRequest(event).rawBody).toBe(bytes);
  });

  it('reads a missing body as empty', () => {
    expect(toWebhookRequest(httpApiEvent({})).rawBody).toBe('');
  });

  it('lower-cases header names whatever case they arrive in', () => {
    const event = httpApiEvent({ headers: { 'X-Signature': 't=1,v1=ab', 'X-Correlation-ID': 'c-1' } });
    expect(toWebhookRequest(event).headers).toEqual({
      'x-signature': 't=1,v1=ab',
      'x-correlation-id': 'c-1',
    });
  });

  it('joins a header sent twice in different cases with a comma, as HTTP APIs do', () => {
    const event = httpApiEvent({ headers: { 'x-signature': 'v1=aa', 'X-SIGNATURE': 'v1=bb' } });
    expect(toWebhookRequest(event).headers['x-signature']).toBe('v1=aa,v1=bb');
  });
});

describe('toApiGatewayResult', () => {
  it('answers JSON with the correlation id as a response header', () => {
    const result = toApiGatewayResult({
      statusCode: 401,
      correlationId: 'c-9',
      body: { status: 'rejected', reason: 'MISMATCH', correlation_id: 'c-9' },
    });
    expect(result).toEqual({
      statusCode: 401,
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'c-9' },
      body: '{"status":"rejected","reason":"MISMATCH","correlation_id":"c-9"}',
    });
  });
});
