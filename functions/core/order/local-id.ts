import type { SyncConfig } from '#functions/core/config/sync-config';

/** Our reference in Revel's `Order.local_id`: Revel has no idempotency key, so this is how we find our orders. */
export function formatLocalId(format: string, eventId: string): string {
  return format.replaceAll('{eventId}', eventId);
}

/** The event id in a `local_id` written with `format`; undefined when it is not one of ours. */
export function eventIdFromLocalId(format: string, localId: string): string | undefined {
  const [before, after] = format.split('{eventId}');
  if (before === undefined || after === undefined) return undefined;
  if (!localId.startsWith(before) || !localId.endsWith(after)) return undefined;
  const id = localId.slice(before.length, localId.length - after.length);
  return /^\d{1,12}$/.test(id) ? id : undefined;
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
