import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Every JSON answer of both HTTP entry points: never cached, always naming its correlation id. */
export function jsonResponse(
  statusCode: number,
  body: unknown,
  correlationId: string,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 & { statusCode: number } {
  return {
    statusCode,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-correlation-id': correlationId,
      ...headers,
    },
    body: JSON.stringify(body),
  };
}
