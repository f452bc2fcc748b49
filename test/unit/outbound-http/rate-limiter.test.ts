import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LocalRateLimiter,
  RATE_WINDOW_MARGIN_MS,
  startIntervalMs,
} from '#functions/outbound-http/rate-limiter';

const runs = { seed: 20_261_207, numRuns: 150 };

/**
 * A clock and timers the test drives: `sleep(ms)` wakes `ms` plus a late-wake-up later (a busy event
 * loop), and `run` moves the clock from one wake-up to the next until every caller is done.
 */
function fakeTime(lateWakeUp: () => number) {
  let now = 0;
  const timers: { at: number; wake: () => void }[] = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    sleep: (ms: number) =>
      new Promise<void>((wake) => {
        timers.push({ at: now + ms + lateWakeUp(), wake });
      }),
    async run(work: Promise<unknown>): Promise<void> {
      let done = false;
      void work.then(() => {
        done = true;
      });
      for (await settle(); !done; await settle()) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) throw new Error('callers wait for nothing');
        now = Math.max(now, next.at);
        next.wake();
      }
    },
  };
}

/** The most requests a vendor counts in one rolling second, as the sandbox does (dev/sandbox/rolling-rate-limit.ts). */
function busiestRollingSecond(times: readonly number[]): number {
  return Math.max(0, ...times.map((at) => times.filter((t) => t <= at && at - t < 1000).length));
}

const pacedRun = fc.record({
  perSecond: fc.integer({ min: 1, max: 20 }),
  callers: fc.integer({ min: 1, max: 4 }),
  requestsEach: fc.integer({ min: 5, max: 30 }),
  /** How long each request holds its caller before the next acquire (the vendor's answer). */
  answerMs: fc.integer({ min: 0, max: 300 }),
  lateWakeUps: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 50 }),
  /** From its start to the vendor counting it: a slow connection, a queued socket. */
  networkDelays: fc.array(fc.integer({ min: 0, max: RATE_WINDOW_MARGIN_MS }), {
    minLength: 1,
    maxLength: 50,
  }),
});

type PacedRun = typeof pacedRun extends fc.Arbitrary<infer T> ? T : never;

/** Every caller sends its requests one after the other through one limiter; the starts and arrivals. */
async function paceRequests(run: PacedRun) {
  let wakeUps = 0;
  const time = fakeTime(() => run.lateWakeUps[wakeUps++ % run.lateWakeUps.length] ?? 0);
  const limiter = new LocalRateLimiter(run.perSecond, time.now, time.sleep);
  const starts: number[] = [];
  const arrivals: number[] = [];
  const caller = async () => {
    for (let n = 0; n < run.requestsEach; n++) {
      await limiter.acquire();
      starts.push(time.now());
      arrivals.push(time.now() + (run.networkDelays[starts.length % run.networkDelays.length] ?? 0));
      if (run.answerMs > 0) await time.sleep(run.answerMs);
    }
  };
  await time.run(Promise.all(Array.from({ length: run.callers }, caller)));
  return { starts, arrivals };
}

describe('LocalRateLimiter', () => {
  it('never starts more than the configured number of requests in any rolling second, however late timers wake', async () => {
    await fc.assert(
      fc.asyncProperty(pacedRun, async (run) => {
        const { starts } = await paceRequests(run);
        expect(starts).toHaveLength(run.callers * run.requestsEach);
        expect(busiestRollingSecond(starts)).toBeLessThanOrEqual(run.perSecond);
      }),
      runs,
    );
  });

  it('keeps the vendor’s rolling second within the limit when requests reach it up to the margin late', async () => {
    await fc.assert(
      fc.asyncProperty(pacedRun, async (run) => {
        const { arrivals } = await paceRequests(run);
        expect(busiestRollingSecond(arrivals)).toBeLessThanOrEqual(run.perSecond);
      }),
      runs,
    );
  });

  it('lets a vendor at 10/s see 10 requests in the second after the first of them arrived 50 ms late', async () => {
    const time = fakeTime(() => 0);
    const limiter = new LocalRateLimiter(10, time.now, time.sleep);
    const starts: number[] = [];
    await time.run(
      (async () => {
        for (let n = 0; n < 11; n++) {
          await limiter.acquire();
          starts.push(time.now());
        }
      })(),
    );
    const arrivals = starts.map((at, n) => (n === 0 ? at + RATE_WINDOW_MARGIN_MS : at));

    expect(starts.at(-1)).toBe(10 * startIntervalMs(10));
    expect(busiestRollingSecond(arrivals)).toBe(10);
  });

  it('paces at about 95 % of the configured rate', () => {
    expect(1000 / startIntervalMs(10)).toBeCloseTo(9.52, 2);
    expect(1000 / startIntervalMs(5)).toBeCloseTo(4.76, 2);
  });

  it('holds back a caller already waiting when a 429 asks for a pause meanwhile', async () => {
    const time = fakeTime(() => 0);
    const limiter = new LocalRateLimiter(10, time.now, time.sleep);
    const starts: number[] = [];
    const acquire = async () => {
      await limiter.acquire();
      starts.push(time.now());
    };
    // The first request is answered 429 at 50 ms, while the second waits for its slot at 105 ms.
    const refused = (async () => {
      await acquire();
      await time.sleep(50);
      limiter.pauseFor(2_000);
    })();
    await time.run(Promise.all([refused, acquire()]));

    expect(starts).toEqual([0, 2_050]);
  });
});
