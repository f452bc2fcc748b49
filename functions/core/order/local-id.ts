import type { SyncConfig } from '../config/sync-config';

/** Our reference in Revel's `Order.local_id`: Revel has no idempotency key, so this is how we find our orders. */
export function formatLocalId(format: string, eventId: string): string {
  return format.replaceAll('{eventId}', eventId);
}

export interface LocalIds {
  current: string;
  all: string[];
}

/**
 * The local_id we write now, and every one an order for this event may carry (earlier connectors
 * used "Triple Seat {eventId}", see docs/vendors/revel.md, "Duplicates"): current first, no repeats.
 */
export function localIdsFor(
  revel: Pick<SyncConfig['revel'], 'localIdFormat' | 'legacyLocalIdFormats'>,
  eventId: string,
): LocalIds {
  const current = formatLocalId(revel.localIdFormat, eventId);
  const legacy = revel.legacyLocalIdFormats.map((format) => formatLocalId(format, eventId));
  return { current, all: [...new Set([current, ...legacy])] };
}
