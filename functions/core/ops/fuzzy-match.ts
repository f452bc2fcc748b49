import type { RevelProduct } from '../domain/model';
import { normaliseName } from '../order/product-mapping';

const bigrams = (text: string): string[] => {
  const padded = ` ${text} `;
  return Array.from({ length: padded.length - 1 }, (_, i) => padded.slice(i, i + 2));
};

/**
 * How alike two item names are, 0..1: the Sørensen–Dice coefficient of their character pairs, after
 * the same normalisation the mapping uses ("Maple  Bar" = "maple bar"), with punctuation ignored.
 */
export function nameSimilarity(a: string, b: string): number {
  const clean = (s: string) =>
    normaliseName(s)
      .replace(/[^\p{L}\p{N} ]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const left = clean(a);
  const right = clean(b);
  if (left === '' || right === '') return 0;
  if (left === right) return 1;
  const pool = new Map<string, number>();
  for (const pair of bigrams(left)) pool.set(pair, (pool.get(pair) ?? 0) + 1);
  let shared = 0;
  const rightPairs = bigrams(right);
  for (const pair of rightPairs) {
    const count = pool.get(pair) ?? 0;
    if (count > 0) {
      shared += 1;
      pool.set(pair, count - 1);
    }
  }
  return (2 * shared) / (bigrams(left).length + rightPairs.length);
}

export interface Suggestion {
  revel_product_id: number;
  name: string;
  score: number;
}

/** The closest active products to `name`, best first, scored to two decimals; none below `minScore`. */
export function suggestProducts(
  name: string,
  products: readonly RevelProduct[],
  options: { limit?: number; minScore?: number } = {},
): Suggestion[] {
  const { limit = 3, minScore = 0.3 } = options;
  return products
    .filter((p) => p.active)
    .map((p) => ({
      revel_product_id: p.id,
      name: p.name,
      score: Math.round(nameSimilarity(name, p.name) * 100) / 100,
    }))
    .filter((s) => s.score >= minScore)
    .sort((a, b) => b.score - a.score || a.revel_product_id - b.revel_product_id)
    .slice(0, limit);
}
