import { describe, expect, it } from 'vitest';
import type { EventItem, RevelProduct } from '#functions/core/domain/model';
import {
  describeUnmapped,
  type MappingEntry,
  mapItemsToProducts,
} from '#functions/core/order/product-mapping';

const item = (name: string, extra: Partial<EventItem> = {}): EventItem => ({
  source: 'line_items',
  menuItemId: undefined,
  name,
  description: name,
  category: 'Food',
  quantity: 6,
  unitPriceCents: 170,
  totalCents: 1020,
  ...extra,
});

const catalogue: RevelProduct[] = [
  { id: 579, name: 'MAPLE BAR', priceCents: 150, active: true },
  { id: 580, name: 'Old Fashioned Donut', priceCents: 120, active: false },
  { id: 581, name: 'Drip Coffee', priceCents: 300, active: true },
  { id: 900, name: 'Open Food', priceCents: 0, active: true },
  { id: 700, name: 'Maple Bar (each)', priceCents: 150, active: true },
  { id: 701, name: 'Maple Bar', priceCents: 150, active: true },
];

const map = (items: EventItem[], mapping: MappingEntry[] = [], openPriceProductId?: number) =>
  mapItemsToProducts(items, catalogue, { mapping, openPriceProductId, establishmentId: 4 });

describe('mapItemsToProducts', () => {
  it('uses an explicit mapping by menu item id first', () => {
    const { lines } = map(
      [item('Maple Bar', { menuItemId: '123' })],
      [
        { name: 'Maple Bar', revelProductId: 700 },
        { menuItemId: '123', revelProductId: 701 },
      ],
    );
    expect(lines).toEqual([
      expect.objectContaining({ productId: 701, via: 'mapping', nameOverride: undefined }),
    ]);
  });

  it('matches an explicit mapping by name ignoring case and extra spaces', () => {
    const { lines } = map([item('  box   of  Joe ')], [{ name: 'Box of joe', revelProductId: 581 }]);
    expect(lines[0]).toMatchObject({ productId: 581, via: 'mapping' });
  });

  it("carries TripleSeat's item name on a mapped line whose product is named otherwise", () => {
    const { lines } = map([item('Unicorn Cake')], [{ name: 'Unicorn Cake', revelProductId: 581 }]);
    expect(lines[0]).toMatchObject({ productId: 581, via: 'mapping', nameOverride: 'Unicorn Cake' });
  });

  it('leaves the name alone when the mapped product has the same name in other case', () => {
    const { lines } = map([item('drip  coffee')], [{ name: 'drip coffee', revelProductId: 581 }]);
    expect(lines[0]).toMatchObject({ productId: 581, nameOverride: undefined });
  });

  it('treats a mapping to a product this establishment does not sell as unmapped, so nothing is written', () => {
    const { lines, unmapped } = map(
      [item('Unicorn Cake'), item('Stale Donut')],
      [
        { name: 'Unicorn Cake', revelProductId: 1203 },
        { name: 'Stale Donut', revelProductId: 580 },
      ],
    );
    expect(lines).toEqual([]);
    expect(unmapped.map((i) => i.name)).toEqual(['Unicorn Cake', 'Stale Donut']);
  });

  it('says which mapping was passed over when it names the unmapped items', () => {
    const mapped = map(
      [item('Unicorn Cake'), item('Mystery')],
      [{ name: 'Unicorn Cake', revelProductId: 580 }],
    );
    expect(mapped.ignoredMappings).toEqual([{ item: item('Unicorn Cake'), productId: 580 }]);
    expect(describeUnmapped(mapped, 4)).toEqual([
      'Unicorn Cake (its mapping names product 580, not an active product of establishment 4)',
      'Mystery',
    ]);
  });

  it('lets an entry for this establishment win over a global one', () => {
    const mapping: MappingEntry[] = [
      { menuItemId: '123', revelProductId: 579 },
      { name: 'Maple Bar', revelProductId: 581, establishmentId: 4 },
      { menuItemId: '123', revelProductId: 900, establishmentId: 9 },
    ];
    const { lines } = map([item('Maple Bar', { menuItemId: '123' })], mapping);
    expect(lines[0]?.productId).toBe(581);
  });

  it("ignores another establishment's entries", () => {
    const { lines } = map(
      [item('Drip Coffee')],
      [{ name: 'Drip Coffee', revelProductId: 900, establishmentId: 9 }],
    );
    expect(lines[0]).toMatchObject({ productId: 581, via: 'name' });
  });

  it('falls back to an exact name match against the active catalogue', () => {
    const { lines, unmapped } = map([item('maple  bar')]);
    expect(lines[0]).toMatchObject({ productId: 579, via: 'name', nameOverride: undefined });
    expect(unmapped).toEqual([]);
  });

  it('never matches an inactive product by name', () => {
    const { lines, unmapped } = map([item('Old Fashioned Donut')]);
    expect(lines).toEqual([]);
    expect(unmapped.map((i) => i.name)).toEqual(['Old Fashioned Donut']);
  });

  it('uses the open-price product only when configured, carrying the item name', () => {
    const without = map([item('Chef Tasting')]);
    expect(without.lines).toEqual([]);
    const withOpenPrice = map([item('Chef Tasting')], [], 900);
    expect(withOpenPrice.lines[0]).toMatchObject({
      productId: 900,
      via: 'open_price',
      nameOverride: 'Chef Tasting',
    });
    expect(withOpenPrice.unmapped).toEqual([]);
  });

  it("keeps TripleSeat's price rather than the catalogue's", () => {
    const { lines } = map([item('Maple Bar')]);
    expect(lines[0]?.item).toMatchObject({ unitPriceCents: 170, totalCents: 1020 });
  });

  it('lists every item that maps nowhere, keeping the order of the mapped ones', () => {
    const { lines, unmapped } = map([item('Maple Bar'), item('Mystery'), item('Drip Coffee'), item('Gizmo')]);
    expect(lines.map((l) => l.productId)).toEqual([579, 581]);
    expect(unmapped.map((i) => i.name)).toEqual(['Mystery', 'Gizmo']);
  });
});
