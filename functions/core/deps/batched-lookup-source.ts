import type { RevelOrder } from '#functions/core/domain/model';

/** One `local_id` look-up made for several events of an establishment together. */
export interface BatchedLookup {
  establishmentId: number;
  /** Orders found for any of the batch's events (the engine keeps those carrying this event's local_ids). */
  orders: readonly RevelOrder[];
  /** When the look-up was sent (engine clock). */
  at: Date;
}

/** The batch answer for one event, asked for when the engine reaches its duplicate check; undefined: none. */
export type BatchedLookupSource = () => Promise<BatchedLookup | undefined>;
