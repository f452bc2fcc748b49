import { AppError, describeError } from '#functions/core/domain/errors';

/** What the verifier reads of an HTTP request; header names are lower-case. */
export interface WebhookRequest {
  /** The body as received: its bytes when the transport had them (a base64-encoded delivery), else text. */
  rawBody: string | Uint8Array;
  headers: Record<string, string | undefined>;
}

/** The HTTP answer; every body carries `correlation_id`, also returned for the response header. */
export interface WebhookAnswer {
  statusCode: number;
  body: Record<string, unknown>;
  correlationId: string;
}

export function webhookAnswer(correlationId: string, statusCode: number, body: Record<string, unknown>) {
  return {
    statusCode,
    body: { ...body, correlation_id: correlationId },
    correlationId,
  } satisfies WebhookAnswer;
}

/** Answered when a retry can help (queue, delivery log or secrets unreachable): TripleSeat re-sends. */
export const unavailable = (correlationId: string): WebhookAnswer =>
  webhookAnswer(correlationId, 503, {
    status: 'unavailable',
    message: 'could not accept the delivery now; retry',
  });

/** Answered for anything unexpected: the cause stays in the logs, never in the answer. */
export const internalError = (correlationId: string): WebhookAnswer =>
  webhookAnswer(correlationId, 500, { status: 'error', message: 'internal error' });

/** The queue, the delivery log or the secrets store failed: a retry can help (503). */
export class WebhookUnavailableError extends AppError {
  override readonly name = 'WebhookUnavailableError';
  readonly code = 'WEBHOOK_UNAVAILABLE';
  readonly retryable = true;
  /** Read by the HTTP error rule (functions/middleware/http-error-answer.ts): a retry can help. */
  override readonly httpStatus = 503;
  constructor(readonly causes: readonly unknown[]) {
    super(`could not accept the delivery: ${causes.map(describeError).join('; ')}`);
  }
}
