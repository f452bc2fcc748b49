import type { SyncConfig } from '../config/sync-config';
import type { EventItem, RevelProduct } from '../domain/model';

export type MappingEntry = SyncConfig['items']['mapping'][number];

export interface MappingRules {
  mapping: readonly MappingEntry[];
  openPriceProductId?: number | undefined;
  establishmentId: number;
}

export interface MappedLine {
  item: EventItem;
  productId: number;
  /** Set for the open-price product only (it carries the item's name), otherwise undefined. */
  nameOverride: string | undefined;
  via: 'mapping' | 'name' | 'open_price';
}

export interface ProductMapping {
  lines: MappedLine[];
  /** Items that map nowhere: never dropped silently, the engine fails the event with UNMAPPED_ITEMS. */
  unmapped: EventItem[];
}

/** Case-insensitive, whitespace collapsed: "  Maple   bar " and "MAPLE BAR" are the same name. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Explicit mapping → exact name among active products → opt-in open-price product → unmapped.
 * The line keeps TripleSeat's price: the event's invoice is what the guest agreed to.
 */
export function mapItemsToProducts(
  items: readonly EventItem[],
  products: readonly RevelProduct[],
  rules: MappingRules,
): ProductMapping {
  const lookup = buildMappingLookup(rules.mapping, rules.establishmentId);
  const byName = new Map<string, number>();
  for (const product of products) {
    const key = normaliseName(product.name);
    // Two active products with one name: the first listed wins, as Revel lists them (stable).
    if (product.active && !byName.has(key)) byName.set(key, product.id);
  }

  const lines: MappedLine[] = [];
  const unmapped: EventItem[] = [];
  for (const item of items) {
    const explicit = lookup(item);
    const byProductName = byName.get(normaliseName(item.name));
    if (explicit !== undefined) {
      lines.push({ item, productId: explicit, nameOverride: undefined, via: 'mapping' });
    } else if (byProductName !== undefined) {
      lines.push({ item, productId: byProductName, nameOverride: undefined, via: 'name' });
    } else if (rules.openPriceProductId !== undefined) {
      lines.push({ item, productId: rules.openPriceProductId, nameOverride: item.name, via: 'open_price' });
    } else {
      unmapped.push(item);
    }
  }
  return { lines, unmapped };
}

/**
 * Product ids differ between establishments, so an entry scoped to this establishment beats any
 * global one; within a scope, menuItemId (stable) beats name (editable in TripleSeat).
 */
function buildMappingLookup(
  mapping: readonly MappingEntry[],
  establishmentId: number,
): (item: EventItem) => number | undefined {
  const scoped = mapping.filter((m) => m.establishmentId === establishmentId);
  const global = mapping.filter((m) => m.establishmentId === undefined);
  const tables = [scoped, global].flatMap((entries) => [
    { key: (i: EventItem) => i.menuItemId, table: index(entries, (m) => m.menuItemId) },
    {
      key: (i: EventItem) => normaliseName(i.name),
      table: index(entries, (m) => m.name && normaliseName(m.name)),
    },
  ]);
  return (item) => {
    for (const { key, table } of tables) {
      const k = key(item);
      const productId = k === undefined || k === '' ? undefined : table.get(k);
      if (productId !== undefined) return productId;
    }
    return undefined;
  };
}

function index(
  entries: readonly MappingEntry[],
  keyOf: (m: MappingEntry) => string | undefined,
): Map<string, number> {
  const table = new Map<string, number>();
  for (const entry of entries) {
    const key = keyOf(entry);
    // The first entry for a key wins, so the config file reads top-down.
    if (key !== undefined && key !== '' && !table.has(key)) table.set(key, entry.revelProductId);
  }
  return table;
}
