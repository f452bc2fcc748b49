import type { LocationConfig, RevelLocationConfig } from '#functions/core/config/sync-config';
import type { EngineDeps, SyncEventOptions } from '#functions/core/deps/engine-deps';
import { OrderPlanChangedError } from '#functions/core/domain/errors';
import type { EventInvoice, EventItem, RevelOrder, TripleSeatEvent } from '#functions/core/domain/model';
import { FailReason, SkipReason } from '#functions/core/domain/reasons';
import { type MoneyInput, moneySettingsFor, resolveMoney } from '#functions/core/money/money-plan';
import type { MoneyFigure } from '#functions/core/money/money-summary';
import { checkInvoice } from '#functions/core/order/invoice-check';
import { type LocalIds, localIdsFor } from '#functions/core/order/local-id';
import { pickupTimeFor } from '#functions/core/order/order-plan';
import {
  buildOrderPlan,
  callNameFor,
  findPlannedOrder,
  localTimestamp,
  type OrderPlan,
  orderNotesFor,
  type WriteResult,
  writeOrder,
} from '#functions/core/order/order-writer';
import { describeUnmapped, type MappedLine, mapItemsToProducts } from '#functions/core/order/product-mapping';
import { type Reconciliation, reconcileOrder } from '#functions/core/order/reconcile';
import { emptyProgress, type LedgerRecord, type SagaProgress } from '#functions/core/ports/ledger';
import { batchedOrders } from './batched-lookup';
import { checkEligibility, type EligibilityVerdict } from './eligibility';
import { extractEventInvoice } from './event-items';
import { result } from './event-outcome';
import type { EventResult } from './results';
import { countingWrites } from './write-counter';

/** The named steps of `syncEvent` (sync-event.ts) between the fetch and the ledger record. */

/** One sync's fixed inputs, passed to each step. */
export interface SyncRun {
  deps: EngineDeps;
  options: SyncEventOptions;
  dryRun: boolean;
  holder: string;
}

/** A step either hands its value to the next step or ends the sync with an outcome. */
export type Step<T> = { next: T } | { stop: EventResult };

/**
 * Step 4: eligibility, except that an order we already started — in the ledger, or found in Revel
 * after a create whose outcome was unknown (`orphan`) — is finished rather than abandoned.
 */
export function passTimeGate(
  event: TripleSeatEvent,
  record: LedgerRecord | null,
  deps: EngineDeps,
  orphan: number | undefined,
): Step<LocationConfig> {
  const halfWritten = record?.progress.orderId ?? orphan;
  const verdict = resumable(checkEligibility(event, deps.config, deps.clock.now()), halfWritten);
  if (verdict.eligible) return { next: verdict.location };
  // An order we started must not be silently abandoned because the event changed under it; the
  // connector switched off is a pause, not a change: the progress waits for it to be on again.
  if (halfWritten !== undefined && verdict.reason !== SkipReason.CONNECTOR_DISABLED)
    throw new OrderPlanChangedError(halfWritten, event.id);
  return { stop: result(event.id, event, 'skipped', { reason: verdict.reason, error: verdict.detail }) };
}

/**
 * Steps 5–5a stop on what the event's invoice now says (no items, parts that do not add up). It
 * said otherwise when an earlier attempt started the order, so with a half-written order in Revel
 * the event has changed under it: HALF_WRITTEN_ORDER, naming the change, tells the operator there
 * is an order to finish or void. Settings stops (money, mapping) keep their reason: fixing the
 * setting lets the next attempt finish the order.
 */
export function invoiceStop(
  stop: EventResult,
  event: TripleSeatEvent,
  record: LedgerRecord | null,
  orphan: number | undefined,
): EventResult {
  const halfWritten = record?.progress.orderId ?? orphan;
  if (halfWritten === undefined) return stop;
  const change = stop.error ? `${stop.reason}: ${stop.error}` : (stop.reason ?? undefined);
  throw new OrderPlanChangedError(halfWritten, event.id, change);
}

/** Step 5: what to order, and what TripleSeat says it costs. */
export async function readItems(event: TripleSeatEvent, deps: EngineDeps): Promise<Step<EventInvoice>> {
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
export function checkBeforeWriting(event: TripleSeatEvent, invoice: EventInvoice): Step<EventInvoice> {
  const verdict = checkInvoice(invoice);
  if (verdict.ok) return { next: invoice };
  const failure = { reason: verdict.reason, error: verdict.error, retryable: false };
  const details = verdict.details ? { details: verdict.details } : {};
  return { stop: result(event.id, event, 'failed', { ...failure, ...details }) };
}

/**
 * Step 5b: every Revel setting the money needs — a discount, a charge mapping, a tender — or the
 * event fails naming the missing one, before any Revel request (core/money/money-plan.ts).
 */
export function resolveMoneySettings(
  event: TripleSeatEvent,
  invoice: EventInvoice,
  target: RevelLocationConfig,
  deps: EngineDeps,
): Step<MoneyInput> {
  const resolved = resolveMoney(invoice, moneySettingsFor(deps.config, target, event.eventDate));
  if (resolved.ok) return { next: resolved.money };
  const failure = { reason: resolved.reason, error: resolved.error, retryable: false };
  return { stop: result(event.id, event, 'failed', failure) };
}

/** Step 6: every item to a Revel product of the establishment, or the event fails naming the rest. */
export async function mapToProducts(
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
  const names = describeUnmapped(mapped, establishmentId);
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

export function planOrder(
  event: TripleSeatEvent,
  lines: MappedLine[],
  target: RevelLocationConfig,
  timeZone: string,
  deps: EngineDeps,
  instructions: readonly string[],
  money: MoneyInput,
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
    money,
    orderHistory: config.revel.orderHistory,
    // An establishment whose Revel dropped the create's totals gets the PATCH (checkWrittenOrder).
    totalsWithCreate:
      config.revel.totalsWithCreate && !deps.totalsNotKeptOnCreate.has(target.establishmentId),
    uuidScope: config.connector.testLocation === target ? `test-${target.establishmentId}` : undefined,
    itemNameFields: [config.revel.itemNameField],
  });
  return { plan, localIds, establishmentId: target.establishmentId };
}

interface SagaStart {
  progress: SagaProgress;
  /** Our own order found in Revel by local_id although the ledger did not know it. */
  adopted: boolean;
}

/** Step 7 found someone else's order (the old connector's, a person's): `skipped` DUPLICATE naming it. */
export interface ForeignOrder {
  foreign: EventResult;
}

/**
 * Step 7: resume our half-written order, adopt our own order found in Revel, or stop at someone else's.
 * A bulk run's fresh batch answer replaces the look-up for an event the ledger knows nothing of
 * (batched-lookup.ts); what is found is then handled exactly the same.
 */
export async function findWhereToStart(
  event: TripleSeatEvent,
  record: LedgerRecord | null,
  { plan, localIds, establishmentId }: PlannedOrder,
  { deps, options }: Pick<SyncRun, 'deps' | 'options'>,
): Promise<{ next: SagaStart } | ForeignOrder> {
  if (record?.progress.orderId !== undefined) return { next: { progress: record.progress, adopted: false } };
  const target = { establishmentId, localIds: localIds.all };
  const existing =
    (await batchedOrders(options.batchedLookup, record, target, deps.clock.now())) ??
    (await deps.revel.findOrdersByLocalId(establishmentId, localIds.all));
  const ours = findPlannedOrder(existing, plan);
  // Our own order whose ledger entry was lost: finish it (or confirm it is finished), never re-create.
  if (ours) return { next: { progress: adoptedProgress(ours, plan), adopted: true } };
  const theirs = existing[0];
  // Nothing found: keep the progress, whose pending create mark (if any) holds off a re-send.
  if (!theirs) return { next: { progress: record?.progress ?? emptyProgress(), adopted: false } };
  return {
    foreign: result(event.id, event, 'skipped', {
      reason: SkipReason.DUPLICATE,
      orderId: String(theirs.id),
      error: `Revel already has order ${theirs.id} with local_id "${theirs.localId}"`,
    }),
  };
}

/** Step 8: the saga. An adopted order that needed no write was already complete: a duplicate. */
export async function writePlannedOrder(
  event: TripleSeatEvent,
  plan: OrderPlan,
  start: SagaStart,
  { deps, holder, options }: SyncRun,
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
  // Step 8a: read the order back; a mismatch is left for a person (event-outcome.ts, fastPath).
  const check = await checkWrittenOrder(event, plan, written, { deps, holder, options });
  if (check.ok) return result(event.id, event, 'injected', { orderId });
  deps.logger.error('Revel order differs from TripleSeat after writing', {
    event_id: event.id,
    revel_order_id: orderId,
    error: check.mismatches.join('; '),
  });
  return {
    ...result(event.id, event, 'failed', {
      reason: FailReason.RECONCILIATION_MISMATCH,
      error: `Revel order ${orderId} differs from TripleSeat: ${check.mismatches.join('; ')}`,
      orderId,
      retryable: false,
    }),
    details: { figures: figuresOf(check) },
  };
}

/**
 * Step 8a's read-back. When the plan sent the totals with the create and only the order-level totals
 * differ, Revel did not keep them: they are PATCHed once (safe to repeat) and the order alone read
 * again; its establishment is remembered so its later orders plan the PATCH
 * (docs/decisions/0012-totals-on-the-create-verified-by-the-read-back.md).
 */
async function checkWrittenOrder(
  event: TripleSeatEvent,
  plan: OrderPlan,
  written: WriteResult,
  { deps, holder, options }: Pick<SyncRun, 'deps' | 'holder' | 'options'>,
): Promise<Reconciliation> {
  // An order this run created with no payments planned holds none: nothing to list.
  const noPayments = written.created && plan.payments.length === 0;
  // In a batch, read together with the batch's other orders; undefined: read alone.
  const shared = await options.readBack?.read({
    establishmentId: plan.establishmentId,
    orderId: written.orderId,
    payments: !noPayments,
  });
  const known = {
    ...shared,
    ...(noPayments ? { payments: [] } : {}),
    // The fee rows as Revel answered their creates (none planned: none written), else read back.
    serviceFees: written.serviceFees,
    historyClosed: written.historyClosed,
  };
  const check = await reconcileOrder(plan, written.orderId, deps.revel, known);
  // The plan, not this run, decides: an attempt that died after the create (totals on it) and before
  // this read-back leaves the next attempt with the same question.
  if (check.ok || !plan.totalsWithCreate || !check.onlyOrderTotals) return check;
  // Not done until the PATCH answers: a retry after a failed PATCH sends it again.
  await deps.ledger.saveProgress(event.id, holder, { ...written.progress, totalsDone: false });
  await deps.revel.setOrderTotals(plan, written.orderId);
  const { establishmentId } = plan;
  if (!deps.totalsNotKeptOnCreate.has(establishmentId)) {
    deps.totalsNotKeptOnCreate.add(establishmentId);
    deps.logger.warn('Revel did not keep the totals sent with the create; patched them', {
      establishment_id: establishmentId,
      revel_order_id: String(written.orderId),
      hint: 'set revel.totalsWithCreate: false for this merchant',
    });
  }
  const { items, payments, serviceFees, historyClosed } = check.readBack;
  return reconcileOrder(plan, written.orderId, deps.revel, { items, payments, serviceFees, historyClosed });
}

function figuresOf(check: Reconciliation): MoneyFigure[] {
  return check.figures.map((f) => ({
    label: f.name,
    tripleseatCents: f.tripleseatCents,
    ...(f.revelCents === undefined ? { notChecked: true } : { revelCents: f.revelCents }),
  }));
}

function adoptedProgress(order: RevelOrder, plan: OrderPlan): SagaProgress {
  return {
    ...emptyProgress(),
    orderId: order.id,
    totalsDone: order.subtotalCents === plan.subtotalCents && order.finalTotalCents === plan.finalTotalCents,
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
