import type { RevelOrderItem, RevelOrderMoney, RevelPayment } from '../domain/model';
import { formatCents } from '../domain/money';
import type { RevelApi } from '../ports/revel-api';
import type { OrderPlan } from './order-plan';

/** One figure as TripleSeat (the plan) states it beside what Revel holds; cents, undefined = Revel did not say. */
export interface ReconciledFigure {
  name: string;
  tripleseatCents: number;
  revelCents: number | undefined;
}

export interface Reconciliation {
  ok: boolean;
  figures: ReconciledFigure[];
  /** The figures that differ, as "tax: TripleSeat 15.08, Revel 0.00". */
  mismatches: string[];
  /** Something differs, and only order-level totals figures do (not items, items tax, payments, closing). */
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

/** The order-level figures the totals PATCH sets (`RevelApi.setOrderTotals`): all of them, and nothing else. */
const ORDER_TOTALS: ReadonlySet<string> = new Set([
  'subtotal',
  'discount',
  'service fees',
  'tax',
  'final total',
  'remaining due',
]);

/**
 * Reads the written order back — the order, its items, its payments: up to three requests — and
 * compares its money with the plan (TripleSeat's figures). The order is always read; items or
 * payments already `known` are not read again: those of an earlier read-back after a totals PATCH,
 * or no payments for an order this run created without any.
 */
export async function reconcileOrder(
  plan: OrderPlan,
  orderId: number,
  revel: RevelApi,
  known: Partial<Pick<OrderReadBack, 'items' | 'payments'>> = {},
): Promise<Reconciliation> {
  const order = await revel.getOrder(orderId);
  const items = known.items ?? (await revel.listOrderItems(orderId));
  const payments = known.payments ?? (await revel.listPayments(orderId));
  return compareWithPlan(plan, { order, items, payments });
}

/** Compares an order as read back with the plan; closing is compared too when the plan closes it. */
export function compareWithPlan(plan: OrderPlan, readBack: OrderReadBack): Reconciliation {
  const { order, items, payments } = readBack;
  const itemsNet = items.every((i) => i.priceCents !== undefined)
    ? sum(items.map((i) => itemNetCents(i) ?? 0))
    : undefined;
  const itemsTax = items.every((i) => i.taxCents !== undefined)
    ? sum(items.map((i) => i.taxCents ?? 0))
    : undefined;
  const feeCents = sum(plan.serviceFees.map((f) => f.amountCents));
  const figures: ReconciledFigure[] = [
    { name: 'subtotal', tripleseatCents: plan.subtotalCents, revelCents: order.subtotalCents },
    {
      name: 'items',
      tripleseatCents: sum(
        plan.lines.map((l) => Math.round(l.unitPriceCents * l.quantity) - (l.discountCents ?? 0)),
      ),
      revelCents: itemsNet,
    },
    {
      name: 'discount',
      tripleseatCents: plan.discount?.amountCents ?? 0,
      revelCents: order.discountCents ?? 0,
    },
    { name: 'service fees', tripleseatCents: feeCents, revelCents: order.serviceFeeCents ?? 0 },
    { name: 'tax', tripleseatCents: plan.taxCents, revelCents: order.taxCents },
    { name: 'items tax', tripleseatCents: plan.taxCents, revelCents: itemsTax },
    { name: 'final total', tripleseatCents: plan.finalTotalCents, revelCents: order.finalTotalCents },
    {
      name: 'payments',
      tripleseatCents: sum(plan.payments.map((p) => p.amountCents)),
      revelCents: sum(payments.map((p) => p.amountCents)),
    },
    { name: 'remaining due', tripleseatCents: plan.remainingDueCents, revelCents: order.remainingDueCents },
  ];
  const differing = figures.filter((f) => f.revelCents !== f.tripleseatCents);
  const mismatches = differing.map(
    (f) =>
      `${f.name}: TripleSeat ${formatCents(f.tripleseatCents)}, Revel ${
        f.revelCents === undefined ? 'not stated' : formatCents(f.revelCents)
      }`,
  );
  const closedDiffers = plan.close && order.closed === false;
  if (closedDiffers) mismatches.push('closed: TripleSeat paid in full, Revel open');
  return {
    ok: mismatches.length === 0,
    figures,
    mismatches,
    onlyOrderTotals:
      differing.length > 0 && !closedDiffers && differing.every((f) => ORDER_TOTALS.has(f.name)),
    readBack,
  };
}
