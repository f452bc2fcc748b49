import type { RevelOrder, RevelOrderItem, RevelProduct } from '../domain/model';
import type { OrderPlan, PlannedLine, PlannedPayment } from '../order/order-plan';

/**
 * What the engine and order writer need from Revel (implemented by revel/client.ts). Writes take
 * the plan and its parts; the adapter turns them into Revel's request bodies.
 */
export interface RevelApi {
  /** Every product of the establishment (all pages), cached per establishment by the client. */
  listProducts(establishmentId: number): Promise<RevelProduct[]>;
  /** Orders whose `local_id` equals one of `localIds` exactly (Revel's filter is not trusted alone). */
  findOrdersByLocalId(establishmentId: number, localIds: readonly string[]): Promise<RevelOrder[]>;
  /**
   * Creates the plan's order with zero totals, which `setOrderTotals` fills in once the items exist;
   * with the plan's totals when `plan.totalsWithCreate`.
   */
  createOrder(plan: OrderPlan): Promise<RevelOrder>;
  /** Sets the order's subtotal, final total and amount due to the plan's subtotal. */
  setOrderTotals(plan: OrderPlan, orderId: number): Promise<void>;
  listOrderItems(orderId: number): Promise<RevelOrderItem[]>;
  /** Creates `line`, the plan's `index`-th line, as an OrderItem of the order. */
  createOrderItem(
    plan: OrderPlan,
    orderId: number,
    line: PlannedLine,
    index: number,
  ): Promise<RevelOrderItem>;
  /** Uuids of the payments already attached to the order. */
  listPaymentUuids(orderId: number): Promise<string[]>;
  /** Pays the plan's subtotal with `payment` (the plan's own). */
  createPayment(plan: OrderPlan, orderId: number, payment: PlannedPayment): Promise<{ id: number }>;
  /** Number of OrderHistory rows already attached to the order. */
  countOrderHistory(orderId: number): Promise<number>;
  createOrderHistory(plan: OrderPlan, orderId: number): Promise<{ id: number }>;
}
