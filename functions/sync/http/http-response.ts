import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError, describeError, InputError } from '../../core/domain/errors';
import type { Logger } from '../../core/ports/logger';

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

/**
 * THE mapping from a thrown error to an answer: an AppError below 500 was written for the caller
 * (its message names the problem); anything else may carry internals, so the caller gets a
 * generic 500 with the correlation id and the details go to the log.
 */
export function errorResponse(e: unknown, correlationId: string, logger: Logger): HttpResult {
  if (e instanceof AppError && e.httpStatus < 500) {
    const body = e instanceof InputError ? { error: e.message, parameter: e.field } : { error: e.message };
    return jsonResponse(e.httpStatus, body, correlationId);
  }
  logger.error('request failed', { error: describeError(e) });
  return jsonResponse(500, { error: 'internal error', correlation_id: correlationId }, correlationId);
}

export const notFound = (correlationId: string): HttpResult =>
  jsonResponse(404, { error: 'not found' }, correlationId);

export const methodNotAllowed = (allow: readonly string[], correlationId: string): HttpResult =>
  jsonResponse(405, { error: 'method not allowed' }, correlationId, { allow: allow.join(', ') });

export const unauthorized = (correlationId: string): HttpResult =>
  jsonResponse(401, { error: 'unauthorized' }, correlationId, { 'www-authenticate': 'Bearer' });

export const serviceUnavailable = (message: string, correlationId: string): HttpResult =>
  jsonResponse(503, { error: message }, correlationId, { 'retry-after': '5' });
