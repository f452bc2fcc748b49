/**
 * What a vendor client asks before each request. The clients do not care where the pace is kept:
 * in this process (`LocalRateLimiter`) or shared by every sync instance of a deployment
 * (`SharedRateLimiter`, functions/platform/rate-limiter-dynamodb.ts).
 */
export interface RateLimiter {
  /** Resolves when the next request may start. */
  acquire(): Promise<void>;
  /** Pushes every later start back, e.g. after a 429 with Retry-After. */
  pauseFor(ms: number): void;
}

/**
 * Client-side rate limiter of one process: hands out start slots spaced `1000 / perSecond` ms apart,
 * so a bulk run never bursts into a vendor's 429s. Holds for one instance only: a deployment of
 * several instances shares one pace through `SharedRateLimiter`
 * (docs/decisions/0009-vendor-rate-limits-across-instances.md).
 */
export class LocalRateLimiter implements RateLimiter {
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

  pauseFor(ms: number): void {
    this.nextSlot = Math.max(this.nextSlot, this.now() + ms);
  }
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
