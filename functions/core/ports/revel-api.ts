import type { RevelOrder, RevelOrderItem, RevelProduct } from '../domain/model';

/** Plain JSON body the order writer builds; the client only sends it. */
export type RevelBody = Record<string, unknown>;

/** What the engine and order writer need from Revel (implemented by revel/client.ts). */
export interface RevelApi {
  /** Every product of the establishment (all pages), cached per establishment by the client. */
  listProducts(establishmentId: number): Promise<RevelProduct[]>;
  /** Orders whose `local_id` equals one of `localIds` exactly (Revel's filter is not trusted alone). */
  findOrdersByLocalId(establishmentId: number, localIds: readonly string[]): Promise<RevelOrder[]>;
  createOrder(body: RevelBody): Promise<RevelOrder>;
  updateOrder(orderId: number, patch: RevelBody): Promise<void>;
  listOrderItems(orderId: number): Promise<RevelOrderItem[]>;
  createOrderItem(body: RevelBody): Promise<RevelOrderItem>;
  /** Uuids of the payments already attached to the order. */
  listPaymentUuids(orderId: number): Promise<string[]>;
  createPayment(body: RevelBody): Promise<{ id: number }>;
  /** Number of OrderHistory rows already attached to the order. */
  countOrderHistory(orderId: number): Promise<number>;
  createOrderHistory(body: RevelBody): Promise<{ id: number }>;
}
