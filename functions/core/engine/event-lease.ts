import { describeError } from '#functions/core/domain/errors';
import type { Ledger, LedgerRecord } from '#functions/core/ports/ledger';
import type { Logger } from '#functions/core/ports/logger';

export interface EventLeaseOptions {
  ledger: Ledger;
  leaseMs: number;
  logger: Logger;
  /** A dry run reads the record and takes no lease: it writes nothing to protect. */
  dryRun: boolean;
}

export type LeasedWork<T> = { acquired: true; value: T } | { acquired: false };

/**
 * Runs `work` while holding the event's lease — the one rule that makes webhook, schedule, manual
 * route and DELETE_EVENT handling serialise per event (docs/decisions/0001-idempotency-ledger-lease-and-local-id.md).
 * `{acquired: false}` when another holder has it. The lease is always released afterwards; a
 * release that fails is only logged, since the lease expires on its own.
 */
export async function withEventLease<T>(
  eventId: string,
  holder: string,
  { ledger, leaseMs, logger, dryRun }: EventLeaseOptions,
  work: (record: LedgerRecord | null) => Promise<T>,
): Promise<LeasedWork<T>> {
  const record = dryRun
    ? ((await ledger.get(eventId)) ?? null)
    : await ledger.acquireLease(eventId, holder, leaseMs);
  if (record === undefined) return { acquired: false };
  try {
    return { acquired: true, value: await work(record) };
  } finally {
    if (!dryRun) {
      await ledger.releaseLease(eventId, holder).catch((e: unknown) =>
        logger.warn('could not release lease (it will expire)', {
          event_id: eventId,
          error: describeError(e),
        }),
      );
    }
  }
}
