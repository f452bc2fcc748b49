import type { SyncConfig } from '#functions/core/config/sync-config';
import type { SettingsAnswer } from '#functions/core/contract/operator-api/settings';
import { normaliseName } from '#functions/core/order/product-mapping';
import type {
  RuntimeMapping,
  RuntimeOverrides,
  RuntimeSettings,
} from '#functions/core/ports/runtime-overrides';

/**
 * The config the engine runs with: the deployed config, with the operator's runtime switches and
 * mappings layered over it. A runtime mapping comes before the file's, so it wins for the same item
 * (core/order/product-mapping.ts: the first entry for a key wins).
 */
export function applyOverrides(config: SyncConfig, overrides: RuntimeOverrides): SyncConfig {
  const { settings, mappings } = overrides;
  if (isEmpty(settings) && mappings.length === 0) return config;
  const { testLocation, ...connector } = config.connector;
  const useTest = settings.testEstablishment ?? testLocation !== undefined;
  return {
    ...config,
    connector: {
      ...connector,
      enabled: settings.connectorEnabled ?? connector.enabled,
      dryRun: settings.dryRun ?? connector.dryRun,
      ...(useTest && testLocation !== undefined ? { testLocation } : {}),
    },
    items: { ...config.items, mapping: [...mappings.map(asConfigMapping), ...config.items.mapping] },
  };
}

const isEmpty = (settings: RuntimeSettings): boolean =>
  settings.connectorEnabled === undefined &&
  settings.dryRun === undefined &&
  settings.testEstablishment === undefined;

type ConfigMapping = SyncConfig['items']['mapping'][number];

export function asConfigMapping(
  m: Pick<RuntimeMapping, 'menuItemId' | 'name' | 'revelProductId' | 'establishmentId'>,
): ConfigMapping {
  return {
    ...(m.menuItemId !== undefined ? { menuItemId: m.menuItemId } : {}),
    ...(m.name !== undefined ? { name: m.name } : {}),
    revelProductId: m.revelProductId,
    ...(m.establishmentId !== undefined ? { establishmentId: m.establishmentId } : {}),
  };
}

/** What a runtime mapping matches: one per item and establishment scope; a new one replaces the old. */
export function mappingKey(m: {
  menuItemId?: string | undefined;
  name?: string | undefined;
  establishmentId?: number | undefined;
}): string {
  const scope = m.establishmentId === undefined ? '*' : String(m.establishmentId);
  const item = m.menuItemId !== undefined ? `menu:${m.menuItemId}` : `name:${normaliseName(m.name ?? '')}`;
  return `${scope}|${item}`;
}

/** The switches as the operator API shows them (snake_case), resolved against the deployed config. */
export function settingsView(config: SyncConfig, overrides: RuntimeOverrides): SettingsAnswer {
  const effective = applyOverrides(config, overrides);
  const { settings } = overrides;
  return {
    connector_enabled: effective.connector.enabled,
    dry_run: effective.connector.dryRun,
    test_establishment: effective.connector.testLocation !== undefined,
    /** Whether the deployed config names a test location at all (else the switch cannot be turned on). */
    test_establishment_available: config.connector.testLocation !== undefined,
    deployed: {
      connector_enabled: config.connector.enabled,
      dry_run: config.connector.dryRun,
      test_establishment: config.connector.testLocation !== undefined,
    },
    overridden: {
      connector_enabled: settings.connectorEnabled !== undefined,
      dry_run: settings.dryRun !== undefined,
      test_establishment: settings.testEstablishment !== undefined,
    },
    updated_at: overrides.settingsChangedBy?.at ?? null,
    updated_by: overrides.settingsChangedBy?.operator ?? null,
  };
}
