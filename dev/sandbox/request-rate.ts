import type { RequestLogEntry } from './vendor-server';

export interface BusiestSecond {
  /** Start of the busiest whole second (ISO-8601), absent when nothing arrived. */
  second?: string;
  requests: number;
}

/** Requests that reached a sandbox in each whole second of the clock (keyed by epoch second). */
export function requestsPerSecond(log: readonly Pick<RequestLogEntry, 'receivedAt'>[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const { receivedAt } of log) {
    const second = Math.floor(receivedAt / 1000);
    counts.set(second, (counts.get(second) ?? 0) + 1);
  }
  return counts;
}

/** The whole second in which the most requests arrived: compare it with a configured rate limit. */
export function busiestSecond(log: readonly Pick<RequestLogEntry, 'receivedAt'>[]): BusiestSecond {
  let busiest: BusiestSecond = { requests: 0 };
  for (const [second, requests] of requestsPerSecond(log)) {
    if (requests > busiest.requests) busiest = { second: new Date(second * 1000).toISOString(), requests };
  }
  return busiest;
}
