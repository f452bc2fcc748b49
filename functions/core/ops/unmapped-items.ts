import { DateTime } from 'luxon';
import { mapWithConcurrency } from '#functions/core/concurrency/map-with-concurrency';
import { findLocation, type RevelLocationConfig } from '#functions/core/config/sync-config';
import { MAX_UNMAPPED_DAYS, type UnmappedAnswer } from '#functions/core/contract/operator-api/mappings';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { InputError } from '#functions/core/domain/errors';
import type { EventItem, RevelProduct } from '#functions/core/domain/model';
import { extractEventInvoice } from '#functions/core/engine/event-items';
import { mapItemsToProducts, normaliseName } from '#functions/core/order/product-mapping';
import type { BoardReadCache } from './board-read-cache';
import { targetOf } from './event-preview';
import { productChoice, suggestProducts } from './fuzzy-match';
import { openPriceProductOf } from './product-choices';

type ReadDeps = Omit<EngineDeps, 'holderId'>;

interface Found {
  item: EventItem;
  locationId: string;
  target: RevelLocationConfig;
  eventId: string;
}

/**
 * Items of upcoming events (today and the next `days` days, in each location's zone) that map to no
 * Revel product under the current mapping, one row per item and establishment, each with the closest
 * active products of that establishment at or above `items.suggestionThreshold` (often none: the
 * operator then searches) and the establishment's open-price product.
 */
/** An event's invoice read, kept per event and `updated_at` (core/ops/board-read-cache.ts). */
export type InvoiceReads = BoardReadCache<Awaited<ReturnType<typeof extractEventInvoice>>>;

export async function unmappedItems(
  days: number,
  deps: ReadDeps,
  cache?: InvoiceReads,
): Promise<UnmappedAnswer> {
  if (!Number.isInteger(days) || days < 0 || days > MAX_UNMAPPED_DAYS)
    throw new InputError('days', `days must be a whole number from 0 to ${MAX_UNMAPPED_DAYS}`);
  const { config } = deps;
  const now = deps.clock.now();
  const found: Found[] = [];
  const products = new Map<number, Promise<RevelProduct[]>>();
  const productsOf = (establishmentId: number) => {
    let list = products.get(establishmentId);
    if (list === undefined) {
      list = deps.revel.listProducts(establishmentId);
      products.set(establishmentId, list);
    }
    return list;
  };
  for (const location of config.locations) {
    const today = DateTime.fromJSDate(now, { zone: location.timeZone }).startOf('day');
    const listed = await deps.tripleseat.searchEvents({
      eventDate: { from: today.toISODate() ?? '', to: today.plus({ days }).toISODate() ?? '' },
      locationIds: [location.tripleseatLocationId],
    });
    const candidates = listed.filter(
      (e) =>
        !e.deleted &&
        config.eligibility.statuses.includes(e.status.toUpperCase()) &&
        findLocation(config, e.locationId) === location,
    );
    const target = targetOf(config, location);
    if (target === undefined) continue;
    await mapWithConcurrency(candidates, 4, async (listedEvent) => {
      // One TripleSeat fetch (and invoice) per changed event, not per view (L3).
      const read =
        cache?.get(listedEvent.id, listedEvent.updatedAt) ??
        (await extractEventInvoice(await deps.tripleseat.getEvent(listedEvent.id), {
          excludedCategories: config.items.excludedCategories,
          fetchInvoice: (url) => deps.tripleseat.fetchInvoice(url),
        }));
      cache?.set(listedEvent.id, listedEvent.updatedAt, read);
      if (!('invoice' in read)) return;
      const mapped = mapItemsToProducts(read.invoice.lines, await productsOf(target.establishmentId), {
        mapping: config.items.mapping,
        establishmentId: target.establishmentId,
        openPriceProductId: config.items.openPriceProductId,
      });
      for (const item of mapped.unmapped)
        found.push({
          item,
          locationId: location.tripleseatLocationId,
          target,
          eventId: listedEvent.id,
        });
    });
  }
  const groups = new Map<string, { first: Found; eventIds: Set<string> }>();
  for (const f of found) {
    const key = `${f.target.establishmentId}|${f.item.menuItemId ?? `name:${normaliseName(f.item.name)}`}`;
    const group = groups.get(key) ?? { first: f, eventIds: new Set<string>() };
    group.eventIds.add(f.eventId);
    groups.set(key, group);
  }
  const items = await Promise.all(
    [...groups.values()].map(async ({ first, eventIds }) => {
      const products = await productsOf(first.target.establishmentId);
      const openPrice = openPriceProductOf(config, first.target, products);
      const unitPriceCents = first.item.unitPriceCents;
      return {
        name: first.item.name,
        menu_item_id: first.item.menuItemId ?? null,
        location_id: first.locationId,
        establishment_id: first.target.establishmentId,
        event_ids: [...eventIds].sort(),
        /** TripleSeat's unit price of the item (the first event's): what every line keeps. */
        unit_price_cents: unitPriceCents,
        suggestions: suggestProducts(first.item.name, products, {
          minScore: config.items.suggestionThreshold,
          unitPriceCents,
        }),
        /** The establishment's open-price product, an explicit choice that keeps the name; null when none. */
        open_price_product: openPrice === undefined ? null : productChoice(openPrice, unitPriceCents),
      };
    }),
  );
  return {
    days,
    suggestion_threshold: config.items.suggestionThreshold,
    items: items.sort((a, b) => a.name.localeCompare(b.name) || a.establishment_id - b.establishment_id),
  };
}
