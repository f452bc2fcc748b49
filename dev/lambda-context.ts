import { randomUUID } from 'node:crypto';

/** What the handlers read from Lambda's context: the request id, and the time left when simulated. */
export interface LocalLambdaContext {
  awsRequestId: string;
  getRemainingTimeInMillis?: () => number;
}

/**
 * A context as Lambda gives one: with `timeoutMs`, getRemainingTimeInMillis counts down from the
 * invocation's start, so the handlers' deadline logic (core/bulk/run-deadline.ts) runs locally too;
 * without it, no deadline (nothing is cut off locally either way).
 */
export function lambdaContext(timeoutMs: number | undefined, requestId?: string): LocalLambdaContext {
  const awsRequestId: string = requestId ?? randomUUID();
  if (timeoutMs === undefined) return { awsRequestId };
  const startedAt = Date.now();
  return { awsRequestId, getRemainingTimeInMillis: () => Math.max(0, startedAt + timeoutMs - Date.now()) };
}
