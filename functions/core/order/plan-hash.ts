import { createHash } from 'node:crypto';
import type { OrderPlan, PlannedLine } from '#functions/core/domain/planned-order';

/** Everything about a line that must not change between starting an order and finishing it. */
export function lineFingerprint(line: PlannedLine): string {
  return [
    line.uuid,
    line.productId,
    line.quantity,
    line.unitPriceCents,
    line.totalCents,
    line.nameOverride ?? '',
    // Only when set, so the fingerprint of a line without money stays what earlier records hold.
    ...(line.discountCents ? [`d${line.discountCents}`] : []),
    ...(line.taxCents ? [`t${line.taxCents}`] : []),
  ].join('|');
}

/**
 * The order's money beyond its lines (discount, fees, payments, totals, closing); undefined for a
 * plan of items alone, so such plans hash as they did before money was written.
 */
export function moneyFingerprint(plan: OrderPlan): string | undefined {
  const hasMoney =
    plan.discount !== undefined ||
    plan.serviceFees.length > 0 ||
    plan.payments.length > 0 ||
    plan.taxCents !== 0 ||
    plan.finalTotalCents !== plan.subtotalCents ||
    plan.close;
  if (!hasMoney) return undefined;
  return [
    'money',
    plan.discount ? `${plan.discount.discountId}:${plan.discount.amountCents}` : '',
    plan.serviceFees.map((f) => `${f.uuid}:${f.serviceFeeId}:${f.amountCents}`).join(','),
    plan.payments.map((p) => `${p.uuid}:${p.paymentTypeId}:${p.amountCents}:${p.createdDate}`).join(','),
    plan.taxCents,
    plan.finalTotalCents,
    plan.remainingDueCents,
    plan.close,
  ].join('|');
}

/**
 * One hash of the line fingerprints, whatever their number: the saga record stays the same size
 * for 5 lines or 5,000. Sorted, so it equals the set comparison of the per-line fingerprints that
 * earlier records kept (functions/platform/ledger-item.ts converts those on read).
 */
export function hashFingerprints(fingerprints: readonly string[]): string {
  const hash = createHash('sha256');
  for (const fingerprint of [...fingerprints].sort()) hash.update(`${fingerprint}\n`);
  return hash.digest('base64url');
}

export function planHash(plan: OrderPlan): string {
  const money = moneyFingerprint(plan);
  return hashFingerprints([...plan.lines.map(lineFingerprint), ...(money === undefined ? [] : [money])]);
}
