import { findLocation, tenderFor } from '#functions/core/config/sync-config';
import type { AppendPayments } from '#functions/core/deps/drift-deps';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { AppError, WriteSettlingError } from '#functions/core/domain/errors';
import type { FingerprintPayments } from '#functions/core/domain/event-fingerprint';
import type { OrderPlan, PlannedPayment } from '#functions/core/domain/planned-order';
import { formatCents } from '#functions/core/money/cents';
import type { MoneyInput } from '#functions/core/money/money-plan';
import { localIdsFor } from '#functions/core/order/local-id';
import {
  buildOrderPlan,
  closePaidOrder,
  createOnce,
  localTimestamp,
  type Saga,
} from '#functions/core/order/order-writer';
import type { PaymentsUpdate, WrittenPayment } from '#functions/core/ports/drift-log';
import type { SagaProgress } from '#functions/core/ports/ledger';
import type { RevelApi } from '#functions/core/ports/revel-api';
import { movedPayments } from './fingerprint';

const notDone = (reason: string): PaymentsUpdate => ({ written: [], closed: false, notDone: reason });

/**
 * `drift.payments: append`: a payment made in TripleSeat after injection becomes one Revel Payment,
 * keyed as the order's own payments are (order-plan.ts: the payment's place among the event's
 * payments gives its uuid and `created_date`, with the location's tender), looked up before it is
 * sent and sent through the saga's create-once (order-writer.ts), so a lost answer is found, never
 * doubled. Then `remaining_due` becomes TripleSeat's amount due, and the order is closed through its
 * OrderHistory row when nothing is due and its payments make its total (`revel.closeWhenPaid`). A
 * refund, or a payment gone or smaller, writes nothing: the alert says so. Nothing is written to an
 * order that is closed.
 */
export function appendPayments(
  deps: Pick<EngineDeps, 'config' | 'revel' | 'ledger' | 'clock' | 'logger'>,
): AppendPayments {
  return async ({ record, before, after, event, holder }) => {
    const { config, revel } = deps;
    const paidBefore = before.money?.payments;
    const paidAfter = after.money?.payments;
    if (!paidBefore || !paidAfter) return notDone("TripleSeat's payments could not be read");
    const move = movedPayments(paidBefore, paidAfter);
    if (move.reduced)
      return notDone(
        'a payment was refunded, removed or reduced in TripleSeat: Revel is never changed for that',
      );
    if (move.added.length === 0) return notDone('no payment was made in TripleSeat since');

    const location = findLocation(config, event.locationId);
    const revelLocation = config.connector.testLocation ?? location?.revel;
    const orderId = record.progress.orderId ?? Number(record.revelOrderId);
    if (!location || !revelLocation)
      return notDone(`location ${event.locationId ?? '(none)'} is not configured`);
    if (!Number.isInteger(orderId)) return notDone('the Revel order id is not known');
    const tenderId = tenderFor(config, revelLocation);
    if (tenderId === undefined)
      return notDone(`no tender is configured for establishment ${revelLocation.establishmentId}`);

    let written: WrittenPayment[] = [];
    try {
      const order = await revel.getOrder(orderId);
      const closed = order.closed === true || (await revel.listOrderHistory(orderId)).some((h) => h.closed);
      if (closed) return notDone(`Revel order ${orderId} is closed`);

      // The plan the order would get now: its payments carry exactly the keys injection gives them.
      const plan = buildOrderPlan({
        eventId: event.id,
        localId: localIdsFor(config.revel, event.id).current,
        revel: revelLocation,
        timestampLocal: localTimestamp(deps.clock.now(), location.timeZone),
        notes: '',
        callName: '',
        lines: [],
        money: paymentsOnly(paidAfter, { tenderId, taxMode: config.tax.mode, fallbackDate: event.eventDate }),
        orderHistory: false,
      });
      const target: Target = { plan, orderId, holder, record, revel };
      written = await writeAdded(deps, target, move.added);

      const paidInRevel = (await revel.listPayments(orderId)).reduce((sum, p) => sum + p.amountCents, 0);
      const total = order.finalTotalCents;
      // As at injection (order-plan.ts): TripleSeat's amount due in tax mode `tripleseat`, else what is left.
      const due =
        paidAfter.dueCents !== null && config.tax.mode === 'tripleseat'
          ? paidAfter.dueCents
          : total === undefined
            ? undefined
            : Math.max(0, total - paidInRevel);
      if (due === undefined)
        return { written, closed: false, notDone: "the amount due is not known: Revel's was left as it is" };
      await revel.setRemainingDue(orderId, due);
      // A stated "0.00 due" alone is no evidence of payment: the payments must make the total (order-plan.ts `close`).
      plan.close = config.revel.closeWhenPaid && due === 0 && paidInRevel === total;
      if (plan.close) await inSaga(deps, target, (saga) => closePaidOrder(saga, orderId));
      const unpaid = !plan.close && due === 0 && config.revel.closeWhenPaid;
      return {
        written,
        remainingDueCents: due,
        closed: plan.close,
        ...(unpaid
          ? {
              notDone: `not closed: the order's payments (${formatCents(paidInRevel)}) do not make its total (${total === undefined ? 'unknown' : formatCents(total)})`,
            }
          : {}),
      };
    } catch (e: unknown) {
      if (e instanceof WriteSettlingError || !(e instanceof AppError)) throw e;
      deps.logger.warn('payments made since injection could not be written to the order', {
        event_id: event.id,
        revel_order_id: orderId,
        error_code: e.code,
      });
      return { written, closed: false, notDone: e.message };
    }
  };
}

/** TripleSeat's payments as the money of a plan that writes nothing else (order-plan.ts keys them). */
function paymentsOnly(
  payments: FingerprintPayments,
  settings: Pick<MoneyInput, 'tenderId' | 'taxMode' | 'fallbackDate'>,
): MoneyInput {
  return {
    discounts: [],
    charges: [],
    taxes: [],
    grandTotalCents: undefined,
    amountDueCents: undefined,
    payments: payments.list.map((p) => ({ cents: p.cents, date: p.date ?? undefined, kind: p.kind })),
    closeWhenPaid: false,
    ...settings,
  };
}

interface Target {
  plan: OrderPlan;
  orderId: number;
  holder: string;
  record: { eventId: string; progress: SagaProgress };
  revel: RevelApi;
}

/**
 * Runs `steps` as a saga over the record's progress, saved under the event's lease: pending marks as
 * order-writer.ts sets them, and what is known done saved at the end, even after a failure.
 */
async function inSaga<R>(
  deps: Pick<EngineDeps, 'config' | 'ledger' | 'clock'>,
  target: Target,
  steps: (saga: Saga) => Promise<R>,
): Promise<R> {
  const state: SagaProgress = structuredClone(target.record.progress);
  let dirty = false;
  const saga: Saga = {
    plan: target.plan,
    revel: target.revel,
    state,
    options: { clock: deps.clock, settleMs: deps.config.sync.writeSettleSeconds * 1000 },
    save: async () => {
      await deps.ledger.saveProgress(target.record.eventId, target.holder, structuredClone(state));
      dirty = false;
    },
    touch: () => {
      dirty = true;
    },
  };
  try {
    return await steps(saga);
  } finally {
    if (dirty) await saga.save().catch(() => undefined);
  }
}

/**
 * Each added payment, unless Revel holds it: its uuid, its tender + amount + `created_date`, or as
 * many payments of that tender and amount as TripleSeat lists up to it (the fee rule of
 * order-writer.ts `writeServiceFees`: a reordered TripleSeat list never doubles a payment).
 */
async function writeAdded(
  deps: Pick<EngineDeps, 'config' | 'ledger' | 'clock'>,
  target: Target,
  added: readonly { index: number }[],
): Promise<WrittenPayment[]> {
  const { plan, orderId, revel } = target;
  return inSaga(deps, target, async (saga) => {
    const written: WrittenPayment[] = [];
    for (const { index } of added) {
      const payment = plan.payments[index];
      if (!payment) continue;
      const find = async () => ((await held(revel, orderId, plan.payments, index)) ? true : undefined);
      if (await find()) continue;
      await createOnce(
        saga,
        { step: 'payment', uuid: payment.uuid },
        async () => Boolean(await revel.createPayment(plan, orderId, payment)),
        find,
      );
      written.push({ cents: payment.amountCents, createdDate: payment.createdDate });
    }
    return written;
  });
}

async function held(
  revel: RevelApi,
  orderId: number,
  payments: readonly PlannedPayment[],
  index: number,
): Promise<boolean> {
  const payment = payments[index];
  if (!payment) return false;
  const rows = await revel.listPayments(orderId);
  const sameKind = (p: { paymentTypeId: number | undefined; amountCents: number }) =>
    p.paymentTypeId === payment.paymentTypeId && p.amountCents === payment.amountCents;
  if (rows.some((p) => p.uuid === payment.uuid || (sameKind(p) && p.createdDate === payment.createdDate)))
    return true;
  const listedUpToIt = payments.slice(0, index + 1).filter(sameKind).length;
  return rows.filter(sameKind).length >= listedUpToIt;
}
