import type { RevelLocationConfig, SyncConfig } from '#functions/core/config/sync-config';
import { InputError } from '#functions/core/domain/errors';
import type { RevelProduct } from '#functions/core/domain/model';
import type { RevelApi } from '#functions/core/ports/revel-api';
import { productChoice } from './fuzzy-match';

/** Why a runtime mapping or a product search was refused (the `reason` of the 400). */
export const MappingRefusal = {
  ESTABLISHMENT_REQUIRED: 'ESTABLISHMENT_REQUIRED',
  UNKNOWN_ESTABLISHMENT: 'UNKNOWN_ESTABLISHMENT',
  PRODUCT_NOT_IN_ESTABLISHMENT: 'PRODUCT_NOT_IN_ESTABLISHMENT',
  NO_OPEN_PRICE_PRODUCT: 'NO_OPEN_PRICE_PRODUCT',
} as const;

export const MAX_SEARCH_RESULTS = 20;

/** The Revel settings of each establishment the config writes to (its locations and the test location). */
function establishmentsOf(config: SyncConfig): Map<number, RevelLocationConfig> {
  const found = new Map<number, RevelLocationConfig>();
  for (const l of config.locations)
    if (!found.has(l.revel.establishmentId)) found.set(l.revel.establishmentId, l.revel);
  const test = config.connector.testLocation;
  if (test && !found.has(test.establishmentId)) found.set(test.establishmentId, test);
  return found;
}

/** The establishment's Revel settings; a 400 naming the configured ones when it is not one of them. */
export function configuredEstablishment(config: SyncConfig, establishmentId: number): RevelLocationConfig {
  const establishments = establishmentsOf(config);
  const found = establishments.get(establishmentId);
  if (found === undefined)
    throw new InputError(
      'establishment_id',
      `establishment ${establishmentId} is not configured (configured: ${[...establishments.keys()].join(', ')})`,
      MappingRefusal.UNKNOWN_ESTABLISHMENT,
    );
  return found;
}

/**
 * The establishment's open-price product when it is active there: its own (`revel.openPriceProductId`),
 * else the catch-all (`items.openPriceProductId`). A line mapped to it keeps TripleSeat's name and price.
 */
export function openPriceProductOf(
  config: SyncConfig,
  revel: RevelLocationConfig,
  products: readonly RevelProduct[],
): RevelProduct | undefined {
  const id = revel.openPriceProductId ?? config.items.openPriceProductId;
  return id === undefined ? undefined : products.find((p) => p.id === id && p.active);
}

const searchSchemaError = (field: string, message: string) => new InputError(field, message);

/**
 * `GET /api/mappings/products?establishment_id=&q=[&unit_price_cents=]`: the establishment's active
 * products matching the operator's words, with price, category and the difference to TripleSeat's price.
 */
export async function searchProducts(
  params: { establishmentId: string | undefined; q: string | undefined; unitPriceCents: string | undefined },
  deps: { config: SyncConfig; revel: RevelApi },
) {
  if (params.establishmentId === undefined || params.establishmentId === '')
    throw new InputError(
      'establishment_id',
      'establishment_id is required: products differ between establishments',
      MappingRefusal.ESTABLISHMENT_REQUIRED,
    );
  const establishmentId = Number(params.establishmentId);
  if (!Number.isInteger(establishmentId) || establishmentId <= 0)
    throw searchSchemaError('establishment_id', 'establishment_id must be a Revel establishment id (digits)');
  const q = (params.q ?? '').trim();
  if (q.length < 2 || q.length > 100) throw searchSchemaError('q', 'q must be 2 to 100 characters');
  const unitPriceCents = params.unitPriceCents === undefined ? undefined : Number(params.unitPriceCents);
  if (unitPriceCents !== undefined && (!Number.isInteger(unitPriceCents) || unitPriceCents < 0))
    throw searchSchemaError('unit_price_cents', 'unit_price_cents must be a whole number of cents');
  configuredEstablishment(deps.config, establishmentId);
  const found = await deps.revel.searchProducts(establishmentId, q);
  return {
    establishment_id: establishmentId,
    q,
    products: found.slice(0, MAX_SEARCH_RESULTS).map((p) => productChoice(p, unitPriceCents)),
    more: found.length > MAX_SEARCH_RESULTS,
  };
}
