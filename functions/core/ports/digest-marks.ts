/** What the last scheduled-run digest said about failures, and when it went out. */
export interface DigestMark {
  /** The failed events as mailed (bulk/digest-due.ts `failuresKey`). */
  failures: string;
  /** ISO instant (injected Clock) the digest was mailed. */
  mailedAt: string;
}

/** The last scheduled digest, kept on the ledger table (platform/digest-marks-dynamodb.ts). */
export interface DigestMarks {
  lastScheduledDigest(): Promise<DigestMark | undefined>;
  markScheduledDigest(mark: DigestMark): Promise<void>;
}
