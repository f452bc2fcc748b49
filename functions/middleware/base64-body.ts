import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** An HTTP API event once `base64Body()` ran: `rawBody` holds the exact bytes of a base64-encoded body. */
export type RawBodyEvent = APIGatewayProxyEventV2 & { rawBody?: Uint8Array };

/**
 * API Gateway base64-encodes bodies it does not consider text. The handler sees the decoded text in
 * `body` and the exact decoded bytes in `rawBody` — for the webhook, the bytes TripleSeat signed: a
 * body that is not UTF-8 (Latin-1, say) would not survive a round trip through text.
 */
export function base64Body(): MiddlewareObj<RawBodyEvent> {
  return {
    before: (request) => {
      const { body, isBase64Encoded } = request.event;
      if (!isBase64Encoded || body === undefined) return;
      const rawBody = Buffer.from(body, 'base64');
      request.event = { ...request.event, body: rawBody.toString('utf8'), rawBody, isBase64Encoded: false };
    },
  };
}
