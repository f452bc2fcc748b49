/** One change an operator made, as stored and shown (`GET /api/audit`). */
export interface AuditEntry {
  /** ISO instant (injected Clock). */
  at: string;
  /** The operator's name from the app secret's `operatorTokens` (SYNC_API_TOKEN opens no operator route). */
  operator: string;
  /** What kind of change: `settings`, `mapping`, `sync`, `dlq_redrive`, `release`, `backfill`. */
  action: string;
  /** What changed, e.g. `{ connector_enabled: { from: true, to: false } }`. No secrets, no guest details. */
  change: Record<string, unknown>;
}

/**
 * Where an audited action stands. `pending`: recorded before the action ran and never settled — the
 * action may or may not have been applied (the process died, or settling failed): look at its effect.
 */
export type AuditOutcome = 'pending' | 'applied' | 'failed';

export interface StoredAuditEntry extends AuditEntry {
  id: string;
  outcome: AuditOutcome;
  /** What the action answered (e.g. `{ redriven: 3 }`) or why it failed. */
  result?: Record<string, unknown> | undefined;
}

/**
 * Implemented by platform/audit-trail-dynamodb.ts (kept in the ledger table, one item per entry).
 * An action is applied only after its entry is stored (core/ops/audited-action.ts): no audit, no action.
 */
export interface AuditTrail {
  /** Stores the entry as `pending`; answers its id. */
  begin(entry: AuditEntry): Promise<string>;
  /** Marks a begun entry applied or failed, with what the action answered. */
  settle(id: string, outcome: 'applied' | 'failed', result?: Record<string, unknown>): Promise<void>;
  /** The newest entries first, from the last `days` days (`now` from the Clock), at most `limit`. */
  recent(now: Date, days: number, limit: number): Promise<StoredAuditEntry[]>;
}
