/** One change an operator made, as stored and shown (`GET /api/audit`). */
export interface AuditEntry {
  /** ISO instant (injected Clock). */
  at: string;
  /** The operator's name from the app secret's `operatorTokens` ("api" for SYNC_API_TOKEN). */
  operator: string;
  /** What kind of change: `settings`, `mapping`, `sync`, `dlq_redrive`. */
  action: string;
  /** What changed, e.g. `{ connector_enabled: { from: true, to: false } }`. No secrets, no guest details. */
  change: Record<string, unknown>;
}

/** Implemented by platform/audit-trail-dynamodb.ts (kept in the ledger table). */
export interface AuditTrail {
  record(entry: AuditEntry): Promise<void>;
  /** The newest entries first, from the last `days` days (`now` from the Clock). */
  recent(now: Date, days: number): Promise<AuditEntry[]>;
}
