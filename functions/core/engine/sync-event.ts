import type { LocationConfig, RevelLocationConfig, SyncConfig } from '../config/sync-config';
import { describeError, LeaseLostError, OrderPlanChangedError } from '../domain/errors';
import type { EventInvoice, EventItem, RevelOrder, TripleSeatEvent } from '../domain/model';
import { checkInvoice } from '../order/invoice-check';
import { type LocalIds, localIdsFor } from '../order/local-id';
import { pickupTimeFor } from '../order/order-plan';
import {
  buildOrderPlan,
  callNameFor,
  findPlannedOrder,
  localTimestamp,
  type OrderPlan,
  orderNotesFor,
  writeOrder,
} from '../order/order-writer';
import { type MappedLine, mapItemsToProducts } from '../order/product-mapping';
import type { Clock } from '../ports/clock';
import { emptyProgress, type Ledger, type LedgerRecord, type SagaProgress } from '../ports/ledger';
import type { Logger } from '../ports/logger';
import type { RevelApi } from '../ports/revel-api';
import type { TripleSeatApi } from '../ports/tripleseat-api';
import { checkEligibility, type EligibilityVerdict } from './eligibility';
import { extractEventInvoice } from './event-items';
import { withEventLease } from './event-lease';
import { failureFor, fastPath, recordOutcome, result } from './event-outcome';
import { findOrphanedOrder } from './orphan-order';
import { FailReason, LEASE_HELD, SkipReason } from './reasons';
import type { EventResult } from './results';
import { countingWrites } from './write-counter';

export interface EngineDeps {
  config: SyncConfig;
  tripleseat: TripleSeatApi;
  revel: RevelApi;
  ledger: Ledger;
  clock: Clock;
  logger: Logger;
  /** Names this process as a lease holder (unique per invocation). */
  holderId: string;
}

export interface SyncEventOptions {
  correlationId: string;
  dryRun?: boolean;
  /** `updated_at` seen in a search listing: lets the ledger fast path notice a changed event. */
  knownUpdatedAt?: string | undefined;
}

/**
 * One TripleSeat event → at most one Revel order. Safe to call from every entry point at once.
 *
 * The primary course:
 * 1. **Lease** the event in the ledger (another holder → `in_progress`, nothing done).
 * 2. **Fast path**: the ledger says injected → `skipped` DUPLICATE with the order id, no vendor call.
 * 3. **Fetch** the event from TripleSeat.
 * 4. **Gate**: status, day in the location's zone, location mapped, connector on (`skipped` + reason).
 * 5. **Items** from the documents' line items, else the invoice pages (none → `skipped` NO_ITEMS).
 * 5a. **Check** the invoice: lines within bounds, parts add up to the grand total (else `failed`).
 * 6. **Map** items to Revel products (any unmapped → `failed` UNMAPPED_ITEMS, nothing written).
 * 7. **Look in Revel** by local_id: our own half-written order is adopted, anyone else's → DUPLICATE.
 * 8. **Write** the order as a resumable saga, progress saved after every step.
 * 9. **Record** the outcome in the ledger and release the lease.
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

/** One sync's fixed inputs, passed to each step. */
interface SyncRun {
  deps: EngineDeps;
  options: SyncEventOptions;
  dryRun: boolean;
  holder: string;
}

async function syncLeasedEvent(
  eventId: string,
  record: LedgerRecord | null,
  run: SyncRun,
): Promise<EventResult> {
  const { deps, options, dryRun, holder } = run;
  const log = deps.logger;
  let event: TripleSeatEvent | undefined;
  try {
    const fast = fastPath(record, options.knownUpdatedAt);
    if (fast) {
      if (fast.error)
        log.warn('event changed after injection; Revel order left as written', { event_id: eventId });
      logSynced(log, fast);
      return fast;
    }
    event = await deps.tripleseat.getEvent(eventId);
    const outcome = await decideAndWrite(event, record, run);
    if (!dryRun) await recordOutcome(deps, holder, event, outcome, options.correlationId);
    logSynced(log, outcome);
    return outcome;
  } catch (e: unknown) {
    const failure = failureFor(eventId, event, e);
    log[failure.retryable ? 'warn' : 'error']('event sync failed', {
      event_id: eventId,
      status: failure.status,
      reason: failure.reason,
      error: failure.error,
      retryable: failure.retryable,
    });
    if (!dryRun && !(e instanceof LeaseLostError)) {
      await recordOutcome(deps, holder, event, failure, options.correlationId).catch((recordError: unknown) =>
        log.error('could not record failure in the ledger', {
          event_id: eventId,
          error: describeError(recordError),
        }),
      );
    }
    return failure;
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

/** A step either hands its value to the next step or ends the sync with an outcome. */
type Step<T> = { next: T } | { stop: EventResult };

async function decideAndWrite(
  event: TripleSeatEvent,
  record: LedgerRecord | null,
  run: SyncRun,
): Promise<EventResult> {
  const orphan = await findOrphanedOrder(event, record, run.deps);
  const gate = passTimeGate(event, record, run.deps, orphan);
  if ('stop' in gate) return gate.stop;
  const items = await readItems(event, run.deps);
  if ('stop' in items) return items.stop;
  const checked = checkBeforeWriting(event, items.next);
  if ('stop' in checked) return checked.stop;
  const target = run.deps.config.connector.testLocation ?? gate.next.revel;
  const lines = await mapToProducts(event, items.next.lines, target.establishmentId, run.deps);
  if ('stop' in lines) return lines.stop;
  const plan = planOrder(event, lines.next, target, gate.next.timeZone, run.deps, items.next.instructions);
  const start = await findWhereToStart(event, record, plan, run.deps);
  if ('stop' in start) return start.stop;
  if (run.dryRun) {
    const orderId = start.next.progress.orderId;
    return result(event.id, event, 'would_inject', orderId !== undefined ? { orderId: String(orderId) } : {});
  }
  return writePlannedOrder(event, plan.plan, start.next, run);
}

/**
 * Step 4: eligibility, except that an order we already started — in the ledger, or found in Revel
 * after a create whose outcome was unknown (`orphan`) — is finished rather than abandoned.
 */
function passTimeGate(
  event: TripleSeatEvent,
  record: LedgerRecord | null,
  deps: EngineDeps,
  orphan: number | undefined,
): Step<LocationConfig> {
  const halfWritten = record?.progress.orderId ?? orphan;
  const verdict = resumable(checkEligibility(event, deps.config, deps.clock.now()), halfWritten);
  if (verdict.eligible) return { next: verdict.location };
  // An order we started must not be silently abandoned because the event changed under it.
  if (halfWritten !== undefined) throw new OrderPlanChangedError(halfWritten, event.id);
  return { stop: result(event.id, event, 'skipped', { reason: verdict.reason, error: verdict.detail }) };
}

/** Step 5: what to order, and what TripleSeat says it costs. */
async function readItems(event: TripleSeatEvent, deps: EngineDeps): Promise<Step<EventInvoice>> {
  const read = await extractEventInvoice(event, {
    excludedCategories: deps.config.items.excludedCategories,
    fetchInvoice: (url) => deps.tripleseat.fetchInvoice(url),
  });
  if ('mismatch' in read) {
    const failure = { reason: FailReason.TOTALS_DO_NOT_ADD_UP, error: read.mismatch, retryable: false };
    return { stop: result(event.id, event, 'failed', failure) };
  }
  if (read.invoice.lines.length === 0)
    return { stop: result(event.id, event, 'skipped', { reason: SkipReason.NO_ITEMS }) };
  return { next: read.invoice };
}

/** Step 5a: nothing reaches Revel unless the lines are sane and the parts add up (core/order/invoice-check.ts). */
function checkBeforeWriting(event: TripleSeatEvent, invoice: EventInvoice): Step<EventInvoice> {
  const verdict = checkInvoice(invoice);
  if (verdict.ok) return { next: invoice };
  const failure = { reason: verdict.reason, error: verdict.error, retryable: false };
  return { stop: result(event.id, event, 'failed', failure) };
}

/** Step 6: every item to a Revel product of the establishment, or the event fails naming the rest. */
async function mapToProducts(
  event: TripleSeatEvent,
  items: EventItem[],
  establishmentId: number,
  deps: EngineDeps,
): Promise<Step<MappedLine[]>> {
  const { items: itemConfig } = deps.config;
  const mapped = mapItemsToProducts(items, await deps.revel.listProducts(establishmentId), {
    mapping: itemConfig.mapping,
    establishmentId,
    ...(itemConfig.openPriceProductId !== undefined
      ? { openPriceProductId: itemConfig.openPriceProductId }
      : {}),
  });
  if (mapped.unmapped.length === 0) return { next: mapped.lines };
  const names = [...new Set(mapped.unmapped.map((i) => i.name))];
  return {
    stop: result(event.id, event, 'failed', {
      reason: FailReason.UNMAPPED_ITEMS,
      error: `no Revel product for: ${names.join(', ')}`,
      retryable: false,
    }),
  };
}

interface PlannedOrder {
  plan: OrderPlan;
  localIds: LocalIds;
  establishmentId: number;
}

function planOrder(
  event: TripleSeatEvent,
  lines: MappedLine[],
  target: RevelLocationConfig,
  timeZone: string,
  deps: EngineDeps,
  instructions: readonly string[],
): PlannedOrder {
  const { config } = deps;
  const pickupTime = pickupTimeFor(event, timeZone);
  const localIds = localIdsFor(config.revel, event.id);
  const plan = buildOrderPlan({
    eventId: event.id,
    localId: localIds.current,
    revel: target,
    timestampLocal: localTimestamp(deps.clock.now(), timeZone),
    notes: orderNotesFor(event, { instructions, pickupTime }),
    pickupTime,
    callName: callNameFor(event),
    lines,
    paymentTypeId: config.revel.payment?.enabled ? config.revel.payment.paymentTypeId : undefined,
    orderHistory: config.revel.orderHistory,
    totalsWithCreate: config.revel.totalsWithCreate,
  });
  return { plan, localIds, establishmentId: target.establishmentId };
}

interface SagaStart {
  progress: SagaProgress;
  /** Our own order found in Revel by local_id although the ledger did not know it. */
  adopted: boolean;
}

/** Step 7: resume our half-written order, adopt our own order found in Revel, or stop at someone else's. */
async function findWhereToStart(
  event: TripleSeatEvent,
  record: LedgerRecord | null,
  { plan, localIds, establishmentId }: PlannedOrder,
  deps: EngineDeps,
): Promise<Step<SagaStart>> {
  if (record?.progress.orderId !== undefined) return { next: { progress: record.progress, adopted: false } };
  const existing = await deps.revel.findOrdersByLocalId(establishmentId, localIds.all);
  const ours = findPlannedOrder(existing, plan);
  // Our own order whose ledger entry was lost: finish it (or confirm it is finished), never re-create.
  if (ours) return { next: { progress: adoptedProgress(ours, plan.subtotalCents), adopted: true } };
  const theirs = existing[0];
  // Nothing found: keep the progress, whose pending create mark (if any) holds off a re-send.
  if (!theirs) return { next: { progress: record?.progress ?? emptyProgress(), adopted: false } };
  return {
    stop: result(event.id, event, 'skipped', {
      reason: SkipReason.DUPLICATE,
      orderId: String(theirs.id),
      error: `Revel already has order ${theirs.id} with local_id "${theirs.localId}"`,
    }),
  };
}

/** Step 8: the saga. An adopted order that needed no write was already complete: a duplicate. */
async function writePlannedOrder(
  event: TripleSeatEvent,
  plan: OrderPlan,
  start: SagaStart,
  { deps, holder }: SyncRun,
): Promise<EventResult> {
  await deps.ledger.recordOutcome(event.id, holder, { status: 'writing', eventUpdatedAt: event.updatedAt });
  const counted = countingWrites(deps.revel);
  const written = await writeOrder(
    plan,
    start.progress,
    counted.api,
    (p) => deps.ledger.saveProgress(event.id, holder, p),
    { clock: deps.clock, settleMs: deps.config.sync.writeSettleSeconds * 1000 },
  );
  const orderId = String(written.orderId);
  if (start.adopted && counted.writes() === 0) {
    return result(event.id, event, 'skipped', { reason: SkipReason.DUPLICATE, orderId });
  }
  return result(event.id, event, 'injected', { orderId });
}

function adoptedProgress(order: RevelOrder, subtotalCents: number): SagaProgress {
  return {
    ...emptyProgress(),
    orderId: order.id,
    totalsDone: order.subtotalCents === subtotalCents && order.finalTotalCents === subtotalCents,
  };
}

/**
 * A half-written order is finished even after its day has passed (or before it, if the event was
 * moved): the order exists, so the time gate no longer protects anything. Other "no"s still stop it.
 */
function resumable(verdict: EligibilityVerdict, halfWritten: number | undefined): EligibilityVerdict {
  if (verdict.eligible || halfWritten === undefined || !verdict.location) return verdict;
  if (verdict.reason !== SkipReason.TOO_EARLY && verdict.reason !== SkipReason.EVENT_DAY_PASSED)
    return verdict;
  return { eligible: true, location: verdict.location };
}
