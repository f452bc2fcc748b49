/** One thing to fix before an upcoming event's day (core/preflight/check-upcoming.ts). */
export interface PreflightProblem {
  /** The TripleSeat event; undefined for a location's Revel setting, which concerns all its events. */
  eventId: string | undefined;
  eventName: string | undefined;
  /** The event's local day `YYYY-MM-DD`. */
  date: string | undefined;
  /** The configured location's name, else TripleSeat's location id. */
  location: string | undefined;
  /** A reason code of core/domain/reasons.ts, or REVEL_REFERENCE_INVALID. */
  reason: string;
  /** What is wrong, e.g. `no Revel product for: Unicorn Cake`. */
  detail: string;
  /** What to add or change so the event goes through on its day. */
  fix: string;
}

/** The latest preflight of upcoming events, kept for the console and `npm run sync -- --preflight`. */
export interface PreflightReport {
  /** ISO instant (injected Clock) of the check. */
  checkedAt: string;
  /** The scheduled run that made it; absent for a check from the command line. */
  runId?: string | undefined;
  days: number;
  /** Events in an eligible status dated in the window that were checked. */
  eventsChecked: number;
  /** TripleSeat requests the check made (searches, event fetches, invoice pages). */
  tripleseatRequests: number;
  problems: PreflightProblem[];
  /** Identifies the set of problems: a digest goes out when it changes. */
  problemsHash: string;
  /** When the digest was last mailed, and for which set of problems. */
  mailedAt?: string | undefined;
  mailedHash?: string | undefined;
}

import type { RevelReferences } from './revel-references';

/** The preflight record on the ledger table (platform/preflight-store-dynamodb.ts). */
export interface PreflightStore {
  getPreflight(): Promise<PreflightReport | undefined>;
  putPreflight(report: PreflightReport): Promise<void>;
}

/** What a scheduled run needs for its preflight (wired by functions/sync/build-sync-deps.ts). */
export interface PreflightDeps {
  store: PreflightStore;
  references: RevelReferences;
}

export type PreflightCheck = Omit<PreflightReport, 'mailedAt' | 'mailedHash' | 'runId'> & {
  /** Events left unchecked because `shouldStop` said so (then the check is incomplete). */
  notChecked: number;
};
