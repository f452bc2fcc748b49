import type { ScheduledEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '#functions/core/domain/errors';
import {
  type LocalScheduler,
  scheduledEvent,
  scheduleIntervalFromEnv,
  startLocalScheduler,
} from '../../../dev/local-scheduler';

let scheduler: LocalScheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  vi.useRealTimers();
});

describe('the local scheduler', () => {
  it('builds the event an EventBridge schedule rule delivers', () => {
    const event = scheduledEvent({
      ruleName: 'sync-every-45',
      region: 'us-east-1',
      accountId: '000000000000',
      time: new Date('2026-05-01T12:45:00.123Z'),
    });
    expect(event).toMatchObject({
      version: '0',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: '2026-05-01T12:45:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:000000000000:rule/sync-every-45'],
      detail: {},
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('invokes the handler once per interval', async () => {
    vi.useFakeTimers();
    const events: ScheduledEvent[] = [];
    scheduler = startLocalScheduler({
      intervalMinutes: 45,
      handler: async (event) => {
        events.push(event);
        return { status: 'finished' };
      },
    });
    await vi.advanceTimersByTimeAsync(44 * 60_000);
    expect(events).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(91 * 60_000 + 1);
    expect(events).toHaveLength(3);
  });

  it('never fires on its own when the interval is 0, but fireNow still runs once', async () => {
    vi.useFakeTimers();
    let calls = 0;
    scheduler = startLocalScheduler({
      intervalMinutes: 0,
      handler: async () => {
        calls += 1;
        return { status: 'finished' };
      },
    });
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(calls).toBe(0);
    await expect(scheduler.fireNow()).resolves.toEqual({ status: 'finished' });
    expect(calls).toBe(1);
  });

  it('lets two fireNow calls overlap, leaving overlap protection to the handler', async () => {
    let running = 0;
    let peak = 0;
    scheduler = startLocalScheduler({
      intervalMinutes: 0,
      handler: async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running -= 1;
        return {};
      },
    });
    await Promise.all([scheduler.fireNow(), scheduler.fireNow()]);
    expect(peak).toBe(2);
  });

  it('waits for a run in flight when stopped', async () => {
    let finished = false;
    scheduler = startLocalScheduler({
      intervalMinutes: 0,
      handler: async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        finished = true;
        return {};
      },
    });
    void scheduler.fireNow();
    await scheduler.stop();
    expect(finished).toBe(true);
  });
});

describe('the schedule interval', () => {
  it('defaults to the 45 minutes of the EventBridge rule', () => {
    expect(scheduleIntervalFromEnv({})).toBe(45);
  });

  it('reads SCHEDULE_INTERVAL_MINUTES, where 0 disables and fractions are allowed', () => {
    expect(scheduleIntervalFromEnv({ SCHEDULE_INTERVAL_MINUTES: '0' })).toBe(0);
    expect(scheduleIntervalFromEnv({ SCHEDULE_INTERVAL_MINUTES: '0.5' })).toBe(0.5);
  });

  it('rejects a value that is not a number of minutes, naming the variable', () => {
    expect(() => scheduleIntervalFromEnv({ SCHEDULE_INTERVAL_MINUTES: 'soon' })).toThrow(ConfigError);
    expect(() => scheduleIntervalFromEnv({ SCHEDULE_INTERVAL_MINUTES: '-5' })).toThrow(
      /SCHEDULE_INTERVAL_MINUTES/,
    );
  });
});
