import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the sandbox handlers see it: body already read, URL already parsed. */
export interface SandboxRequest {
  method: string;
  url: URL;
  /** `url.pathname`, kept separately because every route matches on it. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export type SandboxHandler = (request: SandboxRequest) => Promise<SandboxResponse>;

export interface RunningServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  port: number;
  close(): Promise<void>;
}

const maxBodyBytes = 1_000_000;

export function json(status: number, value: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function html(status: number, body: string, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

export function header(request: SandboxRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function parseJsonBody(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e: unknown) {
    if (e instanceof SyntaxError) return { ok: false };
    throw e;
  }
}

function readBody(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    incoming.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.on('error', reject);
  });
}

function write(outgoing: ServerResponse, response: SandboxResponse): void {
  // A delayed answer may outlive the client (timeouts) or the server (close).
  if (outgoing.destroyed || outgoing.writableEnded) return;
  outgoing.writeHead(response.status, response.headers);
  outgoing.end(response.body);
}

/** Starts a plain node:http server on 127.0.0.1; port 0 picks a free port. */
export function startHttpServer(port: number, handler: SandboxHandler): Promise<RunningServer> {
  const server = createServer((incoming, outgoing) => {
    readBody(incoming)
      .then((body) => {
        const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
        return handler({
          method: incoming.method ?? 'GET',
          url,
          path: url.pathname,
          headers: incoming.headers,
          body,
        });
      })
      .then(
        (response) => write(outgoing, response),
        (e: unknown) => {
          const message = e instanceof Error ? e.message : String(e);
          write(outgoing, json(500, { error: `Sandbox failure: ${message}` }));
        },
      );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${actual}`,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // fetch keeps connections alive; without this close() waits for them to time out.
            server.closeAllConnections();
          }),
      });
    });
  });
}
