import { delay, type RateLimiter } from './rate-limiter';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After we wait for; a longer one ends the attempts (the caller retries later). */
  maxRetryAfterMs: number;
  timeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
  timeoutMs: 15_000,
};

export interface HttpClientOptions {
  limiter?: RateLimiter;
  policy?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  fetch?: typeof fetch;
}

/** No answer came: connection refused, reset, or our timeout fired. */
export class HttpTransportError extends Error {
  override readonly name = 'HttpTransportError';
  constructor(
    readonly timedOut: boolean,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Sends a request under the rate limiter, retrying what is safe to retry:
 * - 429 always (the vendor refused before doing anything), honouring Retry-After;
 * - 5xx, timeouts and network errors only when `idempotent` — a POST whose answer was lost
 *   may have been committed, so the caller must re-check instead of re-sending blindly.
 * Returns the last response (whatever its status) or throws HttpTransportError.
 */
export async function sendRequest(
  request: HttpRequest,
  idempotent: boolean,
  options: HttpClientOptions = {},
): Promise<HttpResponse> {
  const policy = { ...defaultRetryPolicy, ...options.policy };
  const sleep = options.sleep ?? delay;
  const random = options.random ?? Math.random;
  const doFetch = options.fetch ?? fetch;

  for (let attempt = 1; ; attempt++) {
    await options.limiter?.acquire();
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * random();
    let response: HttpResponse;
    try {
      response = await fetchOnce(doFetch, request, policy.timeoutMs);
    } catch (e: unknown) {
      const failure =
        e instanceof HttpTransportError
          ? e
          : new HttpTransportError(false, e instanceof Error ? e.message : String(e));
      if (!idempotent || attempt >= policy.maxAttempts) throw failure;
      await sleep(backoff);
      continue;
    }
    const lastAttempt = attempt >= policy.maxAttempts;
    if (response.status === 429 && !lastAttempt) {
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) return response;
      const wait = retryAfter ?? backoff;
      options.limiter?.pauseFor(wait);
      await sleep(wait);
      continue;
    }
    if (response.status >= 500 && idempotent && !lastAttempt) {
      await sleep(backoff);
      continue;
    }
    return response;
  }
}

async function fetchOnce(
  doFetch: typeof fetch,
  request: HttpRequest,
  timeoutMs: number,
): Promise<HttpResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await doFetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      redirect: 'manual',
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text };
  } catch (e: unknown) {
    if (controller.signal.aborted) throw new HttpTransportError(true, `timed out after ${timeoutMs} ms`);
    const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
    throw new HttpTransportError(false, `${e instanceof Error ? e.message : String(e)}${cause}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** True when the body looks like JSON (TripleSeat and Revel answer auth failures with HTML pages). */
export function isJsonResponse(response: HttpResponse): boolean {
  const type = response.headers.get('content-type') ?? '';
  const start = response.text.trimStart()[0];
  return type.includes('json') || start === '{' || start === '[';
}
