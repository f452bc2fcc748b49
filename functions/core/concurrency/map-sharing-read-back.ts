import type { SharedReadBack } from '#functions/core/deps/shared-read-back';
import type { BatchReadBack } from '#functions/core/order/batch-read-back';

/** One item's part in the shared read-back: `pass()` says it will not read back (the rest stop waiting for it). */
export interface ReadBackMember extends SharedReadBack {
  pass(): void;
}

/**
 * `fn` over `items`, at most `limit` working at once, sharing one read-back (core/order/batch-read-back.ts):
 * an item waiting for it gives its place to the next, so the orders of the whole batch are read
 * together rather than `limit` at a time. `shouldStop` is asked before starting each item; once it
 * says stop, no further item starts and those running finish. Items start in order, so the results
 * are those of the first `items.length - notStarted` items. An item that throws stops further starts;
 * the error is thrown once those running have finished.
 */
export async function mapSharingReadBack<T, R>(
  items: readonly T[],
  limit: number,
  readBack: BatchReadBack,
  shouldStop: (() => boolean) | undefined,
  fn: (item: T, readBack: ReadBackMember) => Promise<R>,
): Promise<{ results: R[]; notStarted: number }> {
  const results: R[] = new Array(items.length);
  const places = new Places(Math.max(1, limit));
  const running: Promise<void>[] = [];
  readBack.join(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  try {
    while (next < items.length) {
      await places.take();
      if (failure !== undefined || shouldStop?.() === true) {
        places.give();
        break;
      }
      const index = next++;
      let holding = true;
      const giveBack = () => {
        if (holding) places.give();
        holding = false;
      };
      let member = true;
      const leave = () => {
        if (member) readBack.leave();
        member = false;
      };
      const shared: ReadBackMember = {
        read: (request) => {
          giveBack();
          return member ? readBack.read(request) : Promise.resolve(undefined);
        },
        pass: leave,
      };
      running.push(
        fn(items[index] as T, shared)
          .then(
            (result) => {
              results[index] = result;
            },
            (error: unknown) => {
              failure ??= { error };
            },
          )
          .finally(() => {
            giveBack();
            leave();
          }),
      );
    }
  } finally {
    // Items never started will not read back: the waiting ones must not wait for them.
    readBack.leave(items.length - next);
  }
  await Promise.all(running);
  if (failure !== undefined) throw failure.error;
  return { results: results.slice(0, next), notStarted: items.length - next };
}

/** A counting semaphore: `take` waits for a free place. */
class Places {
  #free: number;
  #queue: (() => void)[] = [];

  constructor(count: number) {
    this.#free = count;
  }

  async take(): Promise<void> {
    if (this.#free > 0) {
      this.#free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.#queue.push(resolve));
  }

  give(): void {
    const waiter = this.#queue.shift();
    if (waiter) waiter();
    else this.#free += 1;
  }
}
