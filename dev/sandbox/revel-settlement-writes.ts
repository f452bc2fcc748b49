import { randomUUID } from 'node:crypto';
import { type RevelObject, stationUri, tripleSeatTenders, userUri } from './revel-seed';
import type { RevelStore } from './revel-store';
import {
  type Body,
  integrityError,
  RevelRejection,
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
import { activeUser, existing, orderOf, sixPlaces, station } from './revel-writes';
import { refId } from './tastypie';

/**
 * Payment: `establishment`, `created_by`, `created_date` and `amount` are marked required in Revel's
 * public reference (docs/vendors/revel.md, "Money on an order"); `order` and `payment_type` are what makes a payment
 * land on an order with the operator's tender, so the sandbox requires them too. Revel keeps the
 * order's totals as sent: a payment does not change `remaining_due`.
 */
const paymentRequired = ['order', 'establishment', 'payment_type', 'amount', 'created_by', 'created_date'];

export function createPayment(store: RevelStore, raw: unknown): RevelObject {
  const body = requireObject(raw);
  rejectIdentity(body);
  requireFields(body, paymentRequired);
  const paymentType = readInteger(body, 'payment_type');
  const amount = requiredNumber(body, 'amount');
  const createdDate = readNaiveTime(body, 'created_date');
  const paymentDate = readNaiveTime(body, 'payment_date');
  const establishmentId = requiredReference(body, 'establishment', 'Establishment');
  const createdById = requiredReference(body, 'created_by', 'User');
  const stationRef = readReference(body, 'station', 'PosStation');
  const { order, establishmentId: orderEstablishment } = orderOf(store, body);
  existing(store, 'Establishment', establishmentId);
  if (establishmentId !== orderEstablishment)
    throw integrityError(
      `Establishment ${establishmentId} is not the establishment of Order ${order.id} (${orderEstablishment})`,
    );
  const tender = tripleSeatTenders.find((t) => t.id === paymentType);
  if (tender && tender.establishment !== establishmentId)
    throw integrityError(`payment_type ${paymentType} is a tender of Establishment ${tender.establishment}`);
  const createdBy = activeUser(store, 'created_by', createdById);
  const stationId = station(store, 'station', stationRef, establishmentId);
  return store.insert('Payment', {
    uuid: store.behaviour.dropPaymentUuids ? null : (readText(body, 'uuid') ?? randomUUID()),
    order: order.resource_uri,
    establishment: order.establishment,
    payment_type: paymentType,
    amount,
    tip: readNumber(body, 'tip') ?? 0,
    station: stationId === undefined ? null : stationUri(stationId),
    created_by: userUri(createdBy),
    created_date: createdDate,
    payment_date: paymentDate ?? createdDate,
  });
}

/**
 * An order- or item-level service fee (AppliedServiceFee, docs/vendors/revel.md "Money on an order": documented, not
 * exercised). The fee must be an active ServiceFee of the order's establishment. The order's
 * `service_fee_*` fields and `applied_service_fee[]` stay as written unless `feeFieldsFromRows`.
 */
export function createAppliedServiceFee(store: RevelStore, raw: unknown): RevelObject {
  const body = requireObject(raw);
  rejectIdentity(body);
  requireFields(body, ['order', 'service_fee', 'amount']);
  const amount = requiredNumber(body, 'amount');
  const feeId = requiredReference(body, 'service_fee', 'ServiceFee');
  const itemId = readReference(body, 'order_item', 'OrderItem');
  const createdDate = readNaiveTime(body, 'created_date');
  const { order, establishmentId } = orderOf(store, body);
  const fee = store.find('ServiceFee', feeId);
  if (!fee) throw integrityError(`ServiceFee ${feeId} does not exist`);
  if (refId(fee.establishment) !== establishmentId)
    throw integrityError(`ServiceFee ${feeId} does not belong to Establishment ${establishmentId}`);
  if (fee.active !== true) throw integrityError(`ServiceFee ${feeId} is not active`);
  const item = itemId === undefined ? undefined : existing(store, 'OrderItem', itemId);
  if (item && item.order !== order.resource_uri)
    throw integrityError(`OrderItem ${itemId} does not belong to Order ${order.id}`);
  const createdBy = activeUser(store, 'created_by', readReference(body, 'created_by', 'User'));
  const applied = store.insert('AppliedServiceFee', {
    uuid: readText(body, 'uuid') ?? randomUUID(),
    order: order.resource_uri,
    order_item: item?.resource_uri ?? null,
    service_fee: fee.resource_uri,
    name: fee.name,
    amount,
    created_by: createdBy === undefined ? null : userUri(createdBy),
    created_date: createdDate ?? store.localNow(establishmentId),
  });
  if (store.behaviour.feeFieldsFromRows) feeFieldsFromRows(store, order);
  return applied;
}

/**
 * The `feeFieldsFromRows` switch (revel-store.ts): the order's fee fields as its rows say — a fee of a
 * taxable ServiceFee in `service_fee_taxed`, others in `service_fee_untaxed`; `service_fee_tax` is
 * left as written (Revel does not compute tax on these orders: docs/vendors/revel.md, "Finishing an order").
 */
function feeFieldsFromRows(store: RevelStore, order: RevelObject): void {
  const rows = store.childrenOf('AppliedServiceFee', order.id);
  const cents = (rows: RevelObject[]) => rows.reduce((sum, r) => sum + Math.round(Number(r.amount) * 100), 0);
  const taxable = (row: RevelObject) => store.find('ServiceFee', refId(row.service_fee))?.taxable === true;
  order.service_fee_taxed = sixPlaces(cents(rows.filter(taxable)) / 100);
  order.service_fee_untaxed = sixPlaces(cents(rows.filter((r) => !taxable(r))) / 100);
  order.applied_service_fee = structuredClone(rows);
}

/** With `closeFlipsOrder` (revel-store.ts), an order is closed while one of its OrderHistory rows carries a `closed` time. */
function syncClosed(store: RevelStore, order: RevelObject): void {
  if (!store.behaviour.closeFlipsOrder) return;
  order.closed = store.childrenOf('OrderHistory', order.id).some((h) => typeof h.closed === 'string');
}

/** Sets `closed` / `order_closed_by` when the body names them; `closed: null` reopens. */
function closing(store: RevelStore, body: Body): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (body.closed === null) changes.closed = null;
  const closed = readNaiveTime(body, 'closed');
  if (closed !== undefined) changes.closed = closed;
  const closedBy = activeUser(store, 'order_closed_by', readReference(body, 'order_closed_by', 'User'));
  if (closedBy !== undefined) changes.order_closed_by = userUri(closedBy);
  return changes;
}

/**
 * "Required for orders to display in Order History": the order lists its histories. The production
 * connector closed a paid order here (`closed` = now), not on Order (docs/vendors/revel.md, "Finishing an order").
 */
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
    ...closing(store, body),
  });
  order.orderhistory = [
    ...(Array.isArray(order.orderhistory) ? order.orderhistory : []),
    history.resource_uri,
  ];
  syncClosed(store, order);
  return history;
}

export function patchOrderHistory(store: RevelStore, history: RevelObject, raw: unknown): RevelObject {
  const body = requireObject(raw);
  if ('order' in body && body.order !== history.order)
    throw new RevelRejection(400, 'order cannot be changed.');
  Object.assign(history, closing(store, body));
  const order = store.find('Order', refId(history.order));
  if (order) syncClosed(store, order);
  return history;
}
