import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

// API Gateway HTTP APIs pass these bodies as text and base64-encode everything else.
const TEXT_BODY =
  /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript)\b|application\/[\w.+-]*\+(json|xml)\b)/i;

export interface MatchedRoute {
  /** e.g. `GET /api/sync/runs/{id}` */
  routeKey: string;
  pathParameters: Record<string, string> | undefined;
}

/** Builds the payload-format-2.0 event API Gateway HTTP APIs send to a Lambda integration. */
export function toHttpApiEvent(
  req: IncomingMessage,
  body: Buffer,
  route: MatchedRoute,
  now = new Date(),
): APIGatewayProxyEventV2 {
  const url = requestUrl(req);
  const rawQueryString = url.search.slice(1);
  const headers = joinedHeaders(req.rawHeaders);
  const cookies = headers.cookie?.split(/;\s*/).filter((c) => c.length > 0);
  delete headers.cookie;
  const contentType = headers['content-type'] ?? '';
  // A text-typed body that is not UTF-8 (Latin-1, say) is base64-encoded too: as text its bytes would be
  // replaced, and the webhook's signature covers the exact bytes.
  const isBase64Encoded = body.length > 0 && (!TEXT_BODY.test(contentType) || !isUtf8(body));
  const host = headers.host ?? 'localhost';
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString,
    ...(cookies && cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(rawQueryString ? { queryStringParameters: joinedQuery(url.searchParams) } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: accessLogTime(now),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: body.toString(isBase64Encoded ? 'base64' : 'utf8') } : {}),
    ...(route.pathParameters ? { pathParameters: route.pathParameters } : {}),
    isBase64Encoded,
  };
}

/** Writes a Lambda result the way API Gateway does; a bare string or object becomes a 200 JSON body. */
export function writeHttpApiResult(res: ServerResponse, result: unknown): void {
  if (!isStructured(result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    return;
  }
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, String(value));
  if (result.cookies && result.cookies.length > 0) res.setHeader('set-cookie', result.cookies);
  const body = result.body ?? '';
  res.statusCode = result.statusCode ?? 200;
  res.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

export function writeJson(res: ServerResponse, statusCode: number, value: unknown): void {
  res.writeHead(statusCode, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

/** The request target as a URL; `//x` stays a path instead of naming a host. */
export function requestUrl(req: IncomingMessage): URL {
  return new URL(`http://localhost${req.url?.startsWith('/') ? req.url : '/'}`);
}

function isStructured(result: unknown): result is APIGatewayProxyStructuredResultV2 {
  return typeof result === 'object' && result !== null && 'statusCode' in result;
}

// HTTP APIs join repeated headers and query parameters with commas.
function joinedHeaders(rawHeaders: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? '').toLowerCase();
    const value = rawHeaders[i + 1] ?? '';
    const previous = headers[name];
    headers[name] = previous === undefined ? value : `${previous}${name === 'cookie' ? '; ' : ','}${value}`;
  }
  return headers;
}

function joinedQuery(params: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of params) {
    const previous = query[name];
    query[name] = previous === undefined ? value : `${previous},${value}`;
  }
  return query;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`, the format of requestContext.time. */
function accessLogTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}
