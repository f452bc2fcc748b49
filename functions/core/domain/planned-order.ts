export const ITEM_NAME_FIELDS = ['product_name_override', 'special_request'] as const;
export type ItemNameField = (typeof ITEM_NAME_FIELDS)[number];

/** The order the saga writes, fixed up front (built by core/order/order-plan.ts `buildOrderPlan`). */

export interface PlannedLine {
  uuid: string;
  productId: number;
  nameOverride?: string | undefined;
  quantity: number;
  unitPriceCents: number;
  /** Quantity × unit price, before the line discount. */
  totalCents: number;
  /** This line's discount (positive cents), written on the OrderItem; 0 when none. */
  discountCents?: number | undefined;
  /** This line's share of the order's tax (`tax_amount`); 0 when none. */
  taxCents?: number | undefined;
  /** Set on a charge written as an open-price fee product: the TripleSeat charge's name. */
  charge?: string | undefined;
}

/** The order discount: one open-amount Revel Discount carrying the sum of TripleSeat's order discounts. */
export interface PlannedDiscount {
  discountId: number;
  amountCents: number;
  /** Names the TripleSeat discount(s), e.g. "Triple Seat: Discount". */
  reason: string;
}

/** A charge written as an AppliedServiceFee. */
export interface PlannedServiceFee {
  uuid: string;
  name: string;
  serviceFeeId: number;
  amountCents: number;
}

/**
 * One TripleSeat payment as a Revel Payment. Found again by `paymentTypeId` + `amountCents` +
 * `createdDate` (unique within the plan), not by `uuid`: Revel may not keep a client uuid
 * (docs/vendors/revel.md, "Money on an order").
 */
export interface PlannedPayment {
  paymentTypeId: number;
  uuid: string;
  amountCents: number;
  /** Naive local `YYYY-MM-DDTHH:mm:ss`: TripleSeat's day, at noon plus the payment's place in seconds. */
  createdDate: string;
}

/** Everything the saga writes, fixed up front so a resumed run writes exactly the same rows. */
export interface OrderPlan {
  eventId: string;
  localId: string;
  establishmentId: number;
  orderUuid: string;
  /** Naive establishment-local `YYYY-MM-DDTHH:mm:ss`: Revel shows UTC (`Z`) times on the wrong day. */
  timestampLocal: string;
  notes: string;
  /** Naive local `YYYY-MM-DDTHH:mm:ss` of the event's start in the location's zone, when known. */
  pickupTime?: string | undefined;
  callName: string;
  userId: number;
  stationId: number;
  diningOption: number;
  lines: PlannedLine[];
  /** Σ lines after their line discounts (fee-product lines included): the order's `subtotal`. */
  subtotalCents: number;
  /** The line discounts' Revel Discount (the configured `discountId`), when any line has one. */
  lineDiscountId?: number | undefined;
  discount?: PlannedDiscount | undefined;
  serviceFees: PlannedServiceFee[];
  /** The order's `tax`: TripleSeat's (tax mode `tripleseat`) or 0 (`none`); Σ lines' `taxCents`. */
  taxCents: number;
  /** TripleSeat's grand total (less its tax in tax mode `none`). */
  finalTotalCents: number;
  /** TripleSeat's amount due. */
  remainingDueCents: number;
  payments: PlannedPayment[];
  /**
   * Close the order through OrderHistory: `revel.closeWhenPaid`, nothing is due, and the payments
   * written make the final total — a stated "0.00 due" alone is no evidence that the guest paid.
   */
  close: boolean;
  orderHistory: boolean;
  /** The create carries the totals; no totals step after the items (`revel.totalsWithCreate`). */
  totalsWithCreate: boolean;
  /**
   * The OrderItem field(s) that carry a line's `nameOverride` (`revel.itemNameField`); the doctor's
   * test order sends both, to see which one Revel keeps.
   */
  itemNameFields: readonly ItemNameField[];
}
