import { tenderFor } from '#functions/core/config/sync-config';
import type { EngineDeps, SyncEventOptions } from '#functions/core/deps/engine-deps';
import { describeError, LeaseLostError } from '#functions/core/domain/errors';
import type { EventInvoice, TripleSeatEvent } from '#functions/core/domain/model';
import { LEASE_HELD } from '#functions/core/domain/reasons';
import { fingerprintOf, serializeFingerprint } from '#functions/core/drift/fingerprint';
import { summariseMoney } from '#functions/core/money/money-summary';
import type { LedgerRecord } from '#functions/core/ports/ledger';
import type { Logger } from '#functions/core/ports/logger';
import { writeBackNotes } from '#functions/core/writeback/write-back-notes';
import { withEventLease } from './event-lease';
import { failureFor, fastPath, type OutcomeNotes, recordOutcome, result } from './event-outcome';
import { findOrphanedOrder } from './orphan-order';
import type { EventResult } from './results';
import {
  checkBeforeWriting,
  type ForeignOrder,
  findWhereToStart,
  invoiceStop,
  mapToProducts,
  passTimeGate,
  planOrder,
  readItems,
  resolveMoneySettings,
  type SyncRun,
  writePlannedOrder,
} from './sync-steps';
import { forTheRealEstablishment } from './test-diversion';

/**
 * One TripleSeat event → at most one Revel order. Safe to call from every entry point at once.
 *
 * The primary course:
 * 1. **Lease** the event in the ledger (another holder → `in_progress`, nothing done).
 * 2. **Fast path**: the ledger says injected → `skipped` DUPLICATE with the order id, no vendor call;
 *    when drift is watched and the event may have changed since (no `updated_at` from the listing or
 *    the webhook, or another one than injected / last compared), it is fetched and compared with what
 *    the order was built from, and a change is recorded and alerted once (core/engine/watch-drift.ts).
 *    The ledger says someone else's order holds the event and the caller's `updated_at` is the one
 *    recorded → the same DUPLICATE naming that order, no vendor call (event-outcome.ts).
 * 3. **Fetch** the event from TripleSeat.
 * 4. **Gate**: status, day in the location's zone, location mapped, connector on (`skipped` + reason).
 * 5. **Items** from the documents' line items, else the invoice pages (none → `skipped` NO_ITEMS).
 * 5a. **Check** the invoice: lines within bounds, parts add up to the grand total (else `failed`).
 * 5b. **Money settings**: a discount, charge or payment whose Revel setting is missing → `failed`.
 * 6. **Map** items to Revel products (any unmapped → `failed` UNMAPPED_ITEMS, nothing written).
 * 7. **Look in Revel** by local_id (in a bulk run, a fresh batch answer for several events stands in
 *    for a new event's own look-up): our own half-written order is adopted, anyone else's → DUPLICATE,
 *    recorded as foreign so the fast path answers it while the event is unchanged.
 * 8. **Write** the order as a resumable saga, progress saved after every step, then read it back:
 *    money that differs from TripleSeat → `failed` RECONCILIATION_MISMATCH, never touched again.
 * 9. **Record** the outcome in the ledger and release the lease.
 * 10. **Write back** (with `writeBack.tripleseatNotes`), still under the lease: the notes on the
 *    TripleSeat event for our order (core/writeback/); a failure is recorded, never the outcome.
 */
export async function syncEvent(
  eventId: string,
  deps: EngineDeps,
  options: SyncEventOptions,
): Promise<EventResult> {
  const dryRun = options.dryRun ?? deps.config.connector.dryRun;
  const holder = `${deps.holderId}:${options.correlationId}`;
  const lease = {
    ledger: deps.ledger,
    leaseMs: deps.config.sync.leaseSeconds * 1000,
    logger: deps.logger,
    dryRun,
  };
  const leased = await withEventLease(eventId, holder, lease, (record) =>
    syncLeasedEvent(eventId, record, { deps, options, dryRun, holder }),
  );
  if (leased.acquired) return leased.value;
  deps.logger.info('event lease held elsewhere', {
    event_id: eventId,
    status: 'in_progress',
    reason: LEASE_HELD,
  });
  return result(eventId, undefined, 'in_progress', { reason: LEASE_HELD });
}

async function syncLeasedEvent(
  eventId: string,
  record: LedgerRecord | null,
  run: SyncRun,
): Promise<EventResult> {
  const outcome = await decideLeasedEvent(eventId, record, run);
  await writeBackAfter(eventId, record, outcome, run);
  return outcome;
}

/**
 * Our order's notes on the TripleSeat event. A fresh injection and the scheduled, manual and operator
 * runs also look whether the order is now paid in Revel (the poll); a TripleSeat webhook only retries
 * a missing "injected" note, so a burst of deliveries costs no Revel read once it is written.
 */
async function writeBackAfter(
  eventId: string,
  record: LedgerRecord | null,
  outcome: EventResult,
  run: SyncRun,
): Promise<void> {
  const { deps, options, dryRun } = run;
  if (dryRun || !deps.writeBack || !deps.config.writeBack.tripleseatNotes) return;
  const fresh = outcome.status === 'injected';
  const revelOrderId = fresh
    ? outcome.revel_order_id
    : outcome.status === 'skipped' && record?.status === 'injected'
      ? record.revelOrderId
      : undefined;
  if (!revelOrderId) return;
  const polled = options.trigger !== 'webhook' && options.trigger !== 'queue';
  await writeBackNotes(
    { ...deps, writeBack: deps.writeBack },
    { eventId, revelOrderId, checkPaid: fresh || polled },
  ).catch((e: unknown) =>
    deps.logger.warn('TripleSeat write-back failed', { event_id: eventId, error: describeError(e) }),
  );
}

async function decideLeasedEvent(
  eventId: string,
  record: LedgerRecord | null,
  run: SyncRun,
): Promise<EventResult> {
  const { deps, options, dryRun, holder } = run;
  const log = deps.logger;
  let event: TripleSeatEvent | undefined;
  record = forTheRealEstablishment(record, deps.config, log);
  try {
    const watched = record && (await lookForDrift(record, run));
    if (watched) {
      logSynced(log, watched);
      return watched;
    }
    const fast = fastPath(record, options.knownUpdatedAt);
    if (fast) {
      if (fast.error && record?.status === 'injected')
        log.warn('event changed after injection; Revel order left as written', { event_id: eventId });
      logSynced(log, fast);
      return fast;
    }
    event = await deps.tripleseat.getEvent(eventId);
    const { outcome, ...kept } = await decideAndWrite(event, record, run);
    if (!dryRun) await recordOutcome(deps, holder, event, outcome, options, kept);
    logSynced(log, outcome);
    return outcome;
  } catch (e: unknown) {
    const failure = failureFor(eventId, event, e);
    // A create still settling (or a lease lost) is not a failure: a later attempt finishes the event.
    const message = failure.status === 'in_progress' ? 'event sync paused' : 'event sync failed';
    const level = failure.status === 'in_progress' ? 'info' : failure.retryable ? 'warn' : 'error';
    log[level](message, {
      event_id: eventId,
      status: failure.status,
      reason: failure.reason,
      error: failure.error,
      retryable: failure.retryable,
    });
    if (!dryRun && !(e instanceof LeaseLostError)) {
      await recordOutcome(deps, holder, event, failure, options).catch((recordError: unknown) =>
        log.error('could not record failure in the ledger', {
          event_id: eventId,
          error: describeError(recordError),
        }),
      );
    }
    return failure;
  }
}

/**
 * Drift of an injected event (core/engine/watch-drift.ts). A failure to look (TripleSeat down) must
 * never turn an injected record into a failed one: it is logged and the plain fast path answers.
 */
async function lookForDrift(record: LedgerRecord, run: SyncRun): Promise<EventResult | undefined> {
  const { deps, options, dryRun, holder } = run;
  try {
    // Imported on the first injected event seen again: a cold start that only injects needs none of it.
    const { watchInjected } = await import('./watch-drift');
    return await watchInjected(deps, {
      record,
      knownUpdatedAt: options.knownUpdatedAt,
      correlationId: options.correlationId,
      holder,
      dryRun,
    });
  } catch (e: unknown) {
    if (e instanceof LeaseLostError) throw e;
    deps.logger.warn('could not compare the injected event with TripleSeat; will look again', {
      event_id: record.eventId,
      error: describeError(e),
    });
    return undefined;
  }
}

function logSynced(log: Logger, outcome: EventResult): void {
  log.info('event synced', {
    event_id: outcome.id,
    status: outcome.status,
    reason: outcome.reason,
    revel_order_id: outcome.revel_order_id,
  });
}

/** Steps 4–8 (sync-steps.ts) and what the ledger keeps beside the outcome (event-outcome.ts, OutcomeNotes). */
async function decideAndWrite(
  event: TripleSeatEvent,
  record: LedgerRecord | null,
  run: SyncRun,
): Promise<{ outcome: EventResult } & OutcomeNotes> {
  let invoice: EventInvoice | undefined;
  const decided = await decideAndWriteSteps(event, record, run, (read) => {
    invoice = read;
  });
  if ('foreign' in decided) return { outcome: decided.foreign, foreignOrder: true };
  if (decided.status !== 'injected') return { outcome: decided };
  const test = run.deps.config.connector.testLocation;
  return {
    outcome: decided,
    fingerprint: serializeFingerprint(fingerprintOf(event, invoice)),
    ...(test === undefined ? {} : { testEstablishmentId: test.establishmentId }),
  };
}

async function decideAndWriteSteps(
  event: TripleSeatEvent,
  record: LedgerRecord | null,
  run: SyncRun,
  onInvoice: (invoice: EventInvoice) => void,
): Promise<EventResult | ForeignOrder> {
  const orphan = await findOrphanedOrder(event, record, run.deps);
  const gate = passTimeGate(event, record, run.deps, orphan);
  if ('stop' in gate) return gate.stop;
  const items = await readItems(event, run.deps);
  if ('stop' in items) return invoiceStop(items.stop, event, record, orphan);
  onInvoice(items.next);
  const checked = checkBeforeWriting(event, items.next);
  if ('stop' in checked) return invoiceStop(checked.stop, event, record, orphan);
  const target = run.deps.config.connector.testLocation ?? gate.next.revel;
  const money = resolveMoneySettings(event, items.next, target, run.deps);
  if ('stop' in money) return money.stop;
  const lines = await mapToProducts(event, items.next.lines, target.establishmentId, run.deps);
  if ('stop' in lines) return lines.stop;
  const plan = planOrder(
    event,
    lines.next,
    target,
    gate.next.timeZone,
    run.deps,
    items.next.instructions,
    money.next,
  );
  const start = await findWhereToStart(event, record, plan, run);
  if ('foreign' in start) return start;
  if (run.dryRun) {
    const orderId = start.next.progress.orderId;
    return result(event.id, event, 'would_inject', orderId !== undefined ? { orderId: String(orderId) } : {});
  }
  const outcome = await writePlannedOrder(event, plan.plan, start.next, run);
  if (outcome.status !== 'injected') return outcome;
  const tender = tenderFor(run.deps.config, target);
  const summary = summariseMoney(checked.next, {
    location: gate.next.name,
    establishmentId: target.establishmentId,
    tender: tender === undefined ? undefined : `Revel payment type ${tender}`,
  });
  return { ...outcome, money: summary };
}
