import { OrderPlanChangedError, VendorError } from '../domain/errors';
import type { RevelOrder } from '../domain/model';
import type { SagaProgress } from '../ports/ledger';
import type { RevelApi } from '../ports/revel-api';
import type { OrderPlan, PlannedLine } from './order-plan';

export { deterministicUuid } from './deterministic-uuid';
export {
  buildOrderPlan,
  callNameFor,
  localTimestamp,
  type OrderPlan,
  type OrderPlanInput,
  orderNotesFor,
  type PlannedLine,
} from './order-plan';

export interface WriteResult {
  orderId: number;
  progress: SagaProgress;
}

/**
 * The plan's own order among those found by local_id: same uuid, or (if Revel dropped the uuid) the
 * same local_id. Lets the engine resume, rather than skip, an order a crashed run left half-written.
 */
export function findPlannedOrder(orders: readonly RevelOrder[], plan: OrderPlan): RevelOrder | undefined {
  return (
    orders.find((o) => o.uuid === plan.orderUuid) ??
    orders.find((o) => o.uuid === undefined && o.localId === plan.localId)
  );
}

/**
 * Writes the plan as a resumable saga: Order → OrderItems → totals → payment → history. Progress is
 * saved after every step, so a crash resumes exactly where it stopped: the order is never re-created
 * and no item uuid is ever posted twice. Non-retryable errors propagate unchanged.
 */
export async function writeOrder(
  plan: OrderPlan,
  progress: SagaProgress,
  revel: RevelApi,
  saveProgress: (p: SagaProgress) => Promise<void>,
): Promise<WriteResult> {
  const state: SagaProgress = { ...progress, itemsDone: [...progress.itemsDone] };
  const snapshot = (): SagaProgress => ({ ...state, itemsDone: [...state.itemsDone] });
  const save = () => saveProgress(snapshot());

  let uncertain = state.orderId !== undefined;
  if (uncertain) await assertSamePlan(plan, state, revel, save);
  if (state.orderId === undefined) {
    const order = await createOrder(plan, revel);
    state.orderId = order.id;
    state.plannedItems = plan.lines.map(lineFingerprint);
    state.establishmentId = plan.establishmentId;
    uncertain = order.uncertain;
    await save();
  }
  const orderId = state.orderId;

  await writeItems(plan, orderId, state, revel, save, uncertain);

  if (!state.totalsDone) {
    await revel.setOrderTotals(plan, orderId);
    state.totalsDone = true;
    await save();
  }

  const payment = plan.payment;
  if (payment && !state.paymentDone) {
    const exists = async () => (await revel.listPaymentUuids(orderId)).includes(payment.uuid);
    if (!(await exists())) {
      await createOnce(() => revel.createPayment(plan, orderId, payment), exists);
    }
    state.paymentDone = true;
    await save();
  }

  if (plan.orderHistory && !state.historyDone) {
    // OrderHistory rows carry no uuid: any row means the order already shows in Order History.
    const exists = async () => (await revel.countOrderHistory(orderId)) > 0;
    if (!(await exists())) {
      await createOnce(() => revel.createOrderHistory(plan, orderId), exists);
    }
    state.historyDone = true;
    await save();
  }

  return { orderId, progress: snapshot() };
}

/**
 * A create whose outcome is unknown (timeout, 5xx) is never re-sent in the same run: Revel may still
 * be committing it when an immediate re-check finds nothing, so a re-send could double the order or
 * an item. The event fails retryably and the next attempt (minutes later) adopts what landed.
 */
async function createOrder(plan: OrderPlan, revel: RevelApi): Promise<{ id: number; uncertain: boolean }> {
  try {
    const order = await revel.createOrder(plan);
    return { id: order.id, uncertain: false };
  } catch (e: unknown) {
    if (!(e instanceof VendorError && e.outcomeUnknown)) throw e;
    // Revel has no idempotency key: the lost create may have committed, so look for it.
    const orders = await revel.findOrdersByLocalId(plan.establishmentId, [plan.localId]);
    const ours = findPlannedOrder(orders, plan);
    if (ours) return { id: ours.id, uncertain: true };
    // Not found, or someone else's order under our local_id: the next run's duplicate check decides.
    throw e;
  }
}

async function writeItems(
  plan: OrderPlan,
  orderId: number,
  state: SagaProgress,
  revel: RevelApi,
  save: () => Promise<void>,
  uncertain: boolean,
): Promise<void> {
  const done = new Set(state.itemsDone);
  const markDone = (uuid: string) => {
    if (done.has(uuid)) return;
    done.add(uuid);
    state.itemsDone.push(uuid);
  };
  const pending = () => plan.lines.filter((line) => !done.has(line.uuid));

  if (uncertain && pending().length > 0) {
    // A crash may have come between an item's commit and its progress save: trust Revel's list.
    const existing = new Set((await revel.listOrderItems(orderId)).map((item) => item.uuid));
    const before = done.size;
    for (const line of pending()) if (existing.has(line.uuid)) markDone(line.uuid);
    if (done.size > before) await save();
  }

  for (const [index, line] of plan.lines.entries()) {
    if (done.has(line.uuid)) continue;
    const exists = async () => (await revel.listOrderItems(orderId)).some((item) => item.uuid === line.uuid);
    await createOnce(() => revel.createOrderItem(plan, orderId, line, index), exists);
    markDone(line.uuid);
    await save();
  }
}

/** Sends a create once; when its outcome is unknown, it counts as done only if `exists` finds it (see createOrder). */
async function createOnce(create: () => Promise<unknown>, exists: () => Promise<boolean>): Promise<void> {
  try {
    await create();
  } catch (e: unknown) {
    if (!(e instanceof VendorError && e.outcomeUnknown)) throw e;
    if (!(await exists())) throw e;
  }
}

/** Everything about a line that must not change between starting an order and finishing it. */
export function lineFingerprint(line: PlannedLine): string {
  return [
    line.uuid,
    line.productId,
    line.quantity,
    line.unitPriceCents,
    line.totalCents,
    line.nameOverride ?? '',
  ].join('|');
}

/**
 * A half-written order is finished only with the plan it was started with (see SagaProgress). An
 * order started before fingerprints were kept, or adopted from Revel after the ledger lost it, is
 * checked against what Revel holds instead, and then fingerprinted.
 */
async function assertSamePlan(
  plan: OrderPlan,
  state: SagaProgress,
  revel: RevelApi,
  save: () => Promise<void>,
): Promise<void> {
  const changed = () => new OrderPlanChangedError(state.orderId, plan.eventId);
  if (state.establishmentId !== undefined && state.establishmentId !== plan.establishmentId) throw changed();
  const planned = plan.lines.map(lineFingerprint);
  if (state.plannedItems !== undefined) {
    const same =
      state.plannedItems.length === planned.length && state.plannedItems.every((f) => planned.includes(f));
    if (!same) throw changed();
    return;
  }
  if (state.orderId === undefined) return;
  const uuids = new Set(plan.lines.map((line) => line.uuid));
  const existing = await revel.listOrderItems(state.orderId);
  if (existing.some((item) => item.uuid === undefined || !uuids.has(item.uuid))) throw changed();
  state.plannedItems = planned;
  state.establishmentId = plan.establishmentId;
  await save();
}
