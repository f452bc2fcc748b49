import type { Clock } from '#functions/core/ports/clock';

export interface ProgressThrottle {
  /** Events between two writes at most. */
  everyEvents: number;
  /** Milliseconds between two writes at most. */
  everyMs: number;
}

export const DEFAULT_PROGRESS_THROTTLE: ProgressThrottle = { everyEvents: 10, everyMs: 2_000 };

/**
 * Counts processed events and writes the count when 10 events or 2 s have passed since the last
 * write, never two writes at once: a 500-event run costs tens of ledger writes, not 500.
 * `write` must not throw (the caller logs its own failures).
 */
export function createProgressReporter(
  write: (processed: number) => Promise<void>,
  clock: Clock,
  throttle: ProgressThrottle = DEFAULT_PROGRESS_THROTTLE,
) {
  let processed = 0;
  let written = 0;
  let writtenAt = clock.now().getTime();
  let writing = false;
  return {
    processed: (): number => processed,
    async onResult(): Promise<void> {
      processed += 1;
      const now = clock.now().getTime();
      const due = processed - written >= throttle.everyEvents || now - writtenAt >= throttle.everyMs;
      if (!due || writing) return;
      writing = true;
      written = processed;
      writtenAt = now;
      try {
        await write(processed);
      } finally {
        writing = false;
      }
    },
  };
}
