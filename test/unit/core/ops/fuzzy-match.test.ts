import { describe, expect, it } from 'vitest';
import { parseSyncConfig } from '#functions/core/config/sync-config';
import type { RevelProduct } from '#functions/core/domain/model';
import {
  nameSimilarity,
  productChoice,
  searchCatalogue,
  suggestProducts,
} from '#functions/core/ops/fuzzy-match';
import { productCatalogue } from '../../../../dev/sandbox/revel-seed';

const product = (id: number, name: string, active = true, priceCents = 100): RevelProduct => ({
  id,
  name,
  priceCents,
  active,
});

/** Downtown's catalogue as the Revel sandbox serves it. */
const downtown: RevelProduct[] = (productCatalogue[4] ?? []).map(([id, name, price, active]) =>
  product(id, name, active, Math.round(price * 100)),
);

const threshold = parseSyncConfig({
  locations: [
    {
      name: 'Downtown',
      tripleseatLocationId: '101',
      timeZone: 'America/Los_Angeles',
      revel: { establishmentId: 4, stationId: 4, userId: 1, diningOption: 113 },
    },
  ],
}).items.suggestionThreshold;

describe('the product suggestions for an unmapped item', () => {
  it('scores a name against itself 1, whatever its case, spacing and punctuation', () => {
    expect(nameSimilarity('  Maple   BAR! ', 'maple bar')).toBe(1);
  });

  it('scores a near spelling above an unrelated name', () => {
    expect(nameSimilarity('Choc Croissant', 'Chocolate Croissant')).toBeGreaterThan(
      nameSimilarity('Choc Croissant', 'Iced Coffee'),
    );
  });

  it('suggests nothing for "Unicorn Cake" from the Downtown catalogue at the default threshold of 0.75', () => {
    expect(threshold).toBe(0.75);
    expect(suggestProducts('Unicorn Cake', downtown, { minScore: threshold })).toEqual([]);
    // What the console offered before the threshold: Iced Coffee at 0.32.
    expect(suggestProducts('Unicorn Cake', downtown, { minScore: 0.3 })[0]?.name).toBe('Iced Coffee');
  });

  it('offers the closest active products first with price, category and the difference to TripleSeat', () => {
    const products = [
      { ...product(1, 'Chocolate Croissant', true, 375), category: 'Pastry' },
      product(2, 'Plain Croissant'),
      product(3, 'Chocolate Croissants', false),
      product(4, 'Orange Juice Carafe'),
    ];
    const suggestions = suggestProducts('Chocolate Croissants', products, {
      minScore: threshold,
      unitPriceCents: 400,
    });
    expect(suggestions).toEqual([
      {
        revel_product_id: 1,
        name: 'Chocolate Croissant',
        price_cents: 375,
        category: 'Pastry',
        price_difference_cents: -25,
        score: 0.93,
      },
    ]);
  });

  it('says null for the category and the difference when neither is known', () => {
    expect(productChoice(product(9, 'Lemonade Carafe', true, 1600))).toEqual({
      revel_product_id: 9,
      name: 'Lemonade Carafe',
      price_cents: 1600,
      category: null,
      price_difference_cents: null,
    });
  });
});

describe("the operator's product search", () => {
  it('finds active products holding every word, in any case, closest first', () => {
    const found = searchCatalogue(downtown, 'CARAFE');
    expect(found.map((p) => p.name).sort()).toEqual([
      'Cold Brew Carafe',
      'Lemonade Carafe',
      'Orange Juice Carafe',
    ]);
    expect(searchCatalogue(downtown, 'carafe lemonade')[0]?.name).toBe('Lemonade Carafe');
    expect(searchCatalogue(downtown, 'donut  glazed').map((p) => p.id)).toEqual([580]);
  });

  it('never finds an inactive product, and nothing for an empty search', () => {
    expect(searchCatalogue(downtown, 'old fashioned')).toEqual([]);
    expect(searchCatalogue(downtown, '   ')).toEqual([]);
  });
});
