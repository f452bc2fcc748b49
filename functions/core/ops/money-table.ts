import type { RevelLocationConfig } from '#functions/core/config/sync-config';
import type { EventInvoice, RevelServiceFee } from '#functions/core/domain/model';
import { discountLabel } from '#functions/core/money/cents';
import { chargeTargetFor } from '#functions/core/money/money-plan';
import {
  type FigureCheck,
  itemNetCents,
  type OrderReadBack,
  readOrderBack,
} from '#functions/core/order/reconcile';
import type { RevelApi } from '#functions/core/ports/revel-api';

/** One row of the event page's money table: TripleSeat's figure beside what the Revel order holds. */
export interface MoneyRow {
  kind: 'subtotal' | 'discount' | 'charge' | 'tax' | 'total' | 'paid' | 'due';
  label: string;
  /** Null when TripleSeat states no such figure (or the event could not be read). */
  tripleseat_cents: number | null;
  /** Null when there is no Revel order, or Revel does not hold (or did not return) this figure apart. */
  revel_cents: number | null;
  /**
   * Whether the two agree; "not checked" when the order was read but Revel did not return this figure
   * (never a difference); null without a Revel order or a TripleSeat figure.
   */
  check: FigureCheck | null;
}

const sum = (values: readonly number[]): number => values.reduce((total, v) => total + v, 0);

/**
 * The invoice against the Revel order, row by row: subtotal, each discount, each charge, tax,
 * total, paid, due. The order is read back as the saga's reconciliation reads it
 * (core/order/reconcile.ts, `readOrderBack`: order, items, payments) plus its service fees when a
 * charge maps to one — four requests at most. A charge written as an open-price fee product is an
 * OrderItem in Revel, inside Revel's subtotal: it is shown on its charge row and taken out of the
 * subtotal row, so both columns speak of the same money. Revel holds one discount amount per order:
 * with several TripleSeat discounts it stands beside their total.
 */
export async function moneyTable(
  input: {
    invoice: EventInvoice | undefined;
    /** The event's own grand total, when the invoice states none. */
    eventGrandTotalCents: number | undefined;
    orderId: number | undefined;
    /** The location's Revel settings (its charge mapping); undefined: location not configured. */
    target: RevelLocationConfig | undefined;
  },
  revel: RevelApi,
): Promise<MoneyRow[]> {
  const { invoice, target } = input;
  const mapping = target?.charges?.mapping ?? [];
  const charges = (invoice?.charges ?? []).filter((c) => c.cents !== 0);
  const targets = charges.map((c) => chargeTargetFor(c, mapping));
  const read: OrderReadBack | undefined =
    input.orderId === undefined ? undefined : await readOrderBack(input.orderId, revel);
  const fees: RevelServiceFee[] =
    read && targets.some((t) => t !== undefined && 'serviceFeeId' in t)
      ? await revel.listServiceFees(read.order.id)
      : [];

  // Each charge takes the next unclaimed Revel fee (or fee-product line) of its target.
  const claimedFees = new Set<number>();
  const claimedItems = new Set<number>();
  const chargeRows: MoneyRow[] = charges.map((charge, i) => {
    const to = targets[i];
    let revelCents: number | null = null;
    if (read && to && 'serviceFeeId' in to) {
      const fee = fees.find((f) => f.serviceFeeId === to.serviceFeeId && !claimedFees.has(f.id));
      if (fee) claimedFees.add(fee.id);
      revelCents = fee ? fee.amountCents : 0;
    } else if (read && to && 'productId' in to) {
      const item = read.items.find((it) => it.productId === to.productId && !claimedItems.has(it.id));
      if (item) claimedItems.add(item.id);
      revelCents = item ? (itemNetCents(item) ?? null) : 0;
    }
    return row('charge', charge.name, charge.cents, revelCents);
  });

  const order = read?.order;
  const feeProductCents = sum(
    (read?.items ?? []).filter((it) => claimedItems.has(it.id)).map((it) => itemNetCents(it) ?? 0),
  );
  const discounts = (invoice?.discounts ?? []).filter((d) => d.cents !== 0);
  const revelDiscount = order ? (order.discountCents ?? 0) : null;
  const discountRows: MoneyRow[] = discounts.map((d) =>
    row('discount', discountLabel(d.name), d.cents, discounts.length === 1 ? revelDiscount : null),
  );
  if (discounts.length > 1) {
    discountRows.push(row('discount', 'Discounts in all', sum(discounts.map((d) => d.cents)), revelDiscount));
  }
  const or = (value: number | undefined): number | null => value ?? null;
  const subtotal =
    invoice?.subtotalCents ??
    (invoice ? sum(invoice.lines.map((l) => l.totalCents - (l.discountCents ?? 0))) : undefined);
  return [
    row(
      'subtotal',
      'Subtotal',
      or(subtotal),
      order?.subtotalCents === undefined ? null : order.subtotalCents - feeProductCents,
    ),
    ...discountRows,
    ...chargeRows,
    row('tax', 'Tax', invoice ? sum(invoice.taxes.map((t) => t.cents)) : null, or(order?.taxCents)),
    row(
      'total',
      'Total',
      or(invoice?.grandTotalCents ?? input.eventGrandTotalCents),
      or(order?.finalTotalCents),
    ),
    row(
      'paid',
      'Paid',
      invoice ? sum((invoice.payments ?? []).map((p) => p.cents)) : null,
      read ? sum(read.payments.map((p) => p.amountCents)) : null,
    ),
    row('due', 'Due', or(invoice?.amountDueCents), or(order?.remainingDueCents)),
  ];

  function row(
    kind: MoneyRow['kind'],
    label: string,
    tripleseat: number | null,
    revel: number | null,
  ): MoneyRow {
    let check: FigureCheck | null = null;
    if (read && tripleseat !== null)
      check = revel === null ? 'not checked' : revel === tripleseat ? 'matches' : 'differs';
    return { kind, label, tripleseat_cents: tripleseat, revel_cents: revel, check };
  }
}
