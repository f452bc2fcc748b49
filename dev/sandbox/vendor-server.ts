import { STATUS_CODES } from 'node:http';
import { handleAdminRequest, type SandboxAdmin } from './admin-routes';
import type { FaultAction, Faults, Vendor } from './faults';
import { errorPage, gatewayErrorPage, tripleSeatLoginPage } from './html-pages';
import {
  html,
  json,
  type RunningServer,
  type SandboxHandler,
  type SandboxRequest,
  type SandboxResponse,
  startHttpServer,
} from './http-helpers';

export interface RequestLogEntry {
  method: string;
  path: string;
  /** The query string with its leading "?", or "". */
  query: string;
  status: number;
  /** When the request reached the sandbox (epoch ms, before any fault delay): what rate counts read. */
  receivedAt: number;
  /** Set when a fault rule decided (or delayed) the answer. */
  fault?: FaultAction['kind'];
}

export interface VendorServerOptions {
  vendor: Vendor;
  port: number;
  faults: Faults;
  admin: SandboxAdmin;
  handle: SandboxHandler;
  log: RequestLogEntry[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function failResponse(action: Extract<FaultAction, { kind: 'fail' }>): SandboxResponse {
  const headers: Record<string, string> =
    action.retryAfterSeconds === undefined ? {} : { 'retry-after': String(action.retryAfterSeconds) };
  if (action.body === undefined)
    return json(action.status, { error: STATUS_CODES[action.status] ?? 'Error' }, headers);
  const type = action.body.trimStart().startsWith('<')
    ? 'text/html; charset=utf-8'
    : /^\s*[{[]/.test(action.body)
      ? 'application/json; charset=utf-8'
      : 'text/plain; charset=utf-8';
  return { status: action.status, headers: { 'content-type': type, ...headers }, body: action.body };
}

async function applyFault(
  action: FaultAction,
  vendor: Vendor,
  request: SandboxRequest,
  handle: SandboxHandler,
): Promise<SandboxResponse> {
  switch (action.kind) {
    case 'fail':
      return failResponse(action);
    case 'html':
      return html(action.status, vendor === 'tripleseat' ? tripleSeatLoginPage() : errorPage(action.status));
    case 'delay':
      await sleep(action.ms);
      return handle(request);
    case 'commit-then-fail': {
      const status = action.status ?? 504;
      await handle(request); // the write happens; only the answer is lost
      return html(status, gatewayErrorPage(status));
    }
    case 'alter-body':
      return handle({ ...request, body: alteredBody(request.body, action.set) });
  }
}

function alteredBody(body: string, set: Record<string, unknown>): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return JSON.stringify({ ...parsed, ...set });
  } catch {
    // not JSON: sent on unchanged
  }
  return body;
}

/** One vendor's HTTP front: admin routes, then faults, then the vendor's own handler; logs each call. */
export function startVendorServer(options: VendorServerOptions): Promise<RunningServer> {
  const { vendor, faults, admin, handle, log } = options;
  return startHttpServer(options.port, async (request) => {
    if (request.path.startsWith('/__sandbox/')) return handleAdminRequest(request, admin);
    const receivedAt = Date.now();
    const action = faults.take(vendor, request.method, request.path);
    const response = action ? await applyFault(action, vendor, request, handle) : await handle(request);
    const entry: RequestLogEntry = {
      method: request.method,
      path: request.path,
      query: request.url.search,
      status: response.status,
      receivedAt,
    };
    if (action) entry.fault = action.kind;
    log.push(entry);
    return response;
  });
}
