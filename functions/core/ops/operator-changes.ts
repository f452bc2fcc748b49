import type { SyncConfig } from '../config/sync-config';
import {
  type MappingAnswer,
  type MappingExportAnswer,
  mappingBodySchema,
  type RuntimeMappingView,
} from '../contract/operator-api/mappings';
import { type SettingsAnswer, settingsPatchSchema } from '../contract/operator-api/settings';
import { InputError } from '../domain/errors';
import { parseWith } from '../domain/parse-with';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { OperatorDeps } from '../ports/operator-deps';
import type { RevelApi } from '../ports/revel-api';
import type { RuntimeSettings } from '../ports/runtime-overrides';
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
  const after = settingsView(
    config,
    await ops.overrides.saveSettings(settings, { operator: operator.name, at }),
  );
  const change: Record<string, unknown> = {};
  for (const key of ['connector_enabled', 'dry_run', 'test_establishment'] as const) {
    if (patch[key] !== undefined) change[key] = { from: before[key], to: after[key] };
  }
  await ops.audit.record({ at, operator: operator.name, action: 'settings', change });
  operator.logger.info('runtime settings changed', { operator: operator.name, change });
  return after;
}

/**
 * `PUT /api/mappings`: an item → Revel product mapping, checked against the establishment's active
 * products, stored over the deployed config's mapping and audited.
 */
export async function saveMapping(
  body: unknown,
  deps: { config: SyncConfig; revel: RevelApi },
  ops: OperatorDeps,
  operator: Operator,
): Promise<MappingAnswer> {
  const m = parseWith(mappingBodySchema, body, inputError);
  const establishments =
    m.establishment_id !== undefined
      ? [m.establishment_id]
      : [...new Set(deps.config.locations.map((l) => l.revel.establishmentId))];
  const product = await findActiveProduct(deps.revel, establishments, m.revel_product_id);
  if (product === undefined)
    throw new InputError(
      'revel_product_id',
      `no active Revel product ${m.revel_product_id} in establishment ${establishments.join(' or ')}`,
    );
  const at = operator.clock.now().toISOString();
  const entry = {
    menuItemId: m.menu_item_id,
    name: m.menu_item_id === undefined ? m.name : undefined,
    revelProductId: m.revel_product_id,
    establishmentId: m.establishment_id,
  };
  const key = mappingKey(entry);
  const previous = (await ops.overrides.read()).mappings.find((x) => x.key === key);
  const saved = await ops.overrides.saveMapping({ ...entry, key, operator: operator.name, at });
  const change = {
    key,
    ...(m.name !== undefined ? { name: m.name } : {}),
    ...(m.menu_item_id !== undefined ? { menu_item_id: m.menu_item_id } : {}),
    establishment_id: m.establishment_id ?? null,
    revel_product_id: { from: previous?.revelProductId ?? null, to: m.revel_product_id },
    revel_product_name: product.name,
  };
  await ops.audit.record({ at, operator: operator.name, action: 'mapping', change });
  operator.logger.info('runtime mapping saved', { operator: operator.name, change });
  return {
    mapping: mappingView(saved.mappings.find((x) => x.key === key)),
    mappings: saved.mappings.map((m) => mappingView(m)),
  };
}

async function findActiveProduct(revel: RevelApi, establishments: readonly number[], productId: number) {
  for (const establishmentId of establishments) {
    const found = (await revel.listProducts(establishmentId)).find((p) => p.id === productId && p.active);
    if (found) return found;
  }
  return undefined;
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
