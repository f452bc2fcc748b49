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

/** Switches for vendor behaviour nobody has pinned down, so a test can prove the client copes with both. */
export interface RevelBehaviour {
  /** Store Payments without the client's `uuid` (whether Revel keeps it is unknown). */
  dropPaymentUuids: boolean;
  /**
   * Each OrderItem added resets the order's `subtotal`, `tax`, `final_total` and `remaining_due` to
   * what its items alone say, as a POS might (whether Revel keeps totals sent with the create is unknown).
   */
  resetTotalsOnItems: boolean;
}

const defaultBehaviour = (): RevelBehaviour => ({ dropPaymentUuids: false, resetTotalsOnItems: false });

/** The Revel sandbox's data: seeded reference objects plus everything clients create. */
export class RevelStore {
  #data: RevelSeed;
  #nextIds: Record<Created, number> = { ...firstIds };
  behaviour: RevelBehaviour = defaultBehaviour();

  constructor(private readonly now: () => Date) {
    this.#data = seedRevel(now());
  }

  reset(): void {
    this.#data = seedRevel(this.now());
    this.#nextIds = { ...firstIds };
    this.behaviour = defaultBehaviour();
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
