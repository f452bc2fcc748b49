import type { RevelProduct } from '#functions/core/domain/model';
import { normaliseName } from '#functions/core/order/product-mapping';

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

/** A Revel product as the operator chooses it: what it is called, costs and belongs to. */
export interface ProductChoice {
  revel_product_id: number;
  name: string;
  /** The product's catalogue price (integer cents). */
  price_cents: number;
  /** Its category name, null when Revel did not serve one. */
  category: string | null;
  /**
   * The catalogue price less TripleSeat's unit price (cents), null when no TripleSeat price was
   * given. The line keeps TripleSeat's price either way: a large difference says "wrong product".
   */
  price_difference_cents: number | null;
}

export interface Suggestion extends ProductChoice {
  score: number;
}

export function productChoice(product: RevelProduct, unitPriceCents?: number | undefined): ProductChoice {
  return {
    revel_product_id: product.id,
    name: product.name,
    price_cents: product.priceCents,
    category: product.category ?? null,
    price_difference_cents: unitPriceCents === undefined ? null : product.priceCents - unitPriceCents,
  };
}

/**
 * The closest active products to `name`, best first, scored to two decimals; none below `minScore`
 * (`items.suggestionThreshold`): a weak match is no suggestion at all, the operator searches instead.
 */
export function suggestProducts(
  name: string,
  products: readonly RevelProduct[],
  options: { minScore: number; limit?: number; unitPriceCents?: number | undefined },
): Suggestion[] {
  const { limit = 3, minScore, unitPriceCents } = options;
  return products
    .filter((p) => p.active)
    .map((p) => ({ product: p, score: Math.round(nameSimilarity(name, p.name) * 100) / 100 }))
    .filter((s) => s.score >= minScore)
    .sort((a, b) => b.score - a.score || a.product.id - b.product.id)
    .slice(0, limit)
    .map(({ product, score }) => ({ ...productChoice(product, unitPriceCents), score }));
}

/**
 * An operator's search: the active products whose name holds every word of `text` (case- and
 * accent-insensitive as the mapping compares names), closest names first.
 */
export function searchCatalogue(products: readonly RevelProduct[], text: string): RevelProduct[] {
  const words = normaliseName(text)
    .split(' ')
    .filter((w) => w !== '');
  if (words.length === 0) return [];
  return products
    .filter((p) => p.active && words.every((w) => normaliseName(p.name).includes(w)))
    .map((p) => ({ p, score: nameSimilarity(text, p.name) }))
    .sort((a, b) => b.score - a.score || a.p.name.localeCompare(b.p.name) || a.p.id - b.p.id)
    .map(({ p }) => p);
}
