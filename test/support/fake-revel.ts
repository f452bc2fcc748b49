import { VendorError } from '#functions/core/domain/errors';
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
import { searchCatalogue } from '#functions/core/ops/fuzzy-match';
import type { OrderNotes, RevelApi } from '#functions/core/ports/revel-api';
import {
  closeHistoryPatch,
  notesPatch,
  orderBody,
  orderHistoryBody,
  orderItemBody,
  paymentBody,
  type RevelBody,
  remainingDuePatch,
  serviceFeeBody,
  totalsPatch,
} from '#functions/revel/order-bodies';
import {
  idFromUri,
  revelOrderHistorySchema,
  revelOrderItemSchema,
  revelOrderMoneySchema,
  revelOrderSchema,
  revelPaymentSchema,
  revelServiceFeeSchema,
} from '#functions/revel/schemas';

/**
 * - `lost_response`: the write commits, then the answer is lost (504; a POST's outcome is unknown).
 * - `unavailable`: 503 before anything happens (a POST's outcome still looks unknown to the caller).
 * - `rejected`: 400, not retryable.
 * - an Error instance: thrown as is, before anything happens.
 */
export type FakeRevelFault = 'lost_response' | 'unavailable' | 'rejected' | Error;

export type FakeRevelMethod = keyof RevelApi;

/** A stored Revel row: the body as posted, plus what Revel adds. */
export type FakeRevelRow = RevelBody & { id: number; resource_uri: string };

const POSTS: ReadonlySet<FakeRevelMethod> = new Set([
  'createOrder',
  'createOrderItem',
  'createPayment',
  'createServiceFee',
  'createOrderHistory',
]);
const NAIVE_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const ORDER_REQUIRED = ['final_total', 'tax', 'subtotal', 'remaining_due', 'surcharge'];

/**
 * In-memory Revel that behaves like the vendor where it matters to the saga: exact rows, ids,
 * references as URIs, required fields, naive timestamps, and faults injected per method. It stores
 * the bodies the real client would send (revel/order-bodies.ts); test/contract/revel-contract.ts
 * holds it to the same behaviour as the client over the Revel sandbox.
 */
export class FakeRevel implements RevelApi {
  readonly orders: FakeRevelRow[] = [];
  readonly orderItems: FakeRevelRow[] = [];
  readonly payments: FakeRevelRow[] = [];
  readonly orderHistories: FakeRevelRow[] = [];
  readonly serviceFees: FakeRevelRow[] = [];
  /** Every call in order, by method name. */
  readonly calls: FakeRevelMethod[] = [];
  private readonly catalogue = new Map<number, RevelProduct[]>();
  private readonly faults: { method: FakeRevelMethod; fault: FakeRevelFault }[] = [];
  private nextId = 1000;

  /** `products` per establishment id: an establishment without a catalogue does not exist. */
  constructor(products: Record<number, RevelProduct[]> = {}) {
    for (const [establishmentId, list] of Object.entries(products))
      this.setProducts(Number(establishmentId), list);
  }

  setProducts(establishmentId: number, products: RevelProduct[]): void {
    this.catalogue.set(establishmentId, products);
  }

  /** The next `times` calls of `method` fail with `fault`. */
  failNext(method: FakeRevelMethod, fault: FakeRevelFault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push({ method, fault });
  }

  callCount(method: FakeRevelMethod): number {
    return this.calls.filter((m) => m === method).length;
  }

  /** An order already in Revel (e.g. made by hand or by the old connector); bypasses faults. */
  seedOrder(body: RevelBody): RevelOrder {
    return revelOrderSchema.parse(this.insert(this.orders, '/resources/Order/', body));
  }

  /** An OrderItem already in Revel (e.g. a lost POST that committed late); bypasses faults. */
  seedOrderItem(orderId: number, uuid: string): void {
    this.insert(this.orderItems, '/resources/OrderItem/', { uuid, order: `/resources/Order/${orderId}/` });
  }

  async listProducts(establishmentId: number): Promise<RevelProduct[]> {
    return this.run('listProducts', () => [...(this.catalogue.get(establishmentId) ?? [])]);
  }

  async searchProducts(establishmentId: number, text: string): Promise<RevelProduct[]> {
    return this.run('searchProducts', () => searchCatalogue(this.catalogue.get(establishmentId) ?? [], text));
  }

  async findOrdersByLocalId(establishmentId: number, localIds: readonly string[]): Promise<RevelOrder[]> {
    return this.run('findOrdersByLocalId', () =>
      this.orders
        .map((row) => revelOrderSchema.parse(row))
        .filter((o) => o.establishmentId === establishmentId && o.localId !== undefined)
        .filter((o) => localIds.includes(o.localId as string)),
    );
  }

  async createOrder(plan: OrderPlan): Promise<RevelOrder> {
    return this.run('createOrder', () => {
      const body = orderBody(plan);
      const missing = ORDER_REQUIRED.filter((field) => !(field in body));
      if (missing.length > 0)
        throw rejected(`{"order": {"${missing.join('", "')}": "This field is required."}}`);
      requireUri(body, 'establishment');
      requireNaiveTimestamp(body, 'created_date');
      if (!this.catalogue.has(plan.establishmentId))
        throw integrityError(`Establishment ${plan.establishmentId} does not exist`);
      return revelOrderSchema.parse(this.insert(this.orders, '/resources/Order/', body));
    });
  }

  async setRemainingDue(orderId: number, cents: number): Promise<void> {
    return this.run('setRemainingDue', () => {
      const row = this.orders.find((o) => o.id === orderId);
      if (!row) throw new VendorError('revel', 'REVEL_NOT_FOUND', 404, false, `order ${orderId} not found`);
      Object.assign(row, remainingDuePatch(cents));
    });
  }

  async setOrderNotes(orderId: number, notes: OrderNotes): Promise<void> {
    return this.run('setOrderNotes', () => {
      const row = this.orders.find((o) => o.id === orderId);
      if (!row) throw new VendorError('revel', 'REVEL_NOT_FOUND', 404, false, `order ${orderId} not found`);
      Object.assign(row, notesPatch(notes));
    });
  }

  async setOrderTotals(plan: OrderPlan, orderId: number): Promise<void> {
    return this.run('setOrderTotals', () => {
      const patch = totalsPatch(plan);
      const row = this.orders.find((o) => o.id === orderId);
      if (!row) throw new VendorError('revel', 'REVEL_NOT_FOUND', 404, false, `order ${orderId} not found`);
      Object.assign(row, patch, { id: row.id, resource_uri: row.resource_uri });
    });
  }

  async listOrderItems(orderId: number): Promise<RevelOrderItem[]> {
    return this.run('listOrderItems', () =>
      this.orderItems.filter((row) => idFromUri(String(row.order)) === orderId).map(toOrderItem),
    );
  }

  async createOrderItem(
    plan: OrderPlan,
    orderId: number,
    line: PlannedLine,
    index: number,
  ): Promise<RevelOrderItem> {
    return this.run('createOrderItem', () => {
      const body = orderItemBody(plan, orderId, line, index);
      this.requireOrder(body);
      requireUri(body, 'product');
      requireNaiveTimestamp(body, 'created_date');
      this.requireProductOf(orderId, line.productId);
      return toOrderItem(this.insert(this.orderItems, '/resources/OrderItem/', body));
    });
  }

  async listPaymentUuids(orderId: number): Promise<string[]> {
    return this.run('listPaymentUuids', () =>
      this.payments.filter((row) => idFromUri(String(row.order)) === orderId).map((row) => String(row.uuid)),
    );
  }

  async createPayment(plan: OrderPlan, orderId: number, payment: PlannedPayment): Promise<{ id: number }> {
    return this.run('createPayment', () => {
      const body = paymentBody(plan, orderId, payment);
      this.requireOrder(body);
      return { id: this.insert(this.payments, '/resources/Payment/', body).id };
    });
  }

  async getOrder(orderId: number): Promise<RevelOrderMoney> {
    return this.run('getOrder', () => {
      const row = this.orders.find((o) => o.id === orderId);
      if (!row) throw new VendorError('revel', 'REVEL_NOT_FOUND', 404, false, `order ${orderId} not found`);
      return this.orderMoney(row);
    });
  }

  async listOrdersById(establishmentId: number, orderIds: readonly number[]): Promise<RevelOrderMoney[]> {
    return this.run('listOrdersById', () =>
      this.orders
        .filter((o) => orderIds.includes(o.id) && idFromUri(String(o.establishment)) === establishmentId)
        .map((row) => this.orderMoney(row)),
    );
  }

  async listItemsOfOrders(orderIds: readonly number[]): Promise<RevelOrderItem[]> {
    return this.run('listItemsOfOrders', () =>
      this.orderItems.filter((row) => orderIds.includes(idFromUri(String(row.order)) ?? 0)).map(toOrderItem),
    );
  }

  async listPaymentsOfOrders(orderIds: readonly number[]): Promise<RevelPayment[]> {
    return this.run('listPaymentsOfOrders', () =>
      this.payments
        .filter((row) => orderIds.includes(idFromUri(String(row.order)) ?? 0))
        .map((row) => revelPaymentSchema.parse(row)),
    );
  }

  private orderMoney(row: FakeRevelRow): RevelOrderMoney {
    const closed = this.orderHistories.some((h) => idFromUri(String(h.order)) === row.id && h.closed);
    // Revel's own defaults, as captured orders carry them (test/contract/vendor-samples/revel/11-order-10684118.json).
    const feeFields = { service_fee_untaxed: '0.000000', service_fee_taxed: '0.000000' };
    return revelOrderMoneySchema.parse({ ...feeFields, ...row, closed });
  }

  async listPayments(orderId: number): Promise<RevelPayment[]> {
    return this.run('listPayments', () =>
      this.payments
        .filter((row) => idFromUri(String(row.order)) === orderId)
        .map((row) => revelPaymentSchema.parse(row)),
    );
  }

  async listServiceFees(orderId: number): Promise<RevelServiceFee[]> {
    return this.run('listServiceFees', () =>
      this.serviceFees
        .filter((row) => idFromUri(String(row.order)) === orderId)
        .map((row) => revelServiceFeeSchema.parse(row)),
    );
  }

  async createServiceFee(
    plan: OrderPlan,
    orderId: number,
    fee: PlannedServiceFee,
  ): Promise<{ id: number; row: RevelServiceFee | undefined }> {
    return this.run('createServiceFee', () => {
      const body = serviceFeeBody(plan, orderId, fee);
      this.requireOrder(body);
      requireUri(body, 'service_fee');
      const row = this.insert(this.serviceFees, '/resources/AppliedServiceFee/', body);
      return { id: row.id, row: revelServiceFeeSchema.parse(row) };
    });
  }

  async listOrderHistory(orderId: number): Promise<RevelOrderHistory[]> {
    return this.run('listOrderHistory', () =>
      this.orderHistories
        .filter((row) => idFromUri(String(row.order)) === orderId)
        .map((row) => {
          const history = revelOrderHistorySchema.parse(row);
          return { id: history.id, closed: history.closed };
        }),
    );
  }

  async closeOrderHistory(plan: OrderPlan, historyId: number): Promise<void> {
    return this.run('closeOrderHistory', () => {
      const row = this.orderHistories.find((h) => h.id === historyId);
      if (!row)
        throw new VendorError('revel', 'REVEL_NOT_FOUND', 404, false, `history ${historyId} not found`);
      Object.assign(row, closeHistoryPatch(plan));
    });
  }

  async countOrderHistory(orderId: number): Promise<number> {
    return this.run(
      'countOrderHistory',
      () => this.orderHistories.filter((row) => idFromUri(String(row.order)) === orderId).length,
    );
  }

  async createOrderHistory(
    plan: OrderPlan,
    orderId: number,
  ): Promise<{ id: number; closed: boolean | undefined }> {
    return this.run('createOrderHistory', () => {
      const body = orderHistoryBody(plan, orderId);
      this.requireOrder(body);
      const row = this.insert(this.orderHistories, '/resources/OrderHistory/', body);
      return { id: row.id, closed: revelOrderHistorySchema.parse(row).closed };
    });
  }

  private run<T>(method: FakeRevelMethod, work: () => T): T {
    this.calls.push(method);
    const index = this.faults.findIndex((f) => f.method === method);
    const fault = index < 0 ? undefined : this.faults.splice(index, 1)[0]?.fault;
    if (fault === undefined) return work();
    const post = POSTS.has(method);
    if (fault instanceof Error) throw fault;
    if (fault === 'rejected') throw rejected(`injected rejection of ${method}`);
    if (fault === 'lost_response') work();
    const status = fault === 'lost_response' ? 504 : 503;
    throw new VendorError(
      'revel',
      'REVEL_UNAVAILABLE',
      status,
      true,
      `injected ${status} on ${method}`,
      post,
    );
  }

  private insert(table: FakeRevelRow[], resource: string, body: RevelBody): FakeRevelRow {
    const id = this.nextId++;
    const row: FakeRevelRow = { ...structuredClone(body), id, resource_uri: `${resource}${id}/` };
    table.push(row);
    return row;
  }

  /** Like Revel, an item's product must exist in the establishment of the item's order. */
  private requireProductOf(orderId: number, productId: number): void {
    const order = this.orders.find((o) => o.id === orderId);
    const establishmentId = idFromUri(String(order?.establishment));
    const products = establishmentId === undefined ? [] : (this.catalogue.get(establishmentId) ?? []);
    if (!products.some((p) => p.id === productId))
      throw integrityError(`Product ${productId} does not belong to Establishment ${establishmentId}`);
  }

  private requireOrder(body: RevelBody): void {
    requireUri(body, 'order');
    const orderId = idFromUri(String(body.order));
    if (!this.orders.some((o) => o.id === orderId))
      throw integrityError(`order ${String(body.order)} does not exist`);
  }
}

const toOrderItem = (row: FakeRevelRow): RevelOrderItem => revelOrderItemSchema.parse(row);

const rejected = (message: string) => new VendorError('revel', 'REVEL_REJECTED', 400, false, message);
const integrityError = (message: string) =>
  new VendorError('revel', 'REVEL_REJECTED', 445, false, `Integrity Error: ${message}`);

function requireUri(body: RevelBody, field: string): void {
  const value = body[field];
  if (typeof value !== 'string' || idFromUri(value) === undefined || !value.startsWith('/')) {
    throw integrityError(`"${field}" must be a resource URI, got ${JSON.stringify(value)}`);
  }
}

function requireNaiveTimestamp(body: RevelBody, field: string): void {
  const value = body[field];
  if (typeof value !== 'string' || !NAIVE_TIMESTAMP.test(value)) {
    throw rejected(`"${field}" must be naive local time YYYY-MM-DDTHH:mm:ss, got ${JSON.stringify(value)}`);
  }
}
