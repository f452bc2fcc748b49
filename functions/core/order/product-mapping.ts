import type { SyncConfig } from '#functions/core/config/sync-config';
import type { EventItem, RevelProduct } from '#functions/core/domain/model';

export type MappingEntry = SyncConfig['items']['mapping'][number];

export interface MappingRules {
  mapping: readonly MappingEntry[];
  openPriceProductId?: number | undefined;
  establishmentId: number;
}

export interface MappedLine {
  item: EventItem;
  productId: number;
  /**
   * TripleSeat's item name, set whenever it differs from the Revel product's (a mapping or the
   * open-price product): the kitchen ticket must say what the guest ordered. Undefined when the
   * names are the same.
   */
  nameOverride: string | undefined;
  via: 'mapping' | 'name' | 'open_price';
}

export interface ProductMapping {
  lines: MappedLine[];
  /** Items that map nowhere: never dropped silently, the engine fails the event with UNMAPPED_ITEMS. */
  unmapped: EventItem[];
  /** Explicit mappings passed over: their product is not active in this establishment (or not its own). */
  ignoredMappings: { item: EventItem; productId: number }[];
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
  const active = new Map<number, RevelProduct>();
  for (const product of products) {
    if (!product.active) continue;
    active.set(product.id, product);
    const key = normaliseName(product.name);
    // Two active products with one name: the first listed wins, as Revel lists them (stable).
    if (!byName.has(key)) byName.set(key, product.id);
  }

  const lines: MappedLine[] = [];
  const unmapped: EventItem[] = [];
  const ignoredMappings: ProductMapping['ignoredMappings'] = [];
  for (const item of items) {
    // A mapping to a product this establishment does not sell (another establishment's, or one
    // deactivated since) would make Revel refuse the line after the order exists: unmapped instead.
    const mapped = lookup(item);
    const explicit = mapped !== undefined && active.has(mapped) ? mapped : undefined;
    if (mapped !== undefined && explicit === undefined) ignoredMappings.push({ item, productId: mapped });
    const byProductName = byName.get(normaliseName(item.name));
    if (explicit !== undefined) {
      lines.push({
        item,
        productId: explicit,
        nameOverride: nameUnlessSame(item, active.get(explicit)),
        via: 'mapping',
      });
    } else if (byProductName !== undefined) {
      lines.push({ item, productId: byProductName, nameOverride: undefined, via: 'name' });
    } else if (rules.openPriceProductId !== undefined) {
      lines.push({ item, productId: rules.openPriceProductId, nameOverride: item.name, via: 'open_price' });
    } else {
      unmapped.push(item);
    }
  }
  return { lines, unmapped, ignoredMappings };
}

/** "Unicorn Cake (its mapping names product 601, not sold by establishment 7)" for each unmapped item. */
export function describeUnmapped(mapping: ProductMapping, establishmentId: number): string[] {
  const names = [...new Set(mapping.unmapped.map((i) => i.name))];
  return names.map((name) => {
    const ignored = mapping.ignoredMappings.find((m) => m.item.name === name);
    return ignored === undefined
      ? name
      : `${name} (its mapping names product ${ignored.productId}, not an active product of establishment ${establishmentId})`;
  });
}

function nameUnlessSame(item: EventItem, product: RevelProduct | undefined): string | undefined {
  return product !== undefined && normaliseName(product.name) === normaliseName(item.name)
    ? undefined
    : item.name;
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
