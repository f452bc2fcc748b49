import { createHash } from 'node:crypto';
import type { OrderPlan, PlannedLine } from './order-plan';

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
  return hashFingerprints(plan.lines.map(lineFingerprint));
}
