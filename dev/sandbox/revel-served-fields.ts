import type { ResourceName, RevelBehaviour } from './revel-store';

/**
 * An object as the sandbox answers it, under the switches that change only how fields are typed
 * (revel-store.ts): `legacyFieldTypes` serves an Order's `closed` as 0/1 and an all-digit `local_id` as
 * an integer, as old data shows them (test/contract/vendor-samples/revel/14-php-client-order-orderitem-orderhistory.json);
 * `fractionalTimestamps` adds microseconds to Orders' and Payments' `created_date` / `updated_date`, as
 * one captured order shows them (12-order-10685039.json). The stored object is left as it is.
 */
export function asServed<T extends Record<string, unknown>>(
  resource: ResourceName,
  object: T,
  behaviour: RevelBehaviour,
): T {
  if (resource !== 'Order' && resource !== 'Payment') return object;
  const served: Record<string, unknown> = { ...object };
  if (resource === 'Order' && behaviour.legacyFieldTypes) {
    if (typeof served.closed === 'boolean') served.closed = served.closed ? 1 : 0;
    if (typeof served.local_id === 'string' && /^\d+$/.test(served.local_id))
      served.local_id = Number(served.local_id);
  }
  if (behaviour.fractionalTimestamps) {
    for (const field of ['created_date', 'updated_date']) {
      const value = served[field];
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value))
        served[field] =
          `${value}.${String(typeof object.id === 'number' ? object.id % 1_000_000 : 0).padStart(6, '0')}`;
    }
  }
  return served as T;
}
