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
export const sixPlaces = (value: number) => value.toFixed(6);
/** The order's fee fields as captured orders carry them: decimal strings (11-order-10684118.json). */
export const serviceFeeFields = ['service_fee_untaxed', 'service_fee_taxed', 'service_fee_tax'] as const;

export function existing(
  store: RevelStore,
  kind: 'Establishment' | 'Product' | 'Order' | 'OrderItem',
  id: number,
): RevelObject {
  const object = store.find(kind, id);
  if (!object) throw integrityError(`${kind} ${id} does not exist`);
  return object;
}

/** `created_by` must be an active user (docs/vendors/revel.md, "Creating an order"). */
export function activeUser<Id extends number | undefined>(store: RevelStore, field: string, id: Id): Id {
  if (id === undefined) return id;
  const user = store.find('User', id);
  if (!user) throw integrityError(`${field}: User ${id} does not exist`);
  if (user.active !== true) throw integrityError(`${field}: User ${id} is not active`);
  return id;
}

export function station<Id extends number | undefined>(
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

/** An active Discount of the order's establishment, or a 445 (Tastypie checks references on write). */
export function activeDiscount(
  store: RevelStore,
  body: Body,
  establishmentId: number,
): RevelObject | undefined {
  const id = readReference(body, 'discount', 'Discount');
  if (id === undefined) return undefined;
  const discount = store.find('Discount', id);
  if (!discount) throw integrityError(`Discount ${id} does not exist`);
  if (refId(discount.establishment) !== establishmentId)
    throw integrityError(`Discount ${id} does not belong to Establishment ${establishmentId}`);
  if (discount.active !== true) throw integrityError(`Discount ${id} is not active`);
  return discount;
}

/**
 * Order fields copied as sent when present. `closed` is not among them: it looked read-only on
 * Order to the production connector, which closed orders through OrderHistory (docs/vendors/revel.md, "Finishing an order").
 */
function orderExtras(body: Body): Record<string, unknown> {
  const extras: Record<string, unknown> = {};
  for (const field of ['uuid', 'local_id', 'pos_mode', 'notes', 'call_name', 'discount_reason']) {
    const value = readText(body, field);
    if (value !== undefined) extras[field] = value;
  }
  // `deleted` (on captured orders) is how the doctor voids its test order: a guess (docs/doctor.md).
  for (const field of ['web_order', 'printed', 'deleted']) {
    const value = readFlag(body, field);
    if (value !== undefined) extras[field] = value;
  }
  const pickup = readNaiveTime(body, 'pickup_time');
  if (pickup !== undefined) extras.pickup_time = pickup;
  return extras;
}

/**
 * The money an order keeps as sent: Revel does not recompute totals of orders built field by field.
 * Only field names captured orders carry (test/contract/vendor-samples/revel/11-order-10684118.json):
 * an invented one such as `service_fee_amount` is ignored, as Tastypie ignores unknown fields.
 */
function orderMoneyChanges(store: RevelStore, body: Body, establishmentId: number): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const field of ['tip', 'discount_rule_amount', 'service_charge']) {
    const value = readNumber(body, field);
    if (value !== undefined) changes[field] = value;
  }
  for (const field of ['discount_amount', ...serviceFeeFields]) {
    const value = readNumber(body, field);
    if (value !== undefined) changes[field] = sixPlaces(value);
  }
  const discountedBy = activeUser(store, 'discounted_by', readReference(body, 'discounted_by', 'User'));
  if (discountedBy !== undefined) changes.discounted_by = userUri(discountedBy);
  if (body.discount === null) {
    changes.discount = null;
    changes.applied_discounts = [];
  }
  const discount = activeDiscount(store, body, establishmentId);
  if (discount) changes.discount = discount.resource_uri;
  return changes;
}

/** A captured order lists its discount by name in `applied_discounts` (docs/vendors/revel.md, "A real order"). */
function withAppliedDiscount(store: RevelStore, order: RevelObject): RevelObject {
  const discount = store.find('Discount', refId(order.discount));
  order.applied_discounts = discount
    ? [{ name: discount.name, discount: discount.resource_uri, amount: order.discount_amount }]
    : [];
  return order;
}

export function createOrder(store: RevelStore, raw: unknown): RevelObject {
  const body = requireObject(raw);
  rejectIdentity(body);
  requireFields(body, orderRequired);
  const totals = Object.fromEntries(orderMoney.map((f) => [f, requiredNumber(body, f)]));
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
  const money = orderMoneyChanges(store, body, establishmentId);
  const now = store.localNow(establishmentId);
  const taxRate = establishments.find((e) => e.id === establishmentId)?.taxRate ?? '0.0000';
  const order = store.insert('Order', {
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
    ...totals,
    discount: null,
    discount_amount: sixPlaces(0),
    discount_reason: null,
    ...Object.fromEntries(serviceFeeFields.map((f) => [f, sixPlaces(0)])),
    service_charge: 0,
    applied_service_fee: [],
    pickup_time: null,
    tip: 0,
    closed: false,
    deleted: false,
    printed: false,
    has_items: false,
    orderhistory: [],
    applied_taxes: [{ name: 'Default Tax', tax_rate: taxRate }],
    ...extras,
    ...money,
  });
  return withAppliedDiscount(store, order);
}

/** PATCH updates only the fields given; unknown fields are ignored, as Tastypie does. */
export function patchOrder(store: RevelStore, order: RevelObject, raw: unknown): RevelObject {
  const body = requireObject(raw);
  if (
    ('id' in body && Number(body.id) !== order.id) ||
    ('resource_uri' in body && body.resource_uri !== order.resource_uri)
  )
    throw new RevelRejection(400, 'id and resource_uri cannot be changed.');
  const changes: Record<string, unknown> = {
    ...orderExtras(body),
    ...orderMoneyChanges(store, body, refId(order.establishment) ?? 0),
  };
  for (const field of orderMoney) {
    const value = readNumber(body, field);
    if (value !== undefined) changes[field] = value;
  }
  const diningOption = readInteger(body, 'dining_option');
  if (diningOption !== undefined) changes.dining_option = diningOption;
  const createdDate = readNaiveTime(body, 'created_date');
  if (createdDate !== undefined) changes.created_date = createdDate;
  const updatedBy = activeUser(store, 'updated_by', readReference(body, 'updated_by', 'User'));
  if (updatedBy !== undefined) changes.updated_by = userUri(updatedBy);
  changes.updated_date = readNaiveTime(body, 'updated_date') ?? store.localNow(refId(order.establishment));
  Object.assign(order, changes);
  return withAppliedDiscount(store, order);
}

export function orderOf(store: RevelStore, body: Body): { order: RevelObject; establishmentId: number } {
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
  const discount = activeDiscount(store, body, establishmentId);
  const now = store.localNow(establishmentId);
  const item = store.insert('OrderItem', {
    uuid: readText(body, 'uuid') ?? randomUUID(),
    order: order.resource_uri,
    product: product.resource_uri,
    quantity,
    price,
    initial_price: readNumber(body, 'initial_price') ?? price,
    price_to_display: readNumber(body, 'price_to_display') ?? price,
    product_name_override: store.behaviour.dropNameOverride
      ? null
      : (readText(body, 'product_name_override') ?? null),
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
    // A line discount stays on its line; tax_amount above is what the client sent (no recompute).
    discount: discount?.resource_uri ?? null,
    discount_amount: sixPlaces(readNumber(body, 'discount_amount') ?? 0),
    discount_reason: readText(body, 'discount_reason') ?? null,
  });
  order.has_items = true;
  if (store.behaviour.resetTotalsOnItems) resetTotalsToItems(store, order);
  return item;
}

/** The `resetTotalsOnItems` switch (revel-store.ts): the order's totals as its items alone say, in cents first. */
function resetTotalsToItems(store: RevelStore, order: RevelObject): void {
  const cents = (value: unknown) => Math.round(Number(value ?? 0) * 100);
  const items = store.childrenOf('OrderItem', order.id);
  const subtotal = items.reduce(
    (sum, i) => sum + Math.round(cents(i.price) * Number(i.quantity)) - cents(i.discount_amount),
    0,
  );
  const tax = items.reduce((sum, i) => sum + cents(i.tax_amount), 0);
  Object.assign(order, {
    subtotal: subtotal / 100,
    tax: tax / 100,
    final_total: (subtotal + tax) / 100,
    remaining_due: (subtotal + tax) / 100,
  });
}
