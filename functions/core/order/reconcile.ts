import type {
  RevelOrderItem,
  RevelOrderMoney,
  RevelPayment,
  RevelServiceFee,
} from '#functions/core/domain/model';
import type { OrderPlan } from '#functions/core/domain/planned-order';
import { formatCents } from '#functions/core/money/cents';
import type { RevelApi } from '#functions/core/ports/revel-api';
import { type FeeFigure, readFeeFigure } from './fee-figure';

/** How a figure compares: Revel's equals TripleSeat's, differs, or Revel did not return it. */
export type FigureCheck = 'matches' | 'differs' | 'not checked';

/**
 * One figure as TripleSeat (the plan) states it beside what Revel holds, in cents. A figure Revel did
 * not return (`revelCents` undefined) is "not checked": shown as such, never a mismatch.
 */
export interface ReconciledFigure {
  name: string;
  tripleseatCents: number;
  revelCents: number | undefined;
  check: FigureCheck;
}

/** Whether a paid order is closed, and what said so: `Order.closed`, or our OrderHistory row. */
export interface ClosingCheck {
  /** The plan closes the order (paid in full and `revel.closeWhenPaid`). */
  expected: boolean;
  closed: boolean;
  by: 'order' | 'order history' | undefined;
}

export interface Reconciliation {
  ok: boolean;
  figures: ReconciledFigure[];
  closing: ClosingCheck;
  /** The figures that differ, as "tax: TripleSeat 15.08, Revel 0.00". */
  mismatches: string[];
  /** Something differs, and only order-level totals figures do (not items, items tax, fees, payments, closing). */
  onlyOrderTotals: boolean;
  /** What was read, to be reused by a later check of the order alone. */
  readBack: OrderReadBack;
}

const sum = (values: readonly number[]): number => values.reduce((total, v) => total + v, 0);

/** An order as Revel holds it: the order with its money, its items, its payments. */
export interface OrderReadBack {
  order: RevelOrderMoney;
  items: RevelOrderItem[];
  payments: RevelPayment[];
  /** The AppliedServiceFee rows, when they were read (core/order/fee-figure.ts). */
  serviceFees?: RevelServiceFee[] | undefined;
  /** Our OrderHistory row closes the order, as Revel answered or listed it; undefined: not known. */
  historyClosed?: boolean | undefined;
}

/** Reads an order back with its items and payments: three requests (the operator's money table, core/ops/money-table.ts). */
export async function readOrderBack(orderId: number, revel: RevelApi): Promise<OrderReadBack> {
  const order = await revel.getOrder(orderId);
  const items = await revel.listOrderItems(orderId);
  const payments = await revel.listPayments(orderId);
  return { order, items, payments };
}

/** An OrderItem's amount after its line discount; undefined when Revel did not say its price. */
export function itemNetCents(item: RevelOrderItem): number | undefined {
  if (item.priceCents === undefined) return undefined;
  return Math.round(item.priceCents * item.quantity) - (item.discountCents ?? 0);
}

/**
 * The order-level figures the totals PATCH sets (`RevelApi.setOrderTotals`). Service fees are not
 * among them: they are AppliedServiceFee rows, which no PATCH of the order changes.
 */
const ORDER_TOTALS: ReadonlySet<string> = new Set([
  'subtotal',
  'discount',
  'tax',
  'final total',
  'remaining due',
]);

/**
 * Reads the written order back and compares its money with the plan (TripleSeat's figures). The order
 * is read unless a shared read-back (batch-read-back.ts) already did; items, payments, fee rows or the history row's state already `known` are not read
 * again (an earlier read-back, or what this run's writes were answered). The fee rows are listed only
 * when the order's own fee fields do not already agree (fee-figure.ts); the OrderHistory rows only
 * when the plan closes the order and neither `Order.closed` nor this run's answers say it is closed.
 */
export async function reconcileOrder(
  plan: OrderPlan,
  orderId: number,
  revel: RevelApi,
  known: Partial<OrderReadBack> = {},
): Promise<Reconciliation> {
  const order = known.order ?? (await revel.getOrder(orderId));
  const items = known.items ?? (await revel.listOrderItems(orderId));
  const payments = known.payments ?? (await revel.listPayments(orderId));
  const fees = await readFeeFigure(plan, order, revel, known.serviceFees);
  let historyClosed = known.historyClosed;
  if (plan.close && order.closed !== true && historyClosed !== true)
    historyClosed = (await revel.listOrderHistory(orderId)).some((h) => h.closed);
  return compareWithPlan(plan, { order, items, payments, serviceFees: fees.rows, historyClosed }, fees);
}

/** Compares an order as read back with the plan; closing is compared too when the plan closes it. */
export function compareWithPlan(
  plan: OrderPlan,
  readBack: OrderReadBack,
  fees: Pick<FeeFigure, 'revelCents'>,
): Reconciliation {
  const { order, items, payments } = readBack;
  const itemsNet = items.every((i) => i.priceCents !== undefined)
    ? sum(items.map((i) => itemNetCents(i) ?? 0))
    : undefined;
  const itemsTax = items.every((i) => i.taxCents !== undefined)
    ? sum(items.map((i) => i.taxCents ?? 0))
    : undefined;
  const figure = (
    name: string,
    tripleseatCents: number,
    revelCents: number | undefined,
  ): ReconciledFigure => ({
    name,
    tripleseatCents,
    revelCents,
    check: revelCents === undefined ? 'not checked' : revelCents === tripleseatCents ? 'matches' : 'differs',
  });
  const figures: ReconciledFigure[] = [
    figure('subtotal', plan.subtotalCents, order.subtotalCents),
    figure(
      'items',
      sum(plan.lines.map((l) => Math.round(l.unitPriceCents * l.quantity) - (l.discountCents ?? 0))),
      itemsNet,
    ),
    figure('discount', plan.discount?.amountCents ?? 0, order.discountCents),
    figure('service fees', sum(plan.serviceFees.map((f) => f.amountCents)), fees.revelCents),
    figure('tax', plan.taxCents, order.taxCents),
    figure('items tax', plan.taxCents, itemsTax),
    figure('final total', plan.finalTotalCents, order.finalTotalCents),
    figure('payments', sum(plan.payments.map((p) => p.amountCents)), sum(payments.map((p) => p.amountCents))),
    figure('remaining due', plan.remainingDueCents, order.remainingDueCents),
  ];
  const differing = figures.filter((f) => f.check === 'differs');
  const mismatches = differing.map(
    (f) => `${f.name}: TripleSeat ${formatCents(f.tripleseatCents)}, Revel ${formatCents(f.revelCents ?? 0)}`,
  );
  const closing = closingOf(plan, readBack);
  const closedDiffers = closing.expected && !closing.closed;
  if (closedDiffers) mismatches.push('closed: TripleSeat paid in full, Revel open');
  return {
    ok: mismatches.length === 0,
    figures,
    closing,
    mismatches,
    onlyOrderTotals:
      differing.length > 0 && !closedDiffers && differing.every((f) => ORDER_TOTALS.has(f.name)),
    readBack,
  };
}

/**
 * Closed = `Order.closed` true (or 1) **or** our OrderHistory row closed: whether writing `closed` on
 * the row also sets `Order.closed` is unknown (docs/vendors/revel.md, "Finishing an order").
 */
function closingOf(plan: OrderPlan, { order, historyClosed }: OrderReadBack): ClosingCheck {
  if (order.closed === true) return { expected: plan.close, closed: true, by: 'order' };
  if (historyClosed === true) return { expected: plan.close, closed: true, by: 'order history' };
  return { expected: plan.close, closed: false, by: undefined };
}
