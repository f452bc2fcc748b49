import type { RunRecord } from './runs';

/** The recent bulk runs, newest first (platform/run-history-dynamodb.ts). */
export interface RunHistory {
  recentRuns(limit: number): Promise<RunRecord[]>;
}
