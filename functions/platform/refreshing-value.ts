import { describeError } from '#functions/core/domain/errors';
import type { Logger } from '#functions/core/ports/logger';
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

/** A cached value that its owner can also replace, e.g. after writing it back. */
export interface RefreshingValue<T> {
  get(): Promise<T>;
  /** Serves `value` from now on for `refreshMs`, over any load that started earlier. */
  set(value: T): void;
}

const DEFAULT_REFRESH_MS = 5 * 60_000;
const MAX_RETRY_MS = 30_000;

/**
 * Serves the last good value for `refreshMs`; concurrent callers share one in-flight read. A failed
 * refresh after a success keeps the cached value (Secrets Manager being down must not stop syncs)
 * and is retried after at most 30 s rather than on every call.
 */
export function refreshingValue<T>(load: () => Promise<T>, options: RefreshOptions = {}): RefreshingValue<T> {
  const refreshMs = options.refreshMs ?? DEFAULT_REFRESH_MS;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createJsonLogger();
  const what = options.what ?? 'secret';
  let cached: { value: T; freshUntil: number } | undefined;
  let inflight: Promise<T> | undefined;
  let version = 0;
  const refresh = async (): Promise<T> => {
    const startedAt = version;
    try {
      const value = await load();
      // A value set while this read was on the wire was written after it: the read may be stale.
      if (cached !== undefined && version !== startedAt) return cached.value;
      cached = { value, freshUntil: now() + refreshMs };
      return value;
    } catch (e: unknown) {
      if (cached === undefined) throw e;
      if (version !== startedAt) return cached.value;
      logger.warn(`${what} refresh failed, serving the cached value`, { error: describeError(e) });
      cached = { value: cached.value, freshUntil: now() + Math.min(refreshMs, MAX_RETRY_MS) };
      return cached.value;
    } finally {
      inflight = undefined;
    }
  };
  return {
    get: () => {
      if (cached !== undefined && now() < cached.freshUntil) return Promise.resolve(cached.value);
      inflight ??= refresh();
      return inflight;
    },
    set: (value) => {
      version += 1;
      cached = { value, freshUntil: now() + refreshMs };
    },
  };
}

/** The read side of `refreshingValue`, for values nobody writes back. */
export function refreshing<T>(load: () => Promise<T>, options: RefreshOptions = {}): () => Promise<T> {
  return refreshingValue(load, options).get;
}
