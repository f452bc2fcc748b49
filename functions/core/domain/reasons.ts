/** Machine-readable reasons in results, logs and the ledger. Constants, never free text. */
export const SkipReason = {
  TOO_EARLY: 'TOO_EARLY',
  EVENT_DAY_PASSED: 'EVENT_DAY_PASSED',
  STATUS_NOT_ELIGIBLE: 'STATUS_NOT_ELIGIBLE',
  LOCATION_NOT_MAPPED: 'LOCATION_NOT_MAPPED',
  CONNECTOR_DISABLED: 'CONNECTOR_DISABLED',
  EVENT_DELETED: 'EVENT_DELETED',
  NO_ITEMS: 'NO_ITEMS',
  DUPLICATE: 'DUPLICATE',
} as const;
export type SkipReason = (typeof SkipReason)[keyof typeof SkipReason];

export const FailReason = {
  UNMAPPED_ITEMS: 'UNMAPPED_ITEMS',
  /** Lines − discounts + charges + tax ≠ grand total, or no set of documents makes up the total. */
  TOTALS_DO_NOT_ADD_UP: 'TOTALS_DO_NOT_ADD_UP',
  /** A row outside the bounds an order may have (quantity, price, a total nothing explains). */
  BAD_LINE: 'BAD_LINE',
  /** More lines than one Revel order may carry (core/order/invoice-check.ts). */
  ORDER_TOO_LARGE: 'ORDER_TOO_LARGE',
  /** The invoice has an order discount and the location has no Revel Discount configured for it. */
  DISCOUNT_NOT_CONFIGURED: 'DISCOUNT_NOT_CONFIGURED',
  /** A charge (service charge, gratuity, fee) has no Revel service fee or fee product configured. */
  UNMAPPED_CHARGES: 'UNMAPPED_CHARGES',
  /** The event has payments and the location has no Revel tender (payment type) configured. */
  PAYMENT_NOT_CONFIGURED: 'PAYMENT_NOT_CONFIGURED',
  /** The order read back from Revel differs from the plan; it is not touched again. */
  RECONCILIATION_MISMATCH: 'RECONCILIATION_MISMATCH',
  /** The VendorError code for refused TripleSeat credentials (domain/errors.ts). */
  TRIPLESEAT_AUTH: 'TRIPLESEAT_AUTH',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
  /** A bulk run could not hand the event to the queue, even after retries; the next run tries again. */
  NOT_QUEUED: 'NOT_QUEUED',
} as const;

/** Reported with `in_progress`: another sync holds the event's lease right now. */
export const LEASE_HELD = 'LEASE_HELD';

/**
 * Reported with `in_progress`: a Revel create of this event has no known outcome yet and the settle
 * time (`sync.writeSettleSeconds`) has not passed, so it is not re-sent; a later attempt finishes it.
 */
export const WRITE_SETTLING = 'WRITE_SETTLING';
