import { parseMoneyToCents } from '#functions/core/money/cents';
import type { RevelOrderShapes } from '#functions/core/ports/vendor-probes';

const FEE_FIELDS = [
  'service_fee_untaxed',
  'service_fee_taxed',
  'service_fee_tax',
  'service_charge',
  'applied_service_fee',
  'service_fee_amount',
] as const;

const typeOf = (v: unknown): string =>
  v === undefined ? 'absent' : v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
const cents = (v: unknown): number | undefined =>
  typeof v === 'number' || typeof v === 'string' ? parseMoneyToCents(v) : undefined;

/**
 * The fields of a raw Revel order the read-back depends on (docs/vendors/revel.md, "Money on an
 * order"): which fee fields it carries (captured real orders have `service_fee_untaxed/_taxed/_tax`
 * and `applied_service_fee[]`, no `service_fee_amount`), the JSON types of `closed` and `local_id`.
 */
export function detectOrderShapes(body: unknown): RevelOrderShapes {
  const o = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const untaxed = cents(o.service_fee_untaxed);
  const taxed = cents(o.service_fee_taxed);
  return {
    orderId: Number(o.id),
    feeFields: FEE_FIELDS.filter((f) => o[f] !== undefined).map((f) =>
      f === 'applied_service_fee' ? 'applied_service_fee[]' : f,
    ),
    closedType: typeOf(o.closed),
    closed:
      typeof o.closed === 'boolean' ? o.closed : typeof o.closed === 'number' ? o.closed !== 0 : undefined,
    localIdType: typeOf(o.local_id),
    subtotalCents: cents(o.subtotal),
    finalTotalCents: cents(o.final_total),
    discountCents: cents(o.discount_amount),
    remainingDueCents: cents(o.remaining_due),
    serviceFeeCents: untaxed === undefined && taxed === undefined ? undefined : (untaxed ?? 0) + (taxed ?? 0),
    deleted:
      typeof o.deleted === 'boolean'
        ? o.deleted
        : typeof o.deleted === 'number'
          ? o.deleted !== 0
          : undefined,
  };
}
