import type { SyncConfig } from '#functions/core/config/sync-config';
import {
  type MappingAnswer,
  type MappingExportAnswer,
  mappingBodySchema,
  type RuntimeMappingView,
} from '#functions/core/contract/operator-api/mappings';
import { type SettingsAnswer, settingsPatchSchema } from '#functions/core/contract/operator-api/settings';
import { InputError } from '#functions/core/domain/errors';
import { parseWith } from '#functions/core/domain/parse-with';
import type { Clock } from '#functions/core/ports/clock';
import type { Logger } from '#functions/core/ports/logger';
import type { OperatorDeps } from '#functions/core/ports/operator-deps';
import type { RevelApi } from '#functions/core/ports/revel-api';
import type { RuntimeSettings } from '#functions/core/ports/runtime-overrides';
import { audited } from './audited-action';
import { productChoice } from './fuzzy-match';
import { configuredEstablishment, MappingRefusal, openPriceProductOf } from './product-choices';
import { applyOverrides, asConfigMapping, mappingKey, settingsView } from './runtime-config';

export interface Operator {
  name: string;
  clock: Clock;
  logger: Logger;
}

const inputError = ({ path, message }: { path: string; message: string }) =>
  new InputError(path || 'body', `${path || 'body'}: ${message}`);

/** `PUT /api/settings`: a partial change of the switches, stored and audited; answers the new settings. */
export async function changeSettings(
  body: unknown,
  config: SyncConfig,
  ops: OperatorDeps,
  operator: Operator,
): Promise<SettingsAnswer> {
  const patch = parseWith(settingsPatchSchema, body, inputError);
  if (patch.test_establishment === true && config.connector.testLocation === undefined)
    throw new InputError(
      'test_establishment',
      'the deployed config names no connector.testLocation to send orders to',
    );
  const before = settingsView(config, await ops.overrides.read());
  const at = operator.clock.now().toISOString();
  const settings: RuntimeSettings = {
    connectorEnabled: patch.connector_enabled,
    dryRun: patch.dry_run,
    testEstablishment: patch.test_establishment,
  };
  const change: Record<string, unknown> = {};
  for (const key of ['connector_enabled', 'dry_run', 'test_establishment'] as const) {
    if (patch[key] !== undefined) change[key] = { from: before[key], to: patch[key] };
  }
  const after = settingsView(
    config,
    await audited(
      ops.audit,
      { at, operator: operator.name, action: 'settings', change },
      () => ops.overrides.saveSettings(settings, { operator: operator.name, at }),
      { logger: operator.logger },
    ),
  );
  operator.logger.info('runtime settings changed', { operator: operator.name, change });
  return after;
}

/**
 * `PUT /api/mappings`: an item → Revel product mapping for one establishment (required), checked
 * against that establishment's active products, stored over the deployed config's mapping and
 * audited. The line keeps TripleSeat's item name whenever the product is named otherwise
 * (core/order/product-mapping.ts), the open-price product included.
 */
export async function saveMapping(
  body: unknown,
  deps: { config: SyncConfig; revel: RevelApi },
  ops: OperatorDeps,
  operator: Operator,
): Promise<MappingAnswer> {
  if (typeof body === 'object' && body !== null && !('establishment_id' in body))
    throw new InputError(
      'establishment_id',
      'establishment_id is required: a mapping holds for one establishment (product ids differ between establishments)',
      MappingRefusal.ESTABLISHMENT_REQUIRED,
    );
  const m = parseWith(mappingBodySchema, body, inputError);
  const establishment = configuredEstablishment(deps.config, m.establishment_id);
  const products = await deps.revel.listProducts(m.establishment_id);
  const openPrice = openPriceProductOf(deps.config, establishment, products);
  if (m.open_price && openPrice === undefined)
    throw new InputError(
      'open_price',
      `establishment ${m.establishment_id} has no active open-price product (locations[].revel.openPriceProductId)`,
      MappingRefusal.NO_OPEN_PRICE_PRODUCT,
    );
  const productId = m.open_price ? openPrice?.id : m.revel_product_id;
  const product = products.find((p) => p.id === productId && p.active);
  if (product === undefined)
    throw new InputError(
      'revel_product_id',
      `no active Revel product ${productId} in establishment ${m.establishment_id}`,
      MappingRefusal.PRODUCT_NOT_IN_ESTABLISHMENT,
    );
  const at = operator.clock.now().toISOString();
  const entry = {
    menuItemId: m.menu_item_id,
    name: m.menu_item_id === undefined ? m.name : undefined,
    revelProductId: product.id,
    establishmentId: m.establishment_id,
  };
  const key = mappingKey(entry);
  const previous = (await ops.overrides.read()).mappings.find((x) => x.key === key);
  const change = {
    key,
    ...(m.name !== undefined ? { name: m.name } : {}),
    ...(m.menu_item_id !== undefined ? { menu_item_id: m.menu_item_id } : {}),
    establishment_id: m.establishment_id,
    revel_product_id: { from: previous?.revelProductId ?? null, to: product.id },
    revel_product_name: product.name,
    open_price: product.id === openPrice?.id,
  };
  const saved = await audited(
    ops.audit,
    { at, operator: operator.name, action: 'mapping', change },
    () => ops.overrides.saveMapping({ ...entry, key, operator: operator.name, at }),
    { logger: operator.logger },
  );
  operator.logger.info('runtime mapping saved', { operator: operator.name, change });
  return {
    mapping: mappingView(saved.mappings.find((x) => x.key === key)),
    product: { ...productChoice(product), open_price: product.id === openPrice?.id },
    mappings: saved.mappings.map((m) => mappingView(m)),
  };
}

type StoredMapping = Awaited<ReturnType<OperatorDeps['overrides']['read']>>['mappings'][number];

export function mappingView(m: StoredMapping): RuntimeMappingView;
export function mappingView(m: StoredMapping | undefined): RuntimeMappingView | null;
export function mappingView(m: StoredMapping | undefined): RuntimeMappingView | null {
  if (m === undefined) return null;
  return {
    key: m.key,
    name: m.name ?? null,
    menu_item_id: m.menuItemId ?? null,
    revel_product_id: m.revelProductId,
    establishment_id: m.establishmentId ?? null,
    operator: m.operator,
    at: m.at,
  };
}

/**
 * `GET /api/mappings/export`: the runtime mappings folded into the deployed config's `items.mapping`,
 * as an RFC 6902 JSON Patch for the config file (and the resulting list), so a deploy can carry them.
 */
export async function exportMappings(config: SyncConfig, ops: OperatorDeps): Promise<MappingExportAnswer> {
  const overrides = await ops.overrides.read();
  const merged = applyOverrides(config, { settings: {}, mappings: overrides.mappings }).items.mapping;
  // One entry per key, the runtime one first: what the engine uses now, in the order it reads them.
  const seen = new Set<string>();
  const mapping = merged.filter((m) => {
    const key = mappingKey(m);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    runtime_mappings: overrides.mappings.map((m) => mappingView(m)),
    patch: [{ op: 'replace', path: '/items/mapping', value: mapping.map(asConfigMapping) }],
  };
}
