import type { EventItem, TripleSeatEvent } from '../domain/model';

export interface EventItemSources {
  /** Categories that are not products, e.g. "Special Instructions" (compared case-insensitively). */
  excludedCategories: readonly string[];
  /** Parsed invoice page (`TripleSeatApi.fetchInvoiceItems`). */
  fetchInvoiceItems(url: string): Promise<EventItem[]>;
}

/**
 * The items to order for an event. `documents[].line_items` win whenever TripleSeat sent them;
 * only when no document has the key is each document's invoice page fetched and parsed
 * (docs/vendors/tripleseat.md, "Line items": three channels, in order of preference).
 */
export async function extractEventItems(
  event: TripleSeatEvent,
  opts: EventItemSources,
): Promise<EventItem[]> {
  const excluded = new Set(opts.excludedCategories.map((c) => c.trim().toLowerCase()));
  const wanted = (item: EventItem): boolean =>
    item.quantity !== 0 && !(item.category !== undefined && excluded.has(item.category.trim().toLowerCase()));

  if (event.documents.some((d) => d.lineItems !== undefined)) {
    return event.documents.flatMap((d) => d.lineItems ?? []).filter(wanted);
  }
  const items: EventItem[] = [];
  const seen = new Set<string>();
  for (const document of event.documents) {
    const url = document.invoiceUrl;
    if (url === undefined || seen.has(url)) continue;
    seen.add(url);
    items.push(...(await opts.fetchInvoiceItems(url)).filter(wanted));
  }
  return items;
}
