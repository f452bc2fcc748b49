import { SkipReason } from '#functions/core/domain/reasons';
import { adviceFor } from '#functions/core/notify/failure-advice';

/** An event's outcome as the day board shows it: the ledger's word, else what the listing says. */
export type DayOutcome =
  | 'injected'
  | 'failed'
  | 'skipped'
  | 'in_progress'
  | 'would_inject'
  | 'not_synced'
  /** Never recorded, and the listing already says it cannot be written (TENTATIVE, unconfigured location…). */
  | 'not_eligible';

const SKIPPED: Record<string, string> = {
  [SkipReason.STATUS_NOT_ELIGIBLE]:
    'Not confirmed in TripleSeat: it reaches Revel only once its status is eligible (DEFINITE or CLOSED by default). Confirm it in TripleSeat, or enter the order in Revel by hand.',
  [SkipReason.LOCATION_NOT_MAPPED]:
    'Its TripleSeat location is not in the sync config, so no order is written: add the location to locations[] with its Revel establishment, or enter the order in Revel by hand.',
  [SkipReason.CONNECTOR_DISABLED]:
    'The connector was off when it was last synced: turn it on (Switches), then Retry.',
  [SkipReason.TOO_EARLY]: 'Written on its day by the scheduled run; nothing to do now.',
  [SkipReason.EVENT_DAY_PASSED]: 'Its day has passed: enter it in Revel by hand if it is still needed.',
  [SkipReason.EVENT_DELETED]: 'Deleted in TripleSeat: nothing to do.',
  [SkipReason.NO_ITEMS]: 'The event orders nothing: add its menu in TripleSeat, then Retry.',
};

/** One sentence: what a person should do about this row now; null when nothing. */
export function boardAdvice(
  outcome: DayOutcome,
  reason: string | null,
  foreignOrder: boolean,
): string | null {
  switch (outcome) {
    case 'injected':
    case 'would_inject':
      return null;
    case 'failed':
      return adviceFor(reason);
    case 'in_progress':
      return 'A sync is writing it now: look again in a minute.';
    case 'not_synced':
      return 'The next scheduled run writes it; Retry writes it now.';
    case 'skipped':
      if (reason === SkipReason.DUPLICATE)
        return foreignOrder
          ? 'An order made outside this sync holds it in Revel: check that order against the invoice.'
          : null;
      return (reason !== null ? SKIPPED[reason] : undefined) ?? null;
    case 'not_eligible':
      return (reason !== null ? SKIPPED[reason] : undefined) ?? null;
  }
}
