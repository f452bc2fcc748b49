import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { base64Body, type RawBodyEvent } from '#functions/middleware/base64-body';

interface Seen {
  body: string | undefined;
  isBase64Encoded: boolean;
  rawBody?: Buffer;
}

const bodySeen = middy<RawBodyEvent, Seen>()
  .use(base64Body())
  .handler(async (event) => ({
    body: event.body,
    isBase64Encoded: event.isBase64Encoded,
    ...(event.rawBody ? { rawBody: Buffer.from(event.rawBody) } : {}),
  }));

const request = (body: string | undefined, isBase64Encoded: boolean) =>
  ({ body, isBase64Encoded, headers: {} }) as unknown as APIGatewayProxyEventV2;

describe('base64Body', () => {
  it('decodes a base64-encoded body back to the bytes TripleSeat signed', async () => {
    const body = '{"event":{"id":1,"name":"Café Noël"}}';
    const encoded = request(Buffer.from(body).toString('base64'), true);
    expect(await bodySeen(encoded, {} as Context)).toEqual({
      body,
      isBase64Encoded: false,
      rawBody: Buffer.from(body),
    });
  });

  it('keeps the exact bytes of a body that is not UTF-8, which text would not survive', async () => {
    const latin1 = Buffer.from('{"event":{"id":1,"name":"Café Noël"}}', 'latin1');
    const seen = await bodySeen(request(latin1.toString('base64'), true), {} as Context);
    expect(seen).toMatchObject({ rawBody: latin1, isBase64Encoded: false });
    expect(Buffer.from(String(seen.body), 'utf8').equals(latin1)).toBe(false);
  });

  it('passes a text body and a missing body through untouched', async () => {
    expect(await bodySeen(request('{"a":1}', false), {} as Context)).toEqual({
      body: '{"a":1}',
      isBase64Encoded: false,
    });
    expect(await bodySeen(request(undefined, true), {} as Context)).toEqual({
      body: undefined,
      isBase64Encoded: true,
    });
  });
});
