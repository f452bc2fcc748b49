import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { entryPoint, type HandlerContext } from '#functions/middleware/handler-context';
import { httpCorrelation } from '#functions/middleware/http-correlation';

/** Answers what the route would see: the correlation id on the context and the request's headers. */
const seen = entryPoint(
  middy<APIGatewayProxyEventV2, unknown, Error, HandlerContext<unknown>>()
    .use(httpCorrelation())
    .handler(async (event, context) => ({ correlationId: context.correlationId, headers: event.headers })),
);

const request = (headers: Record<string, string>) => ({ headers }) as unknown as APIGatewayProxyEventV2;

describe('httpCorrelation', () => {
  it('keeps a sane caller id, whatever the case of the header name, as the only such header', async () => {
    const answer = await seen(request({ 'X-Correlation-ID': 'ops-check-1', accept: '*/*' }));
    expect(answer).toEqual({
      correlationId: 'ops-check-1',
      headers: { accept: '*/*', 'x-correlation-id': 'ops-check-1' },
    });
  });

  it('replaces an unsafe id with a fresh one that the route sees too, leaving the caller’s event untouched', async () => {
    const event = request({ 'x-correlation-id': 'a b\n{}' });
    const answer = (await seen(event)) as { correlationId: string; headers: object };
    expect(answer.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers).toEqual({ 'x-correlation-id': answer.correlationId });
    expect(event.headers).toEqual({ 'x-correlation-id': 'a b\n{}' });
  });
});
