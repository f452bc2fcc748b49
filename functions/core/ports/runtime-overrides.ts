/**
 * Runtime switches and product mappings an operator sets through the operator API, kept in the
 * ledger table and layered over the deployed sync config (core/ops/runtime-config.ts). A field left
 * undefined means "as deployed".
 */
export interface RuntimeSettings {
  connectorEnabled?: boolean | undefined;
  dryRun?: boolean | undefined;
  /** true: send every order to `connector.testLocation`; false: to each location's own establishment. */
  testEstablishment?: boolean | undefined;
}

/** A product mapping set at runtime; `key` names what it matches (core/ops/runtime-config.ts). */
export interface RuntimeMapping {
  key: string;
  menuItemId?: string | undefined;
  name?: string | undefined;
  revelProductId: number;
  establishmentId?: number | undefined;
  operator: string;
  at: string;
}

export interface RuntimeOverrides {
  settings: RuntimeSettings;
  mappings: RuntimeMapping[];
  /** Who last changed the settings, and when; undefined until the first change. */
  settingsChangedBy?: { operator: string; at: string } | undefined;
}

export const noOverrides = (): RuntimeOverrides => ({ settings: {}, mappings: [] });

/** Implemented by platform/runtime-overrides-dynamodb.ts; reads are cached for at most 60 s. */
export interface RuntimeOverridesStore {
  /** The current overrides (cached ≤ 60 s: a change made elsewhere reaches every instance within a minute). */
  read(): Promise<RuntimeOverrides>;
  /** Merges `settings` into the stored ones (undefined fields untouched); answers the new overrides. */
  saveSettings(settings: RuntimeSettings, by: { operator: string; at: string }): Promise<RuntimeOverrides>;
  /** Adds the mapping, replacing one with the same key; answers the new overrides. */
  saveMapping(mapping: RuntimeMapping): Promise<RuntimeOverrides>;
}
