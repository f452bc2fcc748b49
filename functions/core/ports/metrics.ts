export const MetricName = {
  EventsInjected: 'EventsInjected',
  EventsSkipped: 'EventsSkipped',
  EventsFailed: 'EventsFailed',
  /** Failed injections in a row, as a gauge; the alarm fires on Maximum ≥ 5. */
  ConsecutiveFailedInjections: 'ConsecutiveFailedInjections',
  /** Webhook deliveries answered 401 (bad signature or stale timestamp). */
  WebhookRejected: 'WebhookRejected',
  /** Syncs that failed because TripleSeat refused our credentials (a spent refresh token, a revoked app). */
  TripleSeatAuthFailed: 'TripleSeatAuthFailed',
  /** One per finished scheduled bulk run; its absence is what the "no scheduled run" alarm sees. */
  ScheduledRunCompleted: 'ScheduledRunCompleted',
  /** Revel creates whose answer was lost and that were not found yet (WRITE_SETTLING): Revel answering late. */
  WritesSettling: 'WritesSettling',
} as const;

export type MetricName = (typeof MetricName)[keyof typeof MetricName];
export type Dimensions = Readonly<Record<string, string>>;

export interface Metrics {
  count(name: MetricName, value?: number, dimensions?: Dimensions): void;
  gauge(name: MetricName, value: number, dimensions?: Dimensions): void;
  /** Writes what was recorded since the last flush (nothing when nothing was recorded). */
  flush(): void;
}
