export type Admission = { allowed: true } | { allowed: false; sendRetryAfter: boolean };

/**
 * At most `perSecond` admissions in any rolling second. Runs on the real monotonic clock, not the
 * sandbox's `now`, so tests that freeze `now` are not throttled forever.
 */
export class RollingRateLimit {
  #admitted: number[] = [];
  #rejections = 0;

  constructor(
    private readonly perSecond: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  admit(): Admission {
    const now = this.clock();
    this.#admitted = this.#admitted.filter((t) => now - t < 1000);
    if (this.#admitted.length < this.perSecond) {
      this.#admitted.push(now);
      return { allowed: true };
    }
    this.#rejections += 1;
    // TripleSeat's Retry-After "may or may not be sent": every other 429 goes without it.
    return { allowed: false, sendRetryAfter: this.#rejections % 2 === 1 };
  }

  reset(): void {
    this.#admitted = [];
    this.#rejections = 0;
  }
}
