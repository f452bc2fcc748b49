import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  type MatchedRoute,
  requestUrl,
  toHttpApiEvent,
  writeHttpApiResult,
  writeJson,
} from './http-api-event';

export type HttpApiHandler = (
  event: APIGatewayProxyEventV2,
  context: { awsRequestId: string },
) => Promise<unknown>;

export interface GatewayRoute {
  methods: readonly string[];
  /** A path template; `{name}` segments become pathParameters. */
  path: string;
  handler: HttpApiHandler;
  /** Overrides the gateway's integration timeout (for local-only routes that are not API Gateway's). */
  timeoutMs?: number;
}

export interface GatewayOptions {
  port: number;
  host?: string;
  routes: readonly GatewayRoute[];
  /** API Gateway cuts every integration at 30 s; that is why bulk runs answer 202. */
  timeoutMs?: number;
  maxBodyBytes?: number;
  onError?: (error: unknown) => void;
}

export interface Gateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const INTEGRATION_TIMEOUT_MS = 30_000;
export const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** A local stand-in for API Gateway HTTP API: real HTTP in, payload-format-2.0 events out. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const timeoutMs = options.timeoutMs ?? INTEGRATION_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const onError = options.onError ?? (() => {});
  const server = createServer((req, res) => {
    serve(req, res).catch((e: unknown) => {
      onError(e);
      if (!res.headersSent) writeJson(res, 500, { message: 'Internal Server Error' });
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = requestUrl(req).pathname;
    const match = matchRoute(options.routes, method, path);
    if (!match) {
      req.resume();
      writeJson(res, 404, { message: 'Not Found' });
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch (e: unknown) {
      if (!(e instanceof BodyTooLargeError)) throw e;
      writeJson(res, 413, { message: 'Request Entity Too Large' });
      return;
    }
    const event = toHttpApiEvent(req, body, match.matched);
    const invocation = match.route.handler(event, { awsRequestId: event.requestContext.requestId });
    const result = await withTimeout(invocation, match.route.timeoutMs ?? timeoutMs);
    if (result === TIMED_OUT) {
      // The handler goes on running, as a Lambda does after API Gateway has given up on it.
      invocation.catch(onError);
      writeJson(res, 504, { message: 'Endpoint request timed out' });
      return;
    }
    writeHttpApiResult(res, result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    port,
    close: async () => {
      server.closeIdleConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

export function matchRoute(
  routes: readonly GatewayRoute[],
  method: string,
  path: string,
): { route: GatewayRoute; matched: MatchedRoute } | undefined {
  const segments = path.split('/');
  for (const route of routes) {
    if (!route.methods.includes(method)) continue;
    const template = route.path.split('/');
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const fits = template.every((part, i) => {
      const actual = segments[i] ?? '';
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return part === actual;
      if (actual === '') return false;
      params[name] = safeDecode(actual);
      return true;
    });
    if (fits) {
      const pathParameters = Object.keys(params).length > 0 ? params : undefined;
      return { route, matched: { routeKey: `${method} ${route.path}`, pathParameters } };
    }
  }
  return undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray `%` is passed on as sent
  }
}

// Reads to the end even past the cap, so the client has finished sending when it gets the 413.
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.once('error', reject);
    req.once('end', () => {
      if (size > maxBytes) reject(new BodyTooLargeError(`body of ${size} bytes`));
      else resolve(Buffer.concat(chunks));
    });
  });
}

const TIMED_OUT = Symbol('timed out');

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
