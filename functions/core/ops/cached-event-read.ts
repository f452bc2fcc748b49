import type { EventReadCache } from '../ports/event-read-cache';

/**
 * `read()` once per event and `updated_at`: the listing's `updated_at` says whether the event changed
 * since the kept value. Without a cache or an `updated_at`, it reads every time.
 */
export async function readThrough<T>(
  cache: EventReadCache | undefined,
  kind: string,
  listed: { id: string; updatedAt: string | undefined },
  read: () => Promise<T>,
): Promise<T> {
  const { updatedAt } = listed;
  if (cache === undefined || updatedAt === undefined) return read();
  const key = `${kind}:${listed.id}`;
  const kept = cache.get(key, updatedAt);
  if (kept !== undefined) return kept as T;
  const value = await read();
  cache.set(key, updatedAt, value);
  return value;
}
