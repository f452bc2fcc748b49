import type {
  RevelOrder,
  RevelOrderHistory,
  RevelOrderItem,
  RevelOrderMoney,
  RevelPayment,
  RevelProduct,
  RevelServiceFee,
} from '#functions/core/domain/model';
import type {
  OrderPlan,
  PlannedLine,
  PlannedPayment,
  PlannedServiceFee,
} from '#functions/core/domain/planned-order';

/** The order's notes as the kitchen reads them, and its pickup time (naive local, like every date sent). */
export interface OrderNotes {
  notes: string;
  pickupTime?: string | undefined;
}

/**
 * What the engine and order writer need from Revel (implemented by revel/client.ts). Writes take
 * the plan and its parts; the adapter turns them into Revel's request bodies.
 */
export interface RevelApi {
  /** Every product of the establishment (all pages), cached per establishment by the client. */
  listProducts(establishmentId: number): Promise<RevelProduct[]>;
  /**
   * The establishment's active products whose name holds every word of `text`, closest first
   * (core/ops/fuzzy-match.ts `searchCatalogue`): the operator's search when no suggestion fits.
   */
  searchProducts(establishmentId: number, text: string): Promise<RevelProduct[]>;
  /** Orders whose `local_id` equals one of `localIds` exactly (Revel's filter is not trusted alone). */
  findOrdersByLocalId(establishmentId: number, localIds: readonly string[]): Promise<RevelOrder[]>;
  /**
   * Creates the plan's order with zero totals, which `setOrderTotals` fills in once the items exist;
   * with the plan's totals when `plan.totalsWithCreate`.
   */
  createOrder(plan: OrderPlan): Promise<RevelOrder>;
  /** Sets the order's money fields to the plan's: subtotal, discount, service fees, tax, final total, amount due. */
  setOrderTotals(plan: OrderPlan, orderId: number): Promise<void>;
  /** Sets the order's `remaining_due` alone (one of the fields `setOrderTotals` writes): a payment made since. */
  setRemainingDue(orderId: number, cents: number): Promise<void>;
  /** Rewrites the order's kitchen notes (and pickup time, when given): information, never money. */
  setOrderNotes(orderId: number, notes: OrderNotes): Promise<void>;
  /** The order as Revel holds it now, with its money (the read-back after writing). */
  getOrder(orderId: number): Promise<RevelOrderMoney>;
  listOrderItems(orderId: number): Promise<RevelOrderItem[]>;
  /**
   * Several orders of one establishment read back in one list (`id__in`), items and payments likewise
   * (`order__in`): the shared read-back (core/order/batch-read-back.ts). Each throws when Revel refuses
   * the filter or answers rows it did not ask for (a filter it ignored); the caller then reads each
   * order alone (docs/vendors/revel.md, "Reading orders back").
   */
  listOrdersById(establishmentId: number, orderIds: readonly number[]): Promise<RevelOrderMoney[]>;
  listItemsOfOrders(orderIds: readonly number[]): Promise<RevelOrderItem[]>;
  listPaymentsOfOrders(orderIds: readonly number[]): Promise<RevelPayment[]>;
  /** Creates `line`, the plan's `index`-th line, as an OrderItem of the order. */
  createOrderItem(
    plan: OrderPlan,
    orderId: number,
    line: PlannedLine,
    index: number,
  ): Promise<RevelOrderItem>;
  /** Uuids of the payments already attached to the order. */
  listPaymentUuids(orderId: number): Promise<string[]>;
  /** The payments attached to the order, as Revel holds them. */
  listPayments(orderId: number): Promise<RevelPayment[]>;
  /** Writes one of the plan's payments: its tender, amount and date. */
  createPayment(plan: OrderPlan, orderId: number, payment: PlannedPayment): Promise<{ id: number }>;
  /** The service fees (AppliedServiceFee) applied to the order. */
  listServiceFees(orderId: number): Promise<RevelServiceFee[]>;
  /**
   * Applies one of the plan's fees. `row`: the AppliedServiceFee as Revel's answer shows it;
   * undefined when the answer did not show the row (a 201 with a Location only).
   */
  createServiceFee(
    plan: OrderPlan,
    orderId: number,
    fee: PlannedServiceFee,
  ): Promise<{ id: number; row: RevelServiceFee | undefined }>;
  /** Number of OrderHistory rows already attached to the order. */
  countOrderHistory(orderId: number): Promise<number>;
  /** The order's OrderHistory rows, and whether each closes it. */
  listOrderHistory(orderId: number): Promise<RevelOrderHistory[]>;
  /**
   * Creates the OrderHistory row; with `closed` when `plan.close`. `closed`: whether Revel's answer
   * shows the row closed; undefined when the answer did not show the row (a 201 with a Location only).
   */
  createOrderHistory(plan: OrderPlan, orderId: number): Promise<{ id: number; closed: boolean | undefined }>;
  /** Sets `closed` on an existing OrderHistory row (a PATCH: safe to repeat). */
  closeOrderHistory(plan: OrderPlan, historyId: number): Promise<void>;
}
