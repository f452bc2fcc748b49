import type { RevelObject } from './revel-seed';
import {
  createAppliedServiceFee,
  createOrderHistory,
  createPayment,
  patchOrderHistory,
} from './revel-settlement-writes';
import type { ResourceName, RevelStore } from './revel-store';
import { createOrder, createOrderItem, patchOrder } from './revel-writes';
import type { FilterFields } from './tastypie';

export interface RevelResource {
  name: ResourceName;
  /** The list URL, with its trailing slash. */
  base: string;
  /** Filterable fields; any other filter in a query is ignored, as Revel does. */
  filters: FilterFields;
  create?: (store: RevelStore, body: unknown) => RevelObject;
  patch?: (store: RevelStore, object: RevelObject, body: unknown) => RevelObject;
}

export const revelResources: readonly RevelResource[] = [
  { name: 'Establishment', base: '/enterprise/Establishment/', filters: { id: 'number' } },
  { name: 'User', base: '/enterprise/User/', filters: { id: 'number', active: 'boolean' } },
  { name: 'PosStation', base: '/resources/PosStation/', filters: { id: 'number', establishment: 'ref' } },
  {
    name: 'Product',
    base: '/resources/Product/',
    filters: { id: 'number', establishment: 'ref', active: 'boolean' },
  },
  {
    name: 'Order',
    base: '/resources/Order/',
    filters: {
      id: 'number',
      establishment: 'ref',
      local_id: 'string',
      uuid: 'string',
      created_date: 'string',
      updated_date: 'string',
      closed: 'boolean',
    },
    create: createOrder,
    patch: patchOrder,
  },
  {
    name: 'OrderItem',
    base: '/resources/OrderItem/',
    filters: { id: 'number', order: 'ref', product: 'ref' },
    create: createOrderItem,
  },
  {
    name: 'Payment',
    base: '/resources/Payment/',
    filters: { id: 'number', order: 'ref' },
    create: createPayment,
  },
  {
    name: 'OrderHistory',
    base: '/resources/OrderHistory/',
    filters: { id: 'number', order: 'ref' },
    create: createOrderHistory,
    patch: patchOrderHistory,
  },
  {
    name: 'Discount',
    base: '/resources/Discount/',
    filters: { id: 'number', establishment: 'ref', active: 'boolean', name: 'string' },
  },
  {
    name: 'ServiceFee',
    base: '/resources/ServiceFee/',
    filters: { id: 'number', establishment: 'ref', active: 'boolean', name: 'string' },
  },
  {
    name: 'AppliedServiceFee',
    base: '/resources/AppliedServiceFee/',
    filters: { id: 'number', order: 'ref', service_fee: 'ref' },
    create: createAppliedServiceFee,
  },
  { name: 'CustomPaymentType', base: '/resources/CustomPaymentType/', filters: { id: 'number' } },
];
