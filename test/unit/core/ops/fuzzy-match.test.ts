import { describe, expect, it } from 'vitest';
import { nameSimilarity, suggestProducts } from '../../../../functions/core/ops/fuzzy-match';

const product = (id: number, name: string, active = true) => ({ id, name, priceCents: 100, active });

describe('the product suggestions for an unmapped item', () => {
  it('scores a name against itself 1, whatever its case, spacing and punctuation', () => {
    expect(nameSimilarity('  Maple   BAR! ', 'maple bar')).toBe(1);
  });

  it('scores a near spelling above an unrelated name', () => {
    expect(nameSimilarity('Choc Croissant', 'Chocolate Croissant')).toBeGreaterThan(
      nameSimilarity('Choc Croissant', 'Iced Coffee'),
    );
  });

  it('offers the closest active products first, scored to two decimals, and never an inactive one', () => {
    const products = [
      product(1, 'Chocolate Croissant'),
      product(2, 'Plain Croissant'),
      product(3, 'Chocolate Croissant (old)', false),
      product(4, 'Orange Juice Carafe'),
    ];
    const suggestions = suggestProducts('Choc. Croissant', products);
    expect(suggestions.map((s) => s.revel_product_id)).toEqual([1, 2]);
    for (const s of suggestions) expect(Number.isInteger(s.score * 100)).toBe(true);
  });

  it('offers nothing when no product is close', () => {
    expect(suggestProducts('Unicorn Cake', [product(1, 'Glazed Donut')], { minScore: 0.5 })).toEqual([]);
  });
});
