import { OrderPlanChangedError, VendorError, WriteSettlingError } from '#functions/core/domain/errors';
import type { RevelOrder, RevelServiceFee } from '#functions/core/domain/model';
import type { OrderPlan } from '#functions/core/domain/planned-order';
import type { Clock } from '#functions/core/ports/clock';
import type { CreateStep, SagaProgress } from '#functions/core/ports/ledger';
import type { RevelApi } from '#functions/core/ports/revel-api';
import { planHash } from './plan-hash';

export type { OrderPlan, PlannedLine } from '#functions/core/domain/planned-order';
export { deterministicUuid } from './deterministic-uuid';
export {
  buildOrderPlan,
  callNameFor,
  localTimestamp,
  type OrderPlanInput,
  orderNotesFor,
} from './order-plan';
export { lineFingerprint, planHash } from './plan-hash';

export interface WriteResult {
  orderId: number;
  progress: SagaProgress;
  /** This run created the order (its answer in hand): Revel holds only the rows this run wrote. */
  created: boolean;
  /**
   * Revel showed our OrderHistory row closed during this run (its answer to the row's POST, or the
   * rows listed before closing one); undefined when this run did not see it. Saves the read-back a GET.
   */
  historyClosed?: boolean | undefined;
  /**
   * The order's AppliedServiceFee rows as Revel answered their creates in this run; undefined when
   * any fee was written by an earlier attempt or found rather than answered. Saves the read-back a GET.
   */
  serviceFees?: RevelServiceFee[] | undefined;
}

export interface SagaOptions {
  clock: Clock;
  /** How long a create whose outcome is unknown may still land in Revel (`sync.writeSettleSeconds`). */
  settleMs: number;
}

/**
 * The plan's own order among those found by local_id: same uuid, or (if Revel dropped the uuid) the
 * same local_id. Lets the engine resume, rather than skip, an order a crashed run left half-written.
 */
export function findPlannedOrder(
  orders: readonly RevelOrder[],
  plan: Pick<OrderPlan, 'orderUuid' | 'localId'>,
): RevelOrder | undefined {
  return (
    orders.find((o) => o.uuid === plan.orderUuid) ??
    orders.find((o) => o.uuid === undefined && o.localId === plan.localId)
  );
}

/** The saga's state and how it is saved; a step's "done" rides on the next save (the next pending mark). */
export interface Saga {
  plan: OrderPlan;
  revel: RevelApi;
  state: SagaProgress;
  options: SagaOptions;
  /** Saves the state now. */
  save(): Promise<void>;
  /** Notes that the state changed; saved with the next save, or at the end. */
  touch(): void;
}

/**
 * Writes the plan as a resumable saga: Order → OrderItems → service fees → totals → payments →
 * history (closing a paid order). Every create
 * is marked pending (with its time) in the saved progress before it is sent, so a crash or a lost
 * answer is never followed by a blind re-send: a pending create is looked up first, and re-sent only
 * when nothing landed within the settle time (docs/decisions/0008-pending-creates-and-settle-time.md).
 * Non-retryable errors propagate unchanged.
 */
export async function writeOrder(
  plan: OrderPlan,
  progress: SagaProgress,
  revel: RevelApi,
  saveProgress: (p: SagaProgress) => Promise<void>,
  options: SagaOptions,
): Promise<WriteResult> {
  const state: SagaProgress = { ...progress };
  const snapshot = (): SagaProgress => structuredClone(state);
  let dirty = false;
  const saga: Saga = {
    plan,
    revel,
    state,
    options,
    save: async () => {
      await saveProgress(snapshot());
      dirty = false;
    },
    touch: () => {
      dirty = true;
    },
  };
  const flush = async () => {
    if (dirty) await saga.save();
  };
  let outcome: SagaOutcome;
  try {
    outcome = await runSaga(saga);
    await flush();
  } catch (e: unknown) {
    // Keep what is known to be done, so the next attempt does not wait on a settled create.
    await flush().catch(() => undefined);
    throw e;
  }
  return { orderId: state.orderId as number, progress: snapshot(), ...outcome };
}

interface SagaOutcome {
  created: boolean;
  historyClosed: boolean | undefined;
  serviceFees: RevelServiceFee[] | undefined;
}

/** Runs the steps; `created` when this run created the order (rather than resumed or found it). */
async function runSaga(saga: Saga): Promise<SagaOutcome> {
  const { plan, revel, state } = saga;
  // A resumed order, or one found rather than created, may hold items no progress counted.
  let resumed = state.orderId !== undefined;
  if (resumed) await assertSamePlan(saga);
  if (state.orderId === undefined) {
    // The plan and establishment are saved with the order's pending mark: an orphan can be found.
    state.planHash = planHash(plan);
    state.establishmentId = plan.establishmentId;
    const find = async () => {
      const found = findPlannedOrder(
        await revel.findOrdersByLocalId(plan.establishmentId, [plan.localId]),
        plan,
      );
      if (found) resumed = true;
      return found?.id;
    };
    state.orderId = await createOnce(
      saga,
      { step: 'order', uuid: plan.orderUuid },
      async () => (await revel.createOrder(plan)).id,
      find,
    );
  }
  const orderId = state.orderId;
  // An order this run created (its answer in hand) holds only rows this run adds: nothing to look up
  // before a create. A resumed, adopted or found order is checked, row by row, as before.
  const created = !resumed;

  await writeItems(saga, orderId, resumed);
  const serviceFees = await writeServiceFees(saga, orderId, resumed);

  // Totals sent with a create whose answer this run holds are done; a found order gets the PATCH.
  if (created && plan.totalsWithCreate && !state.totalsDone) {
    state.totalsDone = true;
    saga.touch();
  }
  if (!state.totalsDone) {
    await revel.setOrderTotals(plan, orderId);
    state.totalsDone = true;
    saga.touch();
  }

  await writePayments(saga, orderId, resumed);
  const historyClosed = await writeHistory(saga, orderId, resumed);
  return { created, historyClosed, serviceFees };
}

/**
 * Service fees in plan order, `feesWritten` of them done. A fee is found again by its uuid, or by
 * its ServiceFee and amount (the n-th planned fee with that key is there when Revel holds n of them):
 * Revel is not known to keep a client uuid (docs/vendors/revel.md, "Money on an order"). Returns the
 * rows as Revel answered their creates, when every fee was created and answered in this run.
 */
async function writeServiceFees(
  saga: Saga,
  orderId: number,
  resumed: boolean,
): Promise<RevelServiceFee[] | undefined> {
  const { plan, revel, state } = saga;
  const keyOf = (serviceFeeId: number | undefined, cents: number) => `${serviceFeeId}|${cents}`;
  let answered: RevelServiceFee[] | undefined = resumed ? undefined : [];
  for (const [index, fee] of plan.serviceFees.entries()) {
    if (index < (state.feesWritten ?? 0)) {
      answered = undefined;
      continue;
    }
    const key = keyOf(fee.serviceFeeId, fee.amountCents);
    const nth = plan.serviceFees
      .slice(0, index)
      .filter((f) => keyOf(f.serviceFeeId, f.amountCents) === key).length;
    const find = async () => {
      const held = await revel.listServiceFees(orderId);
      if (held.some((f) => f.uuid === fee.uuid)) return true;
      return held.filter((f) => keyOf(f.serviceFeeId, f.amountCents) === key).length > nth ? true : undefined;
    };
    let row: RevelServiceFee | undefined;
    if (!resumed || !(await find())) {
      await createOnce(
        saga,
        { step: 'fee', uuid: fee.uuid },
        async () => {
          row = (await revel.createServiceFee(plan, orderId, fee)).row;
          return true;
        },
        find,
      );
    }
    answered = row && answered ? [...answered, row] : undefined;
    if (state.pending?.uuid === fee.uuid) state.pending = undefined;
    state.feesWritten = index + 1;
    saga.touch();
  }
  return answered;
}

/**
 * Payments in plan order, `paymentsWritten` of them done. A payment is found again by its uuid, or
 * by tender + amount + `created_date`, which the plan makes unique per payment (order-plan.ts): the
 * key does not depend on Revel keeping our uuid.
 */
async function writePayments(saga: Saga, orderId: number, resumed: boolean): Promise<void> {
  const { plan, revel, state } = saga;
  for (const [index, payment] of plan.payments.entries()) {
    if (index < (state.paymentsWritten ?? 0)) continue;
    const find = async () =>
      (await revel.listPayments(orderId)).some(
        (p) =>
          p.uuid === payment.uuid ||
          (p.paymentTypeId === payment.paymentTypeId &&
            p.amountCents === payment.amountCents &&
            p.createdDate === payment.createdDate),
      )
        ? true
        : undefined;
    if (!resumed || !(await find())) {
      await createOnce(
        saga,
        { step: 'payment', uuid: payment.uuid },
        async () => Boolean(await revel.createPayment(plan, orderId, payment)),
        find,
      );
    }
    if (state.pending?.uuid === payment.uuid) state.pending = undefined;
    state.paymentsWritten = index + 1;
    saga.touch();
  }
}

/**
 * The OrderHistory row Revel lists orders by, carrying `closed` when the plan closes the order. A
 * row found rather than created is closed with a PATCH (safe to repeat) if it is not yet. Returns
 * whether Revel showed the row closed in this run (undefined: not seen).
 */
async function writeHistory(saga: Saga, orderId: number, resumed: boolean): Promise<boolean | undefined> {
  const { plan, revel, state } = saga;
  let historyClosed: boolean | undefined;
  if ((plan.orderHistory || plan.close) && !state.historyDone) {
    // OrderHistory rows carry no uuid: any row means the order already shows in Order History.
    const find = async () => ((await revel.countOrderHistory(orderId)) > 0 ? true : undefined);
    let created = false;
    if (!resumed || !(await find())) {
      await createOnce(
        saga,
        { step: 'history', uuid: plan.orderUuid },
        async () => {
          const row = await revel.createOrderHistory(plan, orderId);
          created = true;
          historyClosed = row.closed;
          return Boolean(row);
        },
        find,
      );
    }
    state.pending = undefined;
    state.historyDone = true;
    if (created && plan.close) state.closeDone = true;
    saga.touch();
  }
  if (plan.close && !state.closeDone) {
    const rows = await revel.listOrderHistory(orderId);
    const first = rows[0];
    if (rows.some((h) => h.closed)) historyClosed = true;
    else if (first) await revel.closeOrderHistory(plan, first.id);
    state.closeDone = true;
    saga.touch();
  }
  return historyClosed;
}

/**
 * Closes an order through its OrderHistory row exactly as the saga does (writeHistory, as a resumed
 * saga: the row is looked up before one is created), for a plan that closes it — one whose payments
 * make the total with nothing due (order-plan.ts `close`). Without that, nothing is done: undefined.
 */
export async function closePaidOrder(saga: Saga, orderId: number): Promise<boolean | undefined> {
  if (!saga.plan.close) return undefined;
  return writeHistory(saga, orderId, true);
}

/**
 * Items go in plan order, so `itemsWritten` lines are done. A resumed saga first lists what Revel
 * holds: a crash may have come between an item's commit and the save that counted it. An item that
 * is none of the plan's (a person finished the order at the till) stops it: adding the plan's
 * missing lines then would order them twice.
 */
async function writeItems(saga: Saga, orderId: number, resumed: boolean): Promise<void> {
  const { plan, revel, state } = saga;
  if (state.itemsWritten >= plan.lines.length) return;
  const listed = resumed ? await revel.listOrderItems(orderId) : [];
  const planned = new Set(plan.lines.map((line) => line.uuid));
  if (listed.some((item) => item.uuid === undefined || !planned.has(item.uuid)))
    throw new OrderPlanChangedError(orderId, plan.eventId, undefined, true);
  const existing = new Set(listed.map((item) => item.uuid));
  for (const [index, line] of plan.lines.entries()) {
    if (index < state.itemsWritten) continue;
    if (!existing.has(line.uuid)) {
      await createOnce(
        saga,
        { step: 'item', uuid: line.uuid },
        async () => Boolean(await revel.createOrderItem(plan, orderId, line, index)),
        async () =>
          (await revel.listOrderItems(orderId)).some((item) => item.uuid === line.uuid) ? true : undefined,
      );
    }
    if (state.pending?.uuid === line.uuid) state.pending = undefined;
    state.itemsWritten = index + 1;
    saga.touch();
  }
}

/**
 * Sends one create, marked pending (and saved) first. Revel has no idempotency key, so:
 * - a pending mark left by an earlier attempt is resolved by looking the row up; if it is missing
 *   and the settle time has not passed, nothing is sent (WriteSettlingError);
 * - a create whose answer is lost is looked up at once; if missing, it is left pending
 *   (WriteSettlingError): Revel may still be committing it, and an immediate re-send could double it;
 * - a create Revel refused (a definite answer) clears the mark and throws.
 */
export async function createOnce<R>(
  saga: Saga,
  marker: { step: CreateStep; uuid: string },
  create: () => Promise<R>,
  find: () => Promise<R | undefined>,
): Promise<R> {
  const { state, options } = saga;
  const earlier = state.pending;
  if (earlier?.step === marker.step && earlier.uuid === marker.uuid) {
    const found = await find();
    if (found !== undefined) return resolved(saga, found);
    const settledAt = new Date(Date.parse(earlier.since) + options.settleMs);
    if (options.clock.now().getTime() < settledAt.getTime())
      throw new WriteSettlingError(marker.step, settledAt);
    // Nothing landed within the settle time: the create was lost, send it again.
  }
  const since = options.clock.now();
  state.pending = { ...marker, since: since.toISOString() };
  try {
    await saga.save();
  } catch (e: unknown) {
    // Not saved, so not sent: nothing new is pending.
    state.pending = earlier;
    throw e;
  }
  try {
    return resolved(saga, await create());
  } catch (e: unknown) {
    if (!(e instanceof VendorError && e.outcomeUnknown)) {
      // Revel answered "no": nothing was committed, nothing is pending.
      state.pending = undefined;
      saga.touch();
      throw e;
    }
    const found = await find();
    if (found !== undefined) return resolved(saga, found);
    throw new WriteSettlingError(marker.step, new Date(since.getTime() + options.settleMs));
  }
}

function resolved<R>(saga: Saga, value: R): R {
  saga.state.pending = undefined;
  saga.touch();
  return value;
}

/**
 * A half-written order is finished only with the plan it was started with (see SagaProgress). An
 * order started before plans were kept, or adopted from Revel after the ledger lost it, is checked
 * against what Revel holds instead, and then remembered by its plan hash.
 */
async function assertSamePlan(saga: Saga): Promise<void> {
  const { plan, state, revel } = saga;
  const changed = () => new OrderPlanChangedError(state.orderId, plan.eventId);
  if (state.establishmentId !== undefined && state.establishmentId !== plan.establishmentId) throw changed();
  if (state.planHash !== undefined) {
    if (state.planHash !== planHash(plan)) throw changed();
    return;
  }
  if (state.orderId === undefined) return;
  const uuids = new Set(plan.lines.map((line) => line.uuid));
  const existing = await revel.listOrderItems(state.orderId);
  if (existing.some((item) => item.uuid === undefined || !uuids.has(item.uuid))) throw changed();
  state.planHash = planHash(plan);
  state.establishmentId = plan.establishmentId;
  await saga.save();
}
