import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

type Headers = APIGatewayProxyEventV2['headers'] | undefined;

/** API Gateway lower-cases header names; the local gateway and tests may not. */
export function headerValue(headers: Headers, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

const SANE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-correlation-id` when it is safe to put in a log line, else a fresh one. */
export function correlationIdOf(headers: Headers): string {
  const given = headerValue(headers, 'x-correlation-id')?.trim();
  return given && SANE_CORRELATION_ID.test(given) ? given : randomUUID();
}

export function requestBody(event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>): string {
  const body = event.body ?? '';
  return event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}
