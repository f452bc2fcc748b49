/**
 * Failed injections in a row across every sync running at once (shared state, not per invocation):
 * what the ConsecutiveFailedInjections alarm reads. An injection resets it.
 */
export interface FailureStreak {
  /** Records one injection attempt; returns the streak it leaves (0 after an injection). */
  recordInjectionOutcome(failed: boolean): Promise<number>;
}
