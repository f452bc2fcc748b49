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
  /** Events the run found (planning done); each gets one result in the run (recordRunResults). */
  listed?: number;
  /** Of those, events handed to the queue as `run-event` messages. */
  queued?: number;
  /** When the run is finished with whatever is still queued (ISO). */
  deadlineAt?: string;
  /**
   * The outcomes planning settled itself (EventResult JSON) that an operator reads: routine skips
   * (core/bulk/run-record-results.ts) are only counted, in `planningCounts`.
   */
  planningResults?: unknown[];
  /** Every outcome planning settled, routine or not, counted per status. */
  planningCounts?: {
    injected: number;
    skipped: number;
    failed: number;
    in_progress: number;
    would_inject: number;
  };
}

/** One event's outcome in a run, as the core wrote it (an EventResult; read back through a schema). */
export interface RunEventEntry {
  id: string;
  status: string;
}

export interface RunStore {
  /** Replaces the run's own fields; the results recorded with recordRunResults stay. */
  putRun(run: RunRecord): Promise<void>;
  /** The run with `processed` = results recorded so far. */
  getRun(runId: string): Promise<RunRecord | undefined>;
  /**
   * Adds each event's result to the run in one atomic write per call, unless that event already has
   * one (a redelivered message counts once). Resolves to the number of results the run now holds.
   */
  recordRunResults(runId: string, results: readonly RunEventEntry[]): Promise<number>;
  /** Every result recorded for the run, in no particular order. */
  runResults(runId: string): Promise<unknown[]>;
  /**
   * Stores the finished run only if no one finished it before (a conditional write): true for the
   * one caller that did, which alone sends the digest.
   */
  finishRun(run: RunRecord): Promise<boolean>;
  /** A scheduled run's preflight report (shown as `preflight`), written apart from the run's own fields. */
  attachPreflight(runId: string, report: unknown): Promise<void>;
}

/** Run-level lock (scheduled runs must never overlap), on the same table as the event leases. */
export interface RunLock {
  acquireNamedLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  releaseNamedLease(name: string, holder: string): Promise<void>;
}
