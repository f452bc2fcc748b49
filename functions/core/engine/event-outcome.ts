import type { SyncTrigger } from '#functions/core/contract/sync-trigger';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { AppError, describeError, LeaseLostError, WriteSettlingError } from '#functions/core/domain/errors';
import type { TripleSeatEvent } from '#functions/core/domain/model';
import { FailReason, LEASE_HELD, SkipReason, WRITE_SETTLING } from '#functions/core/domain/reasons';
import { sameSave, sameUpdatedAt } from '#functions/core/domain/updated-at';
import {
  type FailureDetails,
  failureDetailsOf,
  type MoneySummary,
} from '#functions/core/money/money-summary';
import type { LedgerRecord } from '#functions/core/ports/ledger';
import type { EventResult } from './results';

/**
 * Ledger says injected → zero vendor calls: an order is never rewritten (the kitchen may be working
 * from it). Changes since are the drift watch's (core/engine/watch-drift.ts); for an order injected
 * before fingerprints were kept, a listing whose `updated_at` differs earns a note for the operator.
 * An order that failed RECONCILIATION_MISMATCH is skipped the same way: written, and left as it is.
 * So is an event held by someone else's order while it is unchanged (heldByForeignOrder).
 */
export function fastPath(
  record: LedgerRecord | null,
  knownUpdatedAt: string | undefined,
): EventResult | undefined {
  if (
    record?.status === 'failed' &&
    record.reason === FailReason.RECONCILIATION_MISMATCH &&
    record.revelOrderId
  ) {
    // The order differed from TripleSeat when read back: it is left for a person, never touched again.
    return alreadyWritten(
      record.eventId,
      record.revelOrderId,
      `Revel order ${record.revelOrderId} did not match TripleSeat when written (${FailReason.RECONCILIATION_MISMATCH}); left as it is`,
    );
  }
  const foreign = heldByForeignOrder(record, knownUpdatedAt);
  if (foreign) return foreign;
  if (record?.status !== 'injected' || !record.revelOrderId) return undefined;
  const changed =
    knownUpdatedAt !== undefined &&
    record.eventUpdatedAt !== undefined &&
    !sameUpdatedAt(knownUpdatedAt, record.eventUpdatedAt);
  return alreadyWritten(
    record.eventId,
    record.revelOrderId,
    changed ? 'event changed in TripleSeat after injection; the Revel order was not updated' : null,
  );
}

/**
 * Someone else's order (the old connector's, a person's) found by local_id holds the event: while
 * the event is unchanged that answer stands, with no vendor call (a group switching over from the old
 * connector would otherwise pay a fetch, an invoice and a look-up per event every scheduled run).
 * Only a caller that knows the event's `updated_at` can show it unchanged — a bulk listing, a webhook's
 * queue message; another one than recorded means the event was edited, and Revel is asked again.
 * Without one — the operator's "sync this event now", the command line — Revel is asked again too:
 * that is how an operator who removed the foreign order gets ours written with one click.
 */
function heldByForeignOrder(
  record: LedgerRecord | null,
  knownUpdatedAt: string | undefined,
): EventResult | undefined {
  if (
    record?.status !== 'skipped' ||
    record.reason !== SkipReason.DUPLICATE ||
    record.foreignOrder !== true ||
    !record.revelOrderId
  )
    return undefined;
  // A create of ours whose outcome is not known may still land: the look-up must see it.
  if (record.progress.orderId !== undefined || record.progress.pending !== undefined) return undefined;
  if (!sameSave(record.eventUpdatedAt, knownUpdatedAt, record.updatedAt)) return undefined;
  return alreadyWritten(record.eventId, record.revelOrderId, record.error ?? null);
}

/** `skipped DUPLICATE` for an event whose order the ledger already holds, answered without the event. */
export function alreadyWritten(eventId: string, revelOrderId: string, error: string | null): EventResult {
  return {
    id: eventId,
    name: null,
    date: null,
    status: 'skipped',
    revel_order_id: revelOrderId,
    reason: SkipReason.DUPLICATE,
    error,
  };
}

export function failureFor(eventId: string, event: TripleSeatEvent | undefined, e: unknown): EventResult {
  if (e instanceof LeaseLostError)
    return result(eventId, event, 'in_progress', { reason: LEASE_HELD, error: e.message });
  // Not a failure: a create is settling in Revel; a later attempt (queue retry, schedule) finishes it.
  if (e instanceof WriteSettlingError)
    return result(eventId, event, 'in_progress', { reason: WRITE_SETTLING, error: e.message });
  if (e instanceof AppError) {
    const details = failureDetailsOf(e);
    return result(eventId, event, 'failed', {
      reason: e.code,
      error: e.message,
      retryable: e.retryable,
      ...(details ? { details } : {}),
    });
  }
  return result(eventId, event, 'failed', {
    reason: FailReason.INTERNAL_ERROR,
    error: describeError(e),
    retryable: true,
  });
}

/** What the ledger keeps beside an outcome. */
export interface OutcomeNotes {
  /** What an injected order was built from (core/drift/fingerprint.ts), kept to notice later changes. */
  fingerprint?: string;
  /** The DUPLICATE names someone else's order found at step 7 (heldByForeignOrder). */
  foreignOrder?: true;
  /** The order was written to the test establishment with this id (core/engine/test-diversion.ts). */
  testEstablishmentId?: number;
}

export async function recordOutcome(
  deps: EngineDeps,
  holder: string,
  event: TripleSeatEvent | undefined,
  outcome: EventResult,
  sync: { correlationId: string; trigger?: SyncTrigger | undefined },
  notes: OutcomeNotes = {},
): Promise<void> {
  const { fingerprint, foreignOrder, testEstablishmentId } = notes;
  if (outcome.status === 'in_progress' || outcome.status === 'would_inject') return;
  await deps.ledger.recordOutcome(outcome.id, holder, {
    status: outcome.status,
    revelOrderId: outcome.revel_order_id ?? undefined,
    reason: outcome.reason ?? undefined,
    error: outcome.error ?? undefined,
    correlationId: sync.correlationId,
    trigger: sync.trigger,
    eventUpdatedAt: event?.updatedAt,
    ...(outcome.status === 'injected' && fingerprint !== undefined ? { fingerprint } : {}),
    // Always written, so any later outcome clears them.
    foreignOrder,
    testEstablishmentId,
  });
}

export function result(
  eventId: string,
  event: TripleSeatEvent | undefined,
  status: EventResult['status'],
  extra: {
    reason?: string;
    error?: string;
    orderId?: string;
    retryable?: boolean;
    money?: MoneySummary;
    details?: FailureDetails;
  } = {},
): EventResult {
  return {
    id: eventId,
    name: event?.name ?? null,
    date: event ? (event.startLocal ?? event.eventDate) : null,
    status,
    revel_order_id: extra.orderId ?? null,
    reason: extra.reason ?? null,
    error: extra.error ?? null,
    ...(extra.retryable !== undefined ? { retryable: extra.retryable } : {}),
    ...(extra.money !== undefined ? { money: extra.money } : {}),
    ...(extra.details !== undefined ? { details: extra.details } : {}),
  };
}
