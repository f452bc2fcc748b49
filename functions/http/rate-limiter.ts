/**
 * Client-side rate limiter: hands out start slots spaced `1000 / perSecond` ms apart, so a bulk
 * run never bursts into a vendor's 429s. Callers await `acquire()` before each request.
 */
export class RateLimiter {
  private nextSlot = 0;
  private readonly intervalMs: number;

  constructor(
    perSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = delay,
  ) {
    if (!(perSecond > 0)) throw new RangeError('perSecond must be > 0');
    this.intervalMs = 1000 / perSecond;
  }

  async acquire(): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot > now) await this.sleep(slot - now);
  }

  /** Pushes every later slot back, e.g. after a 429 with Retry-After. */
  pauseFor(ms: number): void {
    this.nextSlot = Math.max(this.nextSlot, this.now() + ms);
  }
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
