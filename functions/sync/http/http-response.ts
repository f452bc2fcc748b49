import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResult = APIGatewayProxyStructuredResultV2;

export function jsonResponse(
  statusCode: number,
  body: unknown,
  correlationId: string,
  headers: Record<string, string> = {},
): HttpResult {
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

export const notFound = (correlationId: string): HttpResult =>
  jsonResponse(404, { error: 'not found' }, correlationId);

export const methodNotAllowed = (allow: readonly string[], correlationId: string): HttpResult =>
  jsonResponse(405, { error: 'method not allowed' }, correlationId, { allow: allow.join(', ') });

export const unauthorized = (correlationId: string): HttpResult =>
  jsonResponse(401, { error: 'unauthorized' }, correlationId, { 'www-authenticate': 'Bearer' });

export const serviceUnavailable = (message: string, correlationId: string): HttpResult =>
  jsonResponse(503, { error: message }, correlationId, { 'retry-after': '5' });
