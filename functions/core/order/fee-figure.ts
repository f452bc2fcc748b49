import type { RevelOrderMoney, RevelServiceFee } from '#functions/core/domain/model';
import type { OrderPlan } from '#functions/core/domain/planned-order';
import type { RevelApi } from '#functions/core/ports/revel-api';

/** Where the read-back took Revel's service-fee figure from. */
export type FeeSource = 'fee rows' | 'order fee fields';

export interface FeeFigure {
  /** Σ of what Revel holds; undefined when nothing Revel returned states it. */
  revelCents: number | undefined;
  source: FeeSource;
  /** The rows, when they were read (a later check of the order alone reuses them). */
  rows: RevelServiceFee[] | undefined;
}

const sum = (values: readonly number[]): number => values.reduce((total, v) => total + v, 0);

/**
 * Revel's figure for the fees written as AppliedServiceFees. One figure, two sources
 * (docs/vendors/revel.md, "Money on an order"):
 * - the **AppliedServiceFee rows** are the source: what the saga wrote, as Revel lists them;
 * - the order's `service_fee_untaxed` + `service_fee_taxed` only stand in for the rows when they
 *   equal the plan. Whether Revel fills them for fees made through the API, and how it splits a
 *   fee between them, is unknown: fields left at 0 beside existing rows must not read as "no fee",
 *   so fields that differ are never a mismatch — the rows are listed (one GET) and decide.
 * Fees written as an open-price product are OrderItems: they are in the items, not here.
 */
export async function readFeeFigure(
  plan: OrderPlan,
  order: RevelOrderMoney,
  revel: RevelApi,
  knownRows: RevelServiceFee[] | undefined,
): Promise<FeeFigure> {
  const planned = sum(plan.serviceFees.map((f) => f.amountCents));
  if (knownRows) return fromRows(knownRows);
  if (order.serviceFeeFieldsCents === planned)
    return { revelCents: planned, source: 'order fee fields', rows: undefined };
  return fromRows(await revel.listServiceFees(order.id));
}

function fromRows(rows: RevelServiceFee[]): FeeFigure {
  return { revelCents: sum(rows.map((r) => r.amountCents)), source: 'fee rows', rows };
}
