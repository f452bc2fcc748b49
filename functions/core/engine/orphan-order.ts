import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { WriteSettlingError } from '#functions/core/domain/errors';
import type { TripleSeatEvent } from '#functions/core/domain/model';
import { localIdsFor } from '#functions/core/order/local-id';
import { findPlannedOrder } from '#functions/core/order/order-writer';
import type { LedgerRecord } from '#functions/core/ports/ledger';

/**
 * An Order create whose outcome is unknown (its answer lost, or the progress save after it failed)
 * leaves a pending mark but no order id. Before any eligibility "no" can skip the event, Revel is
 * asked whether that order landed: an order found is finished or flagged by the time gate, never
 * left behind silently. Returns the order's id, or undefined when no create is pending or nothing
 * landed within the settle time; throws WriteSettlingError while it may still land.
 */
export async function findOrphanedOrder(
  event: TripleSeatEvent,
  record: LedgerRecord | null,
  deps: EngineDeps,
): Promise<number | undefined> {
  const progress = record?.progress;
  const pending = progress?.pending;
  if (!progress || progress.orderId !== undefined || pending?.step !== 'order') return undefined;
  if (progress.establishmentId === undefined) return undefined;
  const localIds = localIdsFor(deps.config.revel, event.id);
  const orders = await deps.revel.findOrdersByLocalId(progress.establishmentId, localIds.all);
  const ours = findPlannedOrder(orders, { orderUuid: pending.uuid, localId: localIds.current });
  if (ours) return ours.id;
  const settledAt = new Date(Date.parse(pending.since) + deps.config.sync.writeSettleSeconds * 1000);
  if (deps.clock.now().getTime() < settledAt.getTime()) throw new WriteSettlingError('order', settledAt);
  return undefined;
}
