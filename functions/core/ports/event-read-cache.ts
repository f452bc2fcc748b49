/**
 * What the operator views derived from one TripleSeat event (its invoice read, its money), kept per
 * event and its `updated_at`: a view of the board or the unmapped items re-reads only the events
 * changed since. Implemented by platform/event-read-cache-memory.ts (per Lambda instance).
 */
export interface EventReadCache {
  /** The value kept under `key` for this `updatedAt`; undefined when none, another, or too old. */
  get(key: string, updatedAt: string): unknown;
  set(key: string, updatedAt: string, value: unknown): void;
}
