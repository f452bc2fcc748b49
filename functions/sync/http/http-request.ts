import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { correlationIdFrom } from '#functions/core/contract/correlation-id';

type Headers = APIGatewayProxyEventV2['headers'] | undefined;

/** API Gateway lower-cases header names; the local gateway and tests may not. */
export function headerValue(headers: Headers, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** The caller's `x-correlation-id` when it is safe to put in a log line, else a fresh one. */
export function correlationIdOf(headers: Headers): string {
  return correlationIdFrom(headerValue(headers, 'x-correlation-id'));
}

export function requestBody(event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>): string {
  const body = event.body ?? '';
  return event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}
