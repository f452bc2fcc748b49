import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { InputError } from '#functions/core/domain/errors';
import { headerValue, requestBody } from './http-request';

/** The manual route's parameters are tiny; anything bigger is a mistake or an attack. */
const MAX_BODY_BYTES = 16 * 1024;

/** The query string, plus the body of a POST (JSON or form-encoded); a name given twice is refused. */
export function readRequestParams(event: APIGatewayProxyEventV2): Record<string, unknown> {
  const params = new Map<string, unknown>();
  const add = (entries: Iterable<[string, unknown]>) => {
    for (const [name, value] of entries) {
      if (params.has(name)) throw new InputError(name, `${name} is given more than once`);
      params.set(name, value);
    }
  };
  add(queryEntries(event));
  if (event.requestContext.http.method.toUpperCase() === 'POST') add(bodyEntries(event));
  return Object.fromEntries(params);
}

function queryEntries(event: APIGatewayProxyEventV2): Iterable<[string, string]> {
  if (event.rawQueryString) return new URLSearchParams(event.rawQueryString);
  return Object.entries(event.queryStringParameters ?? {}).flatMap(([k, v]) =>
    v === undefined ? [] : [[k, v] as [string, string]],
  );
}

function bodyEntries(event: APIGatewayProxyEventV2): Iterable<[string, unknown]> {
  const text = requestBody(event);
  if (text.trim() === '') return [];
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new InputError('body', 'the body is larger than 16 KB');
  const type = headerValue(event.headers, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  const isJson =
    type === undefined ? text.trimStart().startsWith('{') : /^application\/(.+\+)?json$/.test(type);
  if (isJson) return Object.entries(jsonObject(text));
  if (type === undefined || type === 'application/x-www-form-urlencoded') return new URLSearchParams(text);
  throw new InputError('body', 'the body must be JSON or form-encoded');
}

/** A request body that must be one JSON object; anything else is a 400 naming the body. */
export function jsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError('body', 'the body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new InputError('body', 'the body must be a JSON object');
  return value as Record<string, unknown>;
}
