import { describeError } from '../domain/errors';
import type { Logger } from '../sync/ports';
import { createJsonLogger } from './logger';

export interface RefreshOptions {
  /** How long a loaded value is served before it is loaded again (default 5 min). */
  refreshMs?: number;
  /** Epoch ms; injected by tests. */
  now?: () => number;
  /** Hears about a failed refresh that is being papered over with the cached value. */
  logger?: Logger;
  /** Names the value in that warning (default "secret"). */
  what?: string;
}

const DEFAULT_REFRESH_MS = 5 * 60_000;
const MAX_RETRY_MS = 30_000;

/**
 * Serves the last good value for `refreshMs`; concurrent callers share one in-flight read. A failed
 * refresh after a success keeps the cached value (Secrets Manager being down must not stop syncs)
 * and is retried after at most 30 s rather than on every call.
 */
export function refreshing<T>(load: () => Promise<T>, options: RefreshOptions = {}): () => Promise<T> {
  const refreshMs = options.refreshMs ?? DEFAULT_REFRESH_MS;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createJsonLogger();
  const what = options.what ?? 'secret';
  let cached: { value: T; freshUntil: number } | undefined;
  let inflight: Promise<T> | undefined;
  const refresh = async (): Promise<T> => {
    try {
      const value = await load();
      cached = { value, freshUntil: now() + refreshMs };
      return value;
    } catch (e: unknown) {
      if (cached === undefined) throw e;
      logger.warn(`${what} refresh failed, serving the cached value`, { error: describeError(e) });
      cached = { value: cached.value, freshUntil: now() + Math.min(refreshMs, MAX_RETRY_MS) };
      return cached.value;
    } finally {
      inflight = undefined;
    }
  };
  return () => {
    if (cached !== undefined && now() < cached.freshUntil) return Promise.resolve(cached.value);
    inflight ??= refresh();
    return inflight;
  };
}
