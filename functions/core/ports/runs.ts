/** A bulk run's progress and final summary, kept in the ledger for `GET /api/sync/runs/{id}`. */
export interface RunRecord {
  runId: string;
  state: 'queued' | 'running' | 'finished' | 'failed';
  trigger: 'manual' | 'schedule';
  hoursBack: number;
  dryRun: boolean;
  correlationId: string;
  createdAt: string;
  updatedAt: string;
  /** Events processed so far (progress while running). */
  processed: number;
  /** The final summary (SyncSummary JSON) once finished; the error message if failed. */
  summary?: unknown;
  error?: string;
  /** A scheduled run's preflight of upcoming events (PreflightReport JSON, core/preflight/). */
  preflight?: unknown;
}

export interface RunStore {
  putRun(run: RunRecord): Promise<void>;
  getRun(runId: string): Promise<RunRecord | undefined>;
}

/** Run-level lock (scheduled runs must never overlap), on the same table as the event leases. */
export interface RunLock {
  acquireNamedLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  releaseNamedLease(name: string, holder: string): Promise<void>;
}
