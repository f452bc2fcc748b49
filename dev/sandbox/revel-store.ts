import * as z from 'zod';
import {
  establishments,
  firstOrderId,
  naiveLocal,
  type RevelObject,
  type RevelSeed,
  seedRevel,
} from './revel-seed';
import { refId } from './tastypie';

export type ResourceName = keyof RevelSeed;
type Created = 'Order' | 'OrderItem' | 'Payment' | 'OrderHistory' | 'AppliedServiceFee';
export type OrderChild = Exclude<Created, 'Order'>;

const firstIds: Record<Created, number> = {
  Order: firstOrderId,
  OrderItem: 52_300_001,
  Payment: 7_700_001,
  OrderHistory: 6_790_001,
  AppliedServiceFee: 930_001,
};

const uriPaths: Record<Created, string> = {
  Order: '/resources/Order/',
  OrderItem: '/resources/OrderItem/',
  Payment: '/resources/Payment/',
  OrderHistory: '/resources/OrderHistory/',
  AppliedServiceFee: '/resources/AppliedServiceFee/',
};

/**
 * Switches for vendor behaviour nobody has pinned down, so a test can prove the client copes with
 * each (docs/vendors/sandbox-money.md, "Revel sandbox"). Read by `POST /__sandbox/behaviour`.
 */
export const revelBehaviourSchema = z.strictObject({
  /** Store Payments without the client's `uuid` (whether Revel keeps it is unknown). */
  dropPaymentUuids: z.boolean(),
  /**
   * Each OrderItem added resets the order's `subtotal`, `tax`, `final_total` and `remaining_due` to
   * what its items alone say, as a POS might (whether Revel keeps totals sent with the create is unknown).
   */
  resetTotalsOnItems: z.boolean(),
  /**
   * An OrderHistory row with a `closed` time also sets `Order.closed` (unknown on real Revel). Off by
   * default: nothing public shows it, and the connector's own reason to close through the row was
   * that `closed` on Order looked read-only — so the default run proves the read-back does not need it.
   */
  closeFlipsOrder: z.boolean(),
  /**
   * The order's `service_fee_untaxed` / `service_fee_taxed` and `applied_service_fee[]` follow its
   * AppliedServiceFee rows. Off by default: they stay as written, as every other order figure does
   * (Revel recomputes nothing on orders built field by field: docs/vendors/revel.md, "Finishing an order").
   */
  feeFieldsFromRows: z.boolean(),
  /** Orders are served as old data shows them: `closed` 0/1, an all-digit `local_id` as an integer. */
  legacyFieldTypes: z.boolean(),
  /** Orders and Payments are served with microseconds on `created_date` / `updated_date`. */
  fractionalTimestamps: z.boolean(),
  /**
   * How `id__in` on Order and `order__in` on OrderItem and Payment are answered (the shared read-back,
   * docs/vendors/revel.md, "Reading orders back"): `honoured` (the default: Tastypie's documented `__in`
   * on these fields), `refused` (400, as Tastypie answers a filter the resource does not allow) or
   * `ignored` (the filter dropped: every row of the list comes back). Whether Revel allows `__in` on
   * these fields is unknown.
   */
  inFilterOnIds: z.enum(['honoured', 'refused', 'ignored']),
  /**
   * An OrderItem's `product_name_override` is not kept (stored null), as a POS might ignore it on a
   * raw OrderItem: the connector wrote it, nothing public shows it read back. `special_request` is
   * kept either way (docs/vendors/revel.md, "The item name on the ticket").
   */
  dropNameOverride: z.boolean(),
});
export type RevelBehaviour = z.infer<typeof revelBehaviourSchema>;

export const defaultRevelBehaviour = (): RevelBehaviour => ({
  dropPaymentUuids: false,
  resetTotalsOnItems: false,
  closeFlipsOrder: false,
  feeFieldsFromRows: false,
  legacyFieldTypes: false,
  fractionalTimestamps: false,
  inFilterOnIds: 'honoured',
  dropNameOverride: false,
});

/** The Revel sandbox's data: seeded reference objects plus everything clients create. */
export class RevelStore {
  #data: RevelSeed;
  #nextIds: Record<Created, number> = { ...firstIds };
  behaviour: RevelBehaviour = defaultRevelBehaviour();

  constructor(private readonly now: () => Date) {
    this.#data = seedRevel(now());
  }

  reset(): void {
    this.#data = seedRevel(this.now());
    this.#nextIds = { ...firstIds };
    this.behaviour = defaultRevelBehaviour();
  }

  all(name: ResourceName): RevelObject[] {
    return this.#data[name];
  }

  find(name: ResourceName, id: number | undefined): RevelObject | undefined {
    return id === undefined ? undefined : this.#data[name].find((o) => o.id === id);
  }

  /** Children of an order (items, payments, histories, applied fees) in creation order. */
  childrenOf(name: OrderChild, orderId: number): RevelObject[] {
    return this.#data[name].filter((o) => refId(o.order) === orderId);
  }

  insert(name: Created, fields: Record<string, unknown>): RevelObject {
    const id = this.#nextIds[name];
    this.#nextIds[name] += 1;
    const object: RevelObject = { id, resource_uri: `${uriPaths[name]}${id}/`, ...fields };
    this.#data[name].push(object);
    return object;
  }

  /** Takes an order and its children out, as a person deleting it in Revel's back office would. */
  removeOrder(orderId: number): boolean {
    const before = this.#data.Order.length;
    this.#data.Order = this.#data.Order.filter((o) => o.id !== orderId);
    for (const child of ['OrderItem', 'Payment', 'OrderHistory', 'AppliedServiceFee'] as const)
      this.#data[child] = this.#data[child].filter((o) => refId(o.order) !== orderId);
    return this.#data.Order.length < before;
  }

  /** "Now" as naive local time of the establishment, for defaults. */
  localNow(establishmentId: number | undefined): string {
    const zone = establishments.find((e) => e.id === establishmentId)?.zone ?? 'America/Los_Angeles';
    return naiveLocal(this.now(), zone);
  }
}
