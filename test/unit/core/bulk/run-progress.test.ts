import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '#functions/core/bulk/run-progress';

function setup() {
  let now = 0;
  const written: number[] = [];
  const clock = { now: () => new Date(now) };
  const reporter = createProgressReporter(async (processed) => {
    written.push(processed);
  }, clock);
  return { reporter, written, advance: (ms: number) => (now += ms) };
}

describe('createProgressReporter', () => {
  it('writes the count every 10 events when they come quickly', async () => {
    const { reporter, written } = setup();
    for (let i = 0; i < 25; i++) await reporter.onResult();
    expect(written).toEqual([10, 20]);
    expect(reporter.processed()).toBe(25);
  });

  it('writes after 2 seconds even when fewer than 10 events passed', async () => {
    const { reporter, written, advance } = setup();
    await reporter.onResult();
    advance(2_000);
    await reporter.onResult();
    await reporter.onResult();
    expect(written).toEqual([2]);
  });

  it('never starts a second write while one is still going', async () => {
    let finish: () => void = () => {};
    const written: number[] = [];
    const reporter = createProgressReporter(
      (processed) => {
        written.push(processed);
        return new Promise<void>((resolve) => {
          finish = resolve;
        });
      },
      { now: () => new Date(0) },
      { everyEvents: 1, everyMs: 60_000 },
    );
    const first = reporter.onResult();
    await reporter.onResult();
    await reporter.onResult();
    finish();
    await first;
    expect(written).toEqual([1]);
    expect(reporter.processed()).toBe(3);
  });
});
