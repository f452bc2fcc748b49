import type { Clock } from '#functions/core/ports/clock';

/** The sync Lambda's timeout: lib/function-definitions.ts deploys it from here. */
export const SYNC_TIMEOUT_MS = 3 * 60_000;

/**
 * Kept back from the Lambda's remaining time (at most half of it): events already started finish (a
 * new Revel order is ~2 s at 5 req/s, but one slow vendor call with retries can take tens of seconds)
 * and the run record is written before Lambda kills the invocation.
 */
export const DEADLINE_MARGIN_MS = 60_000;

/** The local runtime (dev/) passes only the request id: no deadline there. */
export interface InvocationContext {
  awsRequestId: string;
  getRemainingTimeInMillis?: () => number;
}

/** When bulk work stops starting events, in epoch ms by the engine clock; undefined without a deadline. */
export function stopAtFor(context: InvocationContext, clock: Clock): number | undefined {
  if (context.getRemainingTimeInMillis === undefined) return undefined;
  const remaining = context.getRemainingTimeInMillis();
  return clock.now().getTime() + remaining - Math.min(DEADLINE_MARGIN_MS, remaining / 2);
}

export function deadlinePassed(stopAt: number | undefined, clock: Clock): (() => boolean) | undefined {
  if (stopAt === undefined) return undefined;
  return () => clock.now().getTime() >= stopAt;
}
