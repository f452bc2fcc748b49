import { describe, expect, it } from 'vitest';
import { startIntervalMs } from '#functions/outbound-http/rate-limiter';
import { createDocumentClient } from '#functions/platform/document-client';
import { rateLimitKey } from '#functions/platform/ledger-keys';
import { SharedRateLimiter } from '#functions/platform/rate-limiter-dynamodb';
import { useLedgerTable } from '../../support/dynalite';

const { table } = useLedgerTable();

/** Two o'clock and 37 ms. */
const START = Date.parse('2026-11-29T14:00:00.037Z');
/** The spacing at 5/s (210 ms: 200 plus the rolling second's margin) and at 10/s (105 ms). */
const SLOT = Math.ceil(startIntervalMs(5));
const SLOT_AT_10 = Math.ceil(startIntervalMs(10));

/** Counts what the fallback was asked; it paces nothing itself. */
function recordingFallback() {
  const calls = { acquired: 0, paused: [] as number[] };
  return {
    calls,
    limiter: {
      acquire: async () => {
        calls.acquired += 1;
      },
      pauseFor: (ms: number) => {
        calls.paused.push(ms);
      },
    },
  };
}

/**
 * One sync instance's limiter on a clock the test moves. `sleep` moves the clock to the end of the
 * wait, never waits, and remembers where each request would start.
 */
function instance(vendor: string, clock: { now: number }, perSecond = 5) {
  const starts: number[] = [];
  const fallback = recordingFallback();
  const limiter = new SharedRateLimiter({
    client: table().client,
    tableName: table().tableName,
    vendor,
    perSecond,
    fallback: fallback.limiter,
    now: () => clock.now,
    sleep: async (ms) => {
      clock.now += ms;
    },
  });
  return {
    limiter,
    fallback: fallback.calls,
    starts,
    acquire: async () => {
      await limiter.acquire();
      starts.push(clock.now);
    },
  };
}

const gaps = (starts: number[]) =>
  [...starts].sort((a, b) => a - b).flatMap((at, i, all) => (i === 0 ? [] : [at - (all[i - 1] ?? at)]));

describe('SharedRateLimiter over the ledger table', () => {
  it('hands twelve instances asking at the same instant twelve different slots 210 ms apart at 5/s', async () => {
    // Each instance's clock stands still until its own wait ends, as twelve Lambdas' clocks would.
    const instances = Array.from({ length: 12 }, () => instance('same-instant', { now: START }));

    await Promise.all(instances.map((i) => i.acquire()));

    const starts = instances.flatMap((i) => i.starts).sort((a, b) => a - b);
    expect(starts).toHaveLength(12);
    expect(starts[0]).toBe(START);
    expect(new Set(gaps(starts))).toEqual(new Set([SLOT]));
    expect(instances.every((i) => i.fallback.acquired === 0)).toBe(true);
  });

  it('keeps one pace when three instances take turns, one busy run after another', async () => {
    const clock = { now: START };
    const three = [instance('turns', clock), instance('turns', clock), instance('turns', clock)];

    for (let round = 0; round < 4; round++) for (const i of three) await i.acquire();

    const all = three.flatMap((i) => i.starts);
    expect(all).toHaveLength(12);
    expect(Math.min(...gaps(all))).toBe(SLOT);
  });

  it('starts an idle vendor at once instead of making up for the quiet time', async () => {
    const clock = { now: START };
    const one = instance('idle', clock);
    await one.acquire();

    clock.now += 60_000;
    await one.acquire();

    expect(one.starts).toEqual([START, START + 60_000]);
  });

  it('takes the next slot instead of starting a request more than 25 ms after its own', async () => {
    const clock = { now: START };
    let lateWakeUp = 30;
    const limiter = new SharedRateLimiter({
      client: table().client,
      tableName: table().tableName,
      vendor: 'late',
      perSecond: 5,
      fallback: recordingFallback().limiter,
      now: () => clock.now,
      sleep: async (ms) => {
        clock.now += ms + lateWakeUp;
        lateWakeUp = 0;
      },
    });

    await limiter.acquire(); // idle: at once
    await limiter.acquire(); // its slot is START + SLOT, but the timer wakes 30 ms late

    expect(clock.now).toBe(START + 2 * SLOT);
  });

  it('pushes every instance back after a 429 from the vendor', async () => {
    const clock = { now: START };
    const hit = instance('pause', clock);
    const other = instance('pause', clock);
    await hit.acquire();

    hit.limiter.pauseFor(5_000);
    await hit.acquire(); // its next claim waits for the pause to be written
    await other.acquire();

    expect(hit.starts[1]).toBeGreaterThanOrEqual((hit.starts[0] ?? 0) + 5_000);
    expect(other.starts[0]).toBeGreaterThanOrEqual((hit.starts[0] ?? 0) + 5_000);
    expect(hit.fallback.paused).toEqual([5_000]);
  });

  it('keeps the pace in one item per vendor, readable as the last slot handed out', async () => {
    const clock = { now: START };
    const one = instance('stored', clock, 10);
    await one.acquire();
    await one.acquire();

    const stored = await table().client.send(
      new (await import('@aws-sdk/lib-dynamodb')).GetCommand({
        TableName: table().tableName,
        Key: { pk: rateLimitKey('stored') },
      }),
    );
    expect(stored.Item).toEqual({ pk: 'RATE#stored', slotAt: START + SLOT_AT_10 });
  });

  it('paces an instance by its fallback share while the table does not answer, and says so once', async () => {
    const warnings: string[] = [];
    const fallback = recordingFallback();
    const clock = { now: START };
    const unreachable = new SharedRateLimiter({
      client: createDocumentClient({ AWS_REGION: 'us-east-1', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' }),
      tableName: table().tableName,
      vendor: 'revel',
      perSecond: 5,
      fallback: fallback.limiter,
      logger: { debug() {}, info() {}, error() {}, warn: (message) => warnings.push(message) },
      now: () => clock.now,
      fallbackForMs: 30_000,
    });

    for (let n = 0; n < 5; n++) await unreachable.acquire();

    expect(fallback.calls.acquired).toBe(5);
    expect(warnings).toEqual(['shared rate limit unavailable: this instance paces itself at its share']);
  });

  it('asks the table again once the fallback period is over', async () => {
    const fallback = recordingFallback();
    const clock = { now: START };
    let tableUp = false;
    const limiter = (client: ReturnType<typeof createDocumentClient>) =>
      new SharedRateLimiter({
        client,
        tableName: table().tableName,
        vendor: 'recovers',
        perSecond: 5,
        fallback: fallback.limiter,
        now: () => clock.now,
        sleep: async (ms) => {
          clock.now += ms;
        },
        fallbackForMs: 30_000,
      });
    // One client whose endpoint the test switches: a table that comes back.
    const down = createDocumentClient({ AWS_REGION: 'us-east-1', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' });
    const shared = limiter({
      send: (command: Parameters<typeof down.send>[0], options?: Parameters<typeof down.send>[1]) =>
        (tableUp ? table().client : down).send(command, options),
    } as unknown as typeof down);

    await shared.acquire(); // the table is down: fallback
    tableUp = true;
    await shared.acquire(); // still within the 30 s: fallback, the table is not asked
    clock.now += 30_000;
    await shared.acquire(); // the table again

    expect(fallback.calls.acquired).toBe(2);
  });
});
