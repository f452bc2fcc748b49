import { randomUUID } from 'node:crypto';
import { establishments, establishmentUri, type RevelObject, stationUri, userUri } from './revel-seed';
import type { RevelStore } from './revel-store';
import {
  type Body,
  integrityError,
  RevelRejection,
  readFlag,
  readInteger,
  readNaiveTime,
  readNumber,
  readReference,
  readText,
  rejectIdentity,
  requiredNumber,
  requiredReference,
  requireFields,
  requireObject,
} from './revel-validation';
import { refId } from './tastypie';

const orderMoney = ['final_total', 'tax', 'subtotal', 'remaining_due', 'surcharge'] as const;
const orderRequired = ['establishment', 'created_by', 'station', 'dining_option', ...orderMoney];
const sixPlaces = (value: number) => value.toFixed(6);

function existing(store: RevelStore, kind: 'Establishment' | 'Product' | 'Order', id: number): RevelObject {
  const object = store.find(kind, id);
  if (!object) throw integrityError(`${kind} ${id} does not exist`);
  return object;
}

/** `created_by` must be an active user (docs/vendors/revel.md, "Creating an order"). */
function activeUser<Id extends number | undefined>(store: RevelStore, field: string, id: Id): Id {
  if (id === undefined) return id;
  const user = store.find('User', id);
  if (!user) throw integrityError(`${field}: User ${id} does not exist`);
  if (user.active !== true) throw integrityError(`${field}: User ${id} is not active`);
  return id;
}

function station<Id extends number | undefined>(
  store: RevelStore,
  field: string,
  id: Id,
  establishmentId: number,
): Id {
  if (id === undefined) return id;
  const found = store.find('PosStation', id);
  if (!found) throw integrityError(`${field}: PosStation ${id} does not exist`);
  if (refId(found.establishment) !== establishmentId)
    throw integrityError(`${field}: PosStation ${id} does not belong to Establishment ${establishmentId}`);
  return id;
}

/** Order fields copied as sent when present (strings and flags). */
function orderExtras(body: Body): Record<string, unknown> {
  const extras: Record<string, unknown> = {};
  for (const field of ['uuid', 'local_id', 'pos_mode', 'notes', 'call_name', 'discount_reason']) {
    const value = readText(body, field);
    if (value !== undefined) extras[field] = value;
  }
  for (const field of ['web_order', 'closed', 'printed']) {
    const value = readFlag(body, field);
    if (value !== undefined) extras[field] = value;
  }
  return extras;
}

export function createOrder(store: RevelStore, raw: unknown): RevelObject {
  const body = requireObject(raw);
  rejectIdentity(body);
  requireFields(body, orderRequired);
  const money = Object.fromEntries(orderMoney.map((f) => [f, requiredNumber(body, f)]));
  const diningOption = readInteger(body, 'dining_option');
  const createdDate = readNaiveTime(body, 'created_date');
  const updatedDate = readNaiveTime(body, 'updated_date');
  const extras = orderExtras(body);
  // Malformed references are a 400 before any look-up; missing targets are a 445.
  const establishmentId = requiredReference(body, 'establishment', 'Establishment');
  const createdById = requiredReference(body, 'created_by', 'User');
  const updatedById = readReference(body, 'updated_by', 'User');
  const stationRef = requiredReference(body, 'station', 'PosStation');
  const createdAtRef = readReference(body, 'created_at', 'PosStation');
  const lastAtRef = readReference(body, 'last_updated_at', 'PosStation');
  existing(store, 'Establishment', establishmentId);
  const createdBy = activeUser(store, 'created_by', createdById);
  const updatedBy = activeUser(store, 'updated_by', updatedById) ?? createdBy;
  const stationId = station(store, 'station', stationRef, establishmentId);
  const createdAt = station(store, 'created_at', createdAtRef, establishmentId);
  const lastAt = station(store, 'last_updated_at', lastAtRef, establishmentId);
  const now = store.localNow(establishmentId);
  const taxRate = establishments.find((e) => e.id === establishmentId)?.taxRate ?? '0.0000';
  return store.insert('Order', {
    uuid: randomUUID(),
    local_id: null,
    establishment: establishmentUri(establishmentId),
    created_by: userUri(createdBy),
    updated_by: userUri(updatedBy),
    station: stationUri(stationId),
    created_at: stationUri(createdAt ?? stationId),
    last_updated_at: stationUri(lastAt ?? stationId),
    dining_option: diningOption,
    pos_mode: 'Q',
    web_order: false,
    notes: '',
    call_name: '',
    created_date: createdDate ?? now,
    updated_date: updatedDate ?? createdDate ?? now,
    ...money,
    discount: null,
    discount_amount: sixPlaces(0),
    discount_reason: null,
    service_fee_amount: sixPlaces(0),
    tip: 0,
    closed: false,
    printed: false,
    has_items: false,
    orderhistory: [],
    applied_taxes: [{ name: 'Default Tax', tax_rate: taxRate }],
    ...extras,
  });
}

/** PATCH updates only the fields given; unknown fields are ignored, as Tastypie does. */
export function patchOrder(store: RevelStore, order: RevelObject, raw: unknown): RevelObject {
  const body = requireObject(raw);
  if (
    ('id' in body && Number(body.id) !== order.id) ||
    ('resource_uri' in body && body.resource_uri !== order.resource_uri)
  )
    throw new RevelRejection(400, 'id and resource_uri cannot be changed.');
  const changes: Record<string, unknown> = orderExtras(body);
  for (const field of [...orderMoney, 'tip']) {
    const value = readNumber(body, field);
    if (value !== undefined) changes[field] = value;
  }
  const discountAmount = readNumber(body, 'discount_amount');
  if (discountAmount !== undefined) changes.discount_amount = sixPlaces(discountAmount);
  if ('discount' in body) changes.discount = body.discount;
  const diningOption = readInteger(body, 'dining_option');
  if (diningOption !== undefined) changes.dining_option = diningOption;
  const createdDate = readNaiveTime(body, 'created_date');
  if (createdDate !== undefined) changes.created_date = createdDate;
  const updatedBy = activeUser(store, 'updated_by', readReference(body, 'updated_by', 'User'));
  if (updatedBy !== undefined) changes.updated_by = userUri(updatedBy);
  changes.updated_date = readNaiveTime(body, 'updated_date') ?? store.localNow(refId(order.establishment));
  Object.assign(order, changes);
  return order;
}

function orderOf(store: RevelStore, body: Body): { order: RevelObject; establishmentId: number } {
  const order = existing(store, 'Order', requiredReference(body, 'order', 'Order'));
  return { order, establishmentId: refId(order.establishment) ?? 0 };
}

export function createOrderItem(store: RevelStore, raw: unknown): RevelObject {
  const body = requireObject(raw);
  rejectIdentity(body);
  requireFields(body, ['order', 'product', 'quantity', 'price']);
  const quantity = requiredNumber(body, 'quantity');
  const price = requiredNumber(body, 'price');
  const createdDate = readNaiveTime(body, 'created_date');
  const productId = requiredReference(body, 'product', 'Product');
  const createdById = readReference(body, 'created_by', 'User');
  const stationRef = readReference(body, 'station', 'PosStation');
  const { order, establishmentId } = orderOf(store, body);
  const product = existing(store, 'Product', productId);
  if (refId(product.establishment) !== establishmentId)
    throw integrityError(`Product ${product.id} does not belong to Establishment ${establishmentId}`);
  const createdBy = activeUser(store, 'created_by', createdById);
  const stationId = station(store, 'station', stationRef, establishmentId);
  const now = store.localNow(establishmentId);
  const item = store.insert('OrderItem', {
    uuid: readText(body, 'uuid') ?? randomUUID(),
    order: order.resource_uri,
    product: product.resource_uri,
    quantity,
    price,
    initial_price: readNumber(body, 'initial_price') ?? price,
    price_to_display: readNumber(body, 'price_to_display') ?? price,
    product_name_override: readText(body, 'product_name_override') ?? null,
    special_request: readText(body, 'special_request') ?? '',
    created_by: createdBy === undefined ? null : userUri(createdBy),
    updated_by: createdBy === undefined ? null : userUri(createdBy),
    station: stationId === undefined ? null : stationUri(stationId),
    created_date: createdDate ?? now,
    updated_date: readNaiveTime(body, 'updated_date') ?? createdDate ?? now,
    tax_amount: readNumber(body, 'tax_amount') ?? 0,
    modifier_amount: readNumber(body, 'modifier_amount') ?? 0,
    tax_rate: readNumber(body, 'tax_rate') ?? 0,
    temp_sort: readInteger(body, 'temp_sort') ?? 0,
    dining_option: readInteger(body, 'dining_option') ?? null,
    pure_sales: Math.round(price * quantity * 100) / 100,
    discount_amount: sixPlaces(0),
  });
  order.has_items = true;
  return item;
}

export function createPayment(store: RevelStore, raw: unknown): RevelObject {
  const body = requireObject(raw);
  rejectIdentity(body);
  requireFields(body, ['order', 'payment_type', 'amount']);
  const paymentType = readInteger(body, 'payment_type');
  const amount = requiredNumber(body, 'amount');
  const { order, establishmentId } = orderOf(store, body);
  const createdBy = activeUser(store, 'created_by', readReference(body, 'created_by', 'User'));
  return store.insert('Payment', {
    uuid: readText(body, 'uuid') ?? randomUUID(),
    order: order.resource_uri,
    establishment: order.establishment,
    payment_type: paymentType,
    amount,
    tip: readNumber(body, 'tip') ?? 0,
    created_by: createdBy === undefined ? null : userUri(createdBy),
    created_date: readNaiveTime(body, 'created_date') ?? store.localNow(establishmentId),
  });
}

/** "Required for orders to display in Order History": the order lists its histories. */
export function createOrderHistory(store: RevelStore, raw: unknown): RevelObject {
  const body = requireObject(raw);
  rejectIdentity(body);
  requireFields(body, ['order']);
  const { order, establishmentId } = orderOf(store, body);
  const openedBy = activeUser(store, 'order_opened_by', readReference(body, 'order_opened_by', 'User'));
  const openedAt = station(
    store,
    'order_opened_at',
    readReference(body, 'order_opened_at', 'PosStation'),
    establishmentId,
  );
  const history = store.insert('OrderHistory', {
    order: order.resource_uri,
    order_opened_by: openedBy === undefined ? null : userUri(openedBy),
    order_opened_at: openedAt === undefined ? null : stationUri(openedAt),
    opened: readNaiveTime(body, 'opened') ?? store.localNow(establishmentId),
    order_closed_by: null,
    closed: null,
  });
  order.orderhistory = [
    ...(Array.isArray(order.orderhistory) ? order.orderhistory : []),
    history.resource_uri,
  ];
  return history;
}
