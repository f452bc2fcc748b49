import type { SyncConfig } from '../config/sync-config';
import { describeError, LeaseLostError, OrderPlanChangedError } from '../domain/errors';
import type { RevelOrder, TripleSeatEvent } from '../domain/model';
import { localIdsFor } from '../order/local-id';
import {
  buildOrderPlan,
  callNameFor,
  findPlannedOrder,
  localTimestamp,
  orderNotesFor,
  writeOrder,
} from '../order/order-writer';
import { mapItemsToProducts } from '../order/product-mapping';
import type { Clock } from '../ports/clock';
import type { Ledger, LedgerRecord, SagaProgress } from '../ports/ledger';
import { emptyProgress } from '../ports/ledger';
import type { Logger } from '../ports/logger';
import type { RevelApi } from '../ports/revel-api';
import type { TripleSeatApi } from '../ports/tripleseat-api';
import { checkEligibility, type EligibilityVerdict } from './eligibility';
import { extractEventItems } from './event-items';
import { failureFor, fastPath, recordOutcome, result } from './event-outcome';
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
 * One TripleSeat event → at most one Revel order. Safe to call from every entry point at once:
 * the ledger lease makes concurrent callers for the same event wait their turn (`in_progress`).
 */
export async function syncEvent(
  eventId: string,
  deps: EngineDeps,
  options: SyncEventOptions,
): Promise<EventResult> {
  const log = deps.logger;
  const dryRun = options.dryRun ?? deps.config.connector.dryRun;
  const holder = `${deps.holderId}:${options.correlationId}`;
  const record = dryRun
    ? ((await deps.ledger.get(eventId)) ?? null)
    : await deps.ledger.acquireLease(eventId, holder, deps.config.sync.leaseSeconds * 1000);
  if (record === undefined) {
    log.info('event lease held elsewhere', { event_id: eventId, status: 'in_progress', reason: LEASE_HELD });
    return result(eventId, undefined, 'in_progress', { reason: LEASE_HELD });
  }
  let event: TripleSeatEvent | undefined;
  try {
    const fast = fastPath(record, options.knownUpdatedAt);
    if (fast) {
      if (fast.error)
        log.warn('event changed after injection; Revel order left as written', { event_id: eventId });
      log.info('event synced', {
        event_id: eventId,
        status: fast.status,
        reason: fast.reason,
        revel_order_id: fast.revel_order_id,
      });
      return fast;
    }
    event = await deps.tripleseat.getEvent(eventId);
    const outcome = await decideAndWrite(event, record, deps, dryRun, holder);
    if (!dryRun) await recordOutcome(deps, holder, event, outcome, options.correlationId);
    log.info('event synced', {
      event_id: eventId,
      status: outcome.status,
      reason: outcome.reason,
      revel_order_id: outcome.revel_order_id,
    });
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
  } finally {
    if (!dryRun) {
      await deps.ledger.releaseLease(eventId, holder).catch((e: unknown) =>
        log.warn('could not release lease (it will expire)', {
          event_id: eventId,
          error: describeError(e),
        }),
      );
    }
  }
}

async function decideAndWrite(
  event: TripleSeatEvent,
  record: LedgerRecord | null,
  deps: EngineDeps,
  dryRun: boolean,
  holder: string,
): Promise<EventResult> {
  const { config } = deps;
  const now = deps.clock.now();
  const halfWritten = record?.progress.orderId;
  const verdict = resumable(checkEligibility(event, config, now), halfWritten);
  if (!verdict.eligible) {
    // An order we started must not be silently abandoned because the event changed under it.
    if (halfWritten !== undefined) throw new OrderPlanChangedError(halfWritten, event.id);
    return result(event.id, event, 'skipped', { reason: verdict.reason, error: verdict.detail });
  }

  const items = await extractEventItems(event, {
    excludedCategories: config.items.excludedCategories,
    fetchInvoiceItems: (url) => deps.tripleseat.fetchInvoiceItems(url),
  });
  if (items.length === 0) return result(event.id, event, 'skipped', { reason: SkipReason.NO_ITEMS });

  const revelTarget = config.connector.testLocation ?? verdict.location.revel;
  const establishmentId = revelTarget.establishmentId;
  const products = await deps.revel.listProducts(establishmentId);
  const mapped = mapItemsToProducts(items, products, {
    mapping: config.items.mapping,
    establishmentId,
    ...(config.items.openPriceProductId !== undefined
      ? { openPriceProductId: config.items.openPriceProductId }
      : {}),
  });
  if (mapped.unmapped.length > 0) {
    const names = [...new Set(mapped.unmapped.map((i) => i.name))];
    return result(event.id, event, 'failed', {
      reason: FailReason.UNMAPPED_ITEMS,
      error: `no Revel product for: ${names.join(', ')}`,
      retryable: false,
    });
  }

  const localIds = localIdsFor(config.revel, event.id);
  const plan = buildOrderPlan({
    eventId: event.id,
    localId: localIds.current,
    revel: revelTarget,
    timestampLocal: localTimestamp(now, verdict.location.timeZone),
    notes: orderNotesFor(event),
    callName: callNameFor(event),
    lines: mapped.lines,
    paymentTypeId: config.revel.payment?.enabled ? config.revel.payment.paymentTypeId : undefined,
    orderHistory: config.revel.orderHistory,
  });

  let progress: SagaProgress = record?.progress.orderId !== undefined ? record.progress : emptyProgress();
  let adopted = false;
  if (progress.orderId === undefined) {
    const existing = await deps.revel.findOrdersByLocalId(establishmentId, localIds.all);
    const ours = findPlannedOrder(existing, plan);
    if (ours) {
      // Our own order whose ledger entry was lost: finish it (or confirm it is finished), never re-create.
      progress = adoptedProgress(ours, plan.subtotalCents);
      adopted = true;
    } else if (existing[0]) {
      return result(event.id, event, 'skipped', {
        reason: SkipReason.DUPLICATE,
        orderId: String(existing[0].id),
        error: `Revel already has order ${existing[0].id} with local_id "${existing[0].localId}"`,
      });
    }
  }
  if (dryRun) {
    return result(event.id, event, 'would_inject', {
      ...(progress.orderId !== undefined ? { orderId: String(progress.orderId) } : {}),
    });
  }

  await deps.ledger.recordOutcome(event.id, holder, { status: 'writing', eventUpdatedAt: event.updatedAt });
  const counted = countingWrites(deps.revel);
  const written = await writeOrder(plan, progress, counted.api, (p) =>
    deps.ledger.saveProgress(event.id, holder, p),
  );
  const orderId = String(written.orderId);
  if (adopted && counted.writes() === 0) {
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
  return { eligible: true, location: verdict.location, today: '' };
}
