import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * API Gateway base64-encodes bodies it does not consider text; the handler sees the decoded text
 * (for the webhook: the bytes TripleSeat signed).
 */
export function base64Body(): MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    before: (request) => {
      const { body, isBase64Encoded } = request.event;
      if (!isBase64Encoded || body === undefined) return;
      request.event = {
        ...request.event,
        body: Buffer.from(body, 'base64').toString('utf8'),
        isBase64Encoded: false,
      };
    },
  };
}
