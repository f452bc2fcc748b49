import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError, InputError } from '#functions/core/domain/errors';
import { jsonResponse } from './json-response';

/**
 * THE rule for what an HTTP caller learns of a thrown error: an AppError below 500 was written for
 * the caller, so its status and message are answered; an error that says a retry can help (503)
 * answers 503; anything else is 500. Neither 5xx carries the message (it may hold internals), only
 * the correlation id that finds the details in the log.
 */
export function httpStatusFor(e: unknown): number {
  if (!(e instanceof AppError)) return 500;
  if (e.httpStatus < 500) return e.httpStatus;
  return e.retryable && e.httpStatus === 503 ? 503 : 500;
}

/** The same body for every 5xx of both HTTP entry points (webhook and manual route). */
export function genericErrorBody(statusCode: number, correlationId: string) {
  return statusCode === 503
    ? { status: 'unavailable', message: 'temporarily unavailable; retry', correlation_id: correlationId }
    : { status: 'error', message: 'internal error', correlation_id: correlationId };
}

export type HttpErrorAnswer = APIGatewayProxyStructuredResultV2 & { statusCode: number };

export function httpErrorAnswer(e: unknown, correlationId: string): HttpErrorAnswer {
  const statusCode = httpStatusFor(e);
  const exposed = statusCode < 500 && e instanceof AppError;
  const body = !exposed
    ? genericErrorBody(statusCode, correlationId)
    : e instanceof InputError
      ? { error: e.message, parameter: e.field, reason: e.reason ?? e.code }
      : { error: e.message };
  return jsonResponse(statusCode, body, correlationId, statusCode === 503 ? { 'retry-after': '5' } : {});
}
