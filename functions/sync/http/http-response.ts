import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { jsonResponse } from '#functions/middleware/json-response';

export type HttpResult = APIGatewayProxyStructuredResultV2;
export { jsonResponse };

export const notFound = (correlationId: string): HttpResult =>
  jsonResponse(404, { error: 'not found' }, correlationId);

export const methodNotAllowed = (allow: readonly string[], correlationId: string): HttpResult =>
  jsonResponse(405, { error: 'method not allowed' }, correlationId, { allow: allow.join(', ') });

export const unauthorized = (correlationId: string): HttpResult =>
  jsonResponse(401, { error: 'unauthorized' }, correlationId, { 'www-authenticate': 'Bearer' });

export const serviceUnavailable = (message: string, correlationId: string): HttpResult =>
  jsonResponse(503, { error: message }, correlationId, { 'retry-after': '5' });
