export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  return (await mapUntilStopped(items, limit, undefined, fn)).results;
}

/**
 * `fn` over `items` with at most `limit` at once, asking `shouldStop` before starting each item;
 * once it says stop, no further item starts and those running finish. Items start in order, so
 * the results are those of the first `items.length - notStarted` items.
 */
export async function mapUntilStopped<T, R>(
  items: readonly T[],
  limit: number,
  shouldStop: (() => boolean) | undefined,
  fn: (item: T) => Promise<R>,
): Promise<{ results: R[]; notStarted: number }> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let stopped = false;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      if (stopped || shouldStop?.() === true) {
        stopped = true;
        return;
      }
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return { results: results.slice(0, next), notStarted: items.length - next };
}
