/** One recorded sync outcome of an event (`GET /api/events/{id}`'s `attempts`). */
export interface Attempt {
  at: string;
  outcome: string;
  reason: string | undefined;
  correlationId: string | undefined;
  revelOrderId: string | undefined;
  /** How the sync was started (core/contract/sync-trigger.ts); undefined for attempts recorded before. */
  trigger: string | undefined;
}

/** Every outcome recorded for an event, oldest first (platform/attempt-log-dynamodb.ts). */
export interface AttemptLog {
  append(eventId: string, attempt: Attempt): Promise<void>;
  list(eventId: string): Promise<Attempt[]>;
}
