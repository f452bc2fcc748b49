import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { WebhookAnswer, WebhookRequest } from '#functions/core/intake/webhook-answer';
import type { RawBodyEvent } from '#functions/middleware/base64-body';

/**
 * HTTP API payload format 2.0, its body already decoded (middleware/base64-body.ts) → the verifier's
 * request. A base64-delivered body is passed on as its exact bytes, never re-encoded from text.
 */
export function toWebhookRequest(event: RawBodyEvent): WebhookRequest {
  const headers: Record<string, string | undefined> = {};
  // HTTP APIs lower-case header names already; REST APIs and local gateways may not.
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    headers[key] = headers[key] === undefined ? value : `${headers[key]},${value}`;
  }
  return { rawBody: event.rawBody ?? event.body ?? '', headers };
}

export function toApiGatewayResult(answer: WebhookAnswer): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: answer.statusCode,
    headers: { 'content-type': 'application/json', 'x-correlation-id': answer.correlationId },
    body: JSON.stringify(answer.body),
  };
}
