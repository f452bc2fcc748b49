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
 * Slack kept in every rolling second. Vendors count requests in a rolling second (TripleSeat 10,
 * `dev/sandbox/rolling-rate-limit.ts`); starts exactly `1000 / N` ms apart put the (N+1)th start
 * exactly one second after the first, so the first arriving a few ms late (a slow connection, a
 * late timer) makes the (N+1)th a 429 — one in 564 requests of a bulk run (bench/README.md). N
 * intervals span 1000 + this margin, so a request may reach the vendor up to 50 ms later than the
 * one N starts after it and the vendor still counts at most N: the pace is 1000/1050 ≈ 95 % of the
 * configured rate.
 */
export const RATE_WINDOW_MARGIN_MS = 50;

/** The one spacing of request starts at a configured rate: every limiter uses it. */
export function startIntervalMs(perSecond: number): number {
  if (!(perSecond > 0)) throw new RangeError('perSecond must be > 0');
  return (1000 + RATE_WINDOW_MARGIN_MS) / perSecond;
}

/**
 * Client-side rate limiter of one process: callers take turns, and each start comes at least
 * `startIntervalMs(perSecond)` after the previous one *actually* started, so a late wake-up never
 * crowds the next start and no rolling second holds more than `perSecond` starts. Holds for one
 * instance only: a deployment of several instances shares one pace through `SharedRateLimiter`
 * (docs/decisions/0009-vendor-rate-limits-across-instances.md).
 */
export class LocalRateLimiter implements RateLimiter {
  #nextStart = Number.NEGATIVE_INFINITY;
  #turns: Promise<void> = Promise.resolve();
  private readonly intervalMs: number;

  constructor(
    perSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = delay,
  ) {
    this.intervalMs = startIntervalMs(perSecond);
  }

  acquire(): Promise<void> {
    const turn = this.#turns.then(() => this.#takeTurn());
    this.#turns = turn.catch(() => undefined);
    return turn;
  }

  pauseFor(ms: number): void {
    this.#nextStart = Math.max(this.#nextStart, this.now() + ms);
  }

  async #takeTurn(): Promise<void> {
    let start = this.now();
    // A loop: a pause (a 429 answered meanwhile) may move the slot while this turn waits for it.
    while (start < this.#nextStart) {
      const slot = this.#nextStart;
      await this.sleep(slot - start);
      start = Math.max(this.now(), slot);
    }
    this.#nextStart = start + this.intervalMs;
  }
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
