import type { RevelApi } from '#functions/core/ports/revel-api';

/**
 * Wraps a RevelApi and counts the writes that go through it, so the engine can tell "we just
 * finished this order" from "this order was already complete" when adopting an existing order.
 */
export function countingWrites(api: RevelApi): { api: RevelApi; writes(): number } {
  let writes = 0;
  const counted =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      writes += 1;
      return fn(...args);
    };
  return {
    api: {
      listProducts: (id) => api.listProducts(id),
      searchProducts: (id, text) => api.searchProducts(id, text),
      findOrdersByLocalId: (id, localIds) => api.findOrdersByLocalId(id, localIds),
      listOrderItems: (id) => api.listOrderItems(id),
      listOrdersById: (id, orderIds) => api.listOrdersById(id, orderIds),
      listItemsOfOrders: (orderIds) => api.listItemsOfOrders(orderIds),
      listPaymentsOfOrders: (orderIds) => api.listPaymentsOfOrders(orderIds),
      listPaymentUuids: (id) => api.listPaymentUuids(id),
      countOrderHistory: (id) => api.countOrderHistory(id),
      getOrder: (id) => api.getOrder(id),
      listPayments: (id) => api.listPayments(id),
      listServiceFees: (id) => api.listServiceFees(id),
      listOrderHistory: (id) => api.listOrderHistory(id),
      createServiceFee: counted((plan, orderId, fee) => api.createServiceFee(plan, orderId, fee)),
      closeOrderHistory: counted((plan, historyId) => api.closeOrderHistory(plan, historyId)),
      createOrder: counted((plan) => api.createOrder(plan)),
      setOrderTotals: counted((plan, orderId) => api.setOrderTotals(plan, orderId)),
      setOrderNotes: counted((orderId, notes) => api.setOrderNotes(orderId, notes)),
      setRemainingDue: counted((orderId, cents) => api.setRemainingDue(orderId, cents)),
      createOrderItem: counted((plan, orderId, line, index) =>
        api.createOrderItem(plan, orderId, line, index),
      ),
      createPayment: counted((plan, orderId, payment) => api.createPayment(plan, orderId, payment)),
      createOrderHistory: counted((plan, orderId) => api.createOrderHistory(plan, orderId)),
    },
    writes: () => writes,
  };
}
