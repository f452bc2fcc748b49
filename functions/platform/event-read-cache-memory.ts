import type { EventReadCache } from '../core/ports/event-read-cache';

/** Events kept per instance: a busy day's board and the next weeks' events, with room to spare. */
export const EVENT_READ_CACHE_ENTRIES = 1_000;
/**
 * A kept value is used for at most this long even when `updated_at` is unchanged: TripleSeat's
 * `updated_at` may carry only minutes, so a second save within the same minute would otherwise stay
 * unseen (docs/vendors/tripleseat.md).
 */
export const EVENT_READ_CACHE_MAX_AGE_MS = 5 * 60_000;

interface Kept {
  updatedAt: string;
  value: unknown;
  at: number;
}

/** An in-memory EventReadCache for one Lambda instance: least recently set goes first when full. */
export function createMemoryEventReadCache(
  options: { entries?: number; maxAgeMs?: number; now?: () => number } = {},
): EventReadCache {
  const entries = options.entries ?? EVENT_READ_CACHE_ENTRIES;
  const maxAgeMs = options.maxAgeMs ?? EVENT_READ_CACHE_MAX_AGE_MS;
  const now = options.now ?? Date.now;
  const kept = new Map<string, Kept>();
  return {
    get(key, updatedAt) {
      const found = kept.get(key);
      if (found === undefined || found.updatedAt !== updatedAt || now() - found.at > maxAgeMs)
        return undefined;
      return found.value;
    },
    set(key, updatedAt, value) {
      kept.delete(key);
      kept.set(key, { updatedAt, value, at: now() });
      while (kept.size > entries) {
        const oldest = kept.keys().next().value;
        if (oldest === undefined) break;
        kept.delete(oldest);
      }
    },
  };
}
