import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import { ConfigError } from '#functions/core/domain/errors';
import { localDefaults } from './local-defaults';

export type ScheduledHandler = (event: ScheduledEvent, context: { awsRequestId: string }) => Promise<unknown>;

export interface LocalSchedulerOptions {
  handler: ScheduledHandler;
  /** Minutes between runs (fractions allowed); 0 disables the timer, fireNow() still works. */
  intervalMinutes: number;
  ruleName?: string;
  region?: string;
  accountId?: string;
  now?: () => Date;
  onResult?: (result: unknown) => void;
  onError?: (error: unknown) => void;
}

export interface LocalScheduler {
  readonly intervalMinutes: number;
  /** Invokes the handler once now, as the rule would; overlapping calls are not serialised here. */
  fireNow(): Promise<unknown>;
  /** Clears the timer and waits for runs in flight. */
  stop(): Promise<void>;
}

/** SCHEDULE_INTERVAL_MINUTES, else the 45-minute default of the EventBridge rule. */
export function scheduleIntervalFromEnv(env: Record<string, string | undefined>): number {
  const text = env.SCHEDULE_INTERVAL_MINUTES;
  if (text === undefined || text === '') return localDefaults.scheduleIntervalMinutes;
  const minutes = Number(text);
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new ConfigError(
      'SCHEDULE_INTERVAL_MINUTES',
      `SCHEDULE_INTERVAL_MINUTES must be a number of minutes (0 disables), got "${text}"`,
    );
  }
  return minutes;
}

/** The event an EventBridge schedule rule delivers to its Lambda target. */
export function scheduledEvent(options: {
  ruleName: string;
  region: string;
  accountId: string;
  time: Date;
}): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: options.accountId,
    // EventBridge reports the scheduled minute with second precision, no milliseconds.
    time: `${options.time.toISOString().slice(0, 19)}Z`,
    region: options.region,
    resources: [`arn:aws:events:${options.region}:${options.accountId}:rule/${options.ruleName}`],
    detail: {},
  };
}

/** A timer standing in for the EventBridge `rate(45 minutes)` rule. */
export function startLocalScheduler(options: LocalSchedulerOptions): LocalScheduler {
  const inFlight = new Set<Promise<unknown>>();
  const now = options.now ?? (() => new Date());
  const fireNow = (): Promise<unknown> => {
    const event = scheduledEvent({
      ruleName: options.ruleName ?? 'tripleseat-sync-schedule',
      region: options.region ?? 'us-east-1',
      accountId: options.accountId ?? '000000000000',
      time: now(),
    });
    const run = options.handler(event, { awsRequestId: randomUUID() });
    inFlight.add(run);
    run.then(
      () => inFlight.delete(run),
      () => inFlight.delete(run),
    );
    return run;
  };
  const timer =
    options.intervalMinutes > 0
      ? setInterval(() => {
          fireNow().then(options.onResult, options.onError);
        }, options.intervalMinutes * 60_000)
      : undefined;
  timer?.unref();
  return {
    intervalMinutes: options.intervalMinutes,
    fireNow,
    stop: async () => {
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}
