import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Logger } from '#functions/core/ports/logger';
import {
  noOverrides,
  type RuntimeMapping,
  type RuntimeOverrides,
  type RuntimeOverridesStore,
  type RuntimeSettings,
} from '#functions/core/ports/runtime-overrides';
import { RUNTIME_MAPPINGS_KEY, RUNTIME_SETTINGS_KEY } from './ledger-keys';
import { refreshingValue } from './refreshing-value';

/** The engine sees a change made on another instance within this long. */
export const RUNTIME_OVERRIDES_REFRESH_MS = 60_000;

const settingsItemSchema = z.object({
  connectorEnabled: z.boolean().optional(),
  dryRun: z.boolean().optional(),
  testEstablishment: z.boolean().optional(),
  changedBy: z.string().optional(),
  changedAt: z.string().optional(),
});

const mappingSchema = z.object({
  key: z.string().min(1),
  menuItemId: z.string().optional(),
  name: z.string().optional(),
  revelProductId: z.number().int().positive(),
  establishmentId: z.number().int().positive().optional(),
  operator: z.string(),
  at: z.string(),
});

const mappingsItemSchema = z.object({ mappings: z.record(z.string(), z.unknown()).optional() });

export interface RuntimeOverridesOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  logger?: Logger;
  refreshMs?: number;
  now?: () => number;
}

/**
 * The operator's runtime switches and mappings in the ledger table (keys in ledger-keys.ts), read
 * through a cache of at most a minute. A malformed mapping entry is left out (and logged), never
 * allowed to stop the syncs that read the rest.
 */
export function createRuntimeOverridesStore(options: RuntimeOverridesOptions): RuntimeOverridesStore {
  const { client, tableName, logger } = options;
  const get = async (pk: string) =>
    (await client.send(new GetCommand({ TableName: tableName, Key: { pk }, ConsistentRead: true }))).Item;
  const load = async (): Promise<RuntimeOverrides> => {
    const [settingsItem, mappingsItem] = await Promise.all([
      get(RUNTIME_SETTINGS_KEY),
      get(RUNTIME_MAPPINGS_KEY),
    ]);
    const overrides = noOverrides();
    const settings = settingsItemSchema.safeParse(settingsItem ?? {});
    if (settings.success) {
      const { changedBy, changedAt, ...switches } = settings.data;
      overrides.settings = switches;
      if (changedBy !== undefined && changedAt !== undefined)
        overrides.settingsChangedBy = { operator: changedBy, at: changedAt };
    } else logger?.warn('runtime settings item is malformed; using the deployed config', {});
    const stored = mappingsItemSchema.safeParse(mappingsItem ?? {});
    for (const value of Object.values(stored.success ? (stored.data.mappings ?? {}) : {})) {
      const mapping = mappingSchema.safeParse(value);
      if (mapping.success) overrides.mappings.push(mapping.data);
      else logger?.warn('runtime mapping entry is malformed; left out', {});
    }
    overrides.mappings.sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
    return overrides;
  };
  const cache = refreshingValue(load, {
    refreshMs: options.refreshMs ?? RUNTIME_OVERRIDES_REFRESH_MS,
    ...(options.now ? { now: options.now } : {}),
    ...(logger ? { logger } : {}),
    what: 'runtime settings',
  });
  const reload = async () => {
    const fresh = await load();
    cache.set(fresh);
    return fresh;
  };
  return {
    read: cache.get,
    saveSettings: async (settings: RuntimeSettings, by) => {
      const names: Record<string, string> = { '#by': 'changedBy', '#at': 'changedAt' };
      const values: Record<string, unknown> = { ':by': by.operator, ':at': by.at };
      const sets = ['#by = :by', '#at = :at'];
      for (const [field, value] of Object.entries(settings)) {
        if (value === undefined) continue;
        names[`#${field}`] = field;
        values[`:${field}`] = value;
        sets.push(`#${field} = :${field}`);
      }
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: RUNTIME_SETTINGS_KEY },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return reload();
    },
    saveMapping: async (mapping: RuntimeMapping) => {
      // Two steps so the map exists before one of its keys is set (DynamoDB cannot do both in one SET).
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: RUNTIME_MAPPINGS_KEY },
          UpdateExpression: 'SET #m = if_not_exists(#m, :empty)',
          ExpressionAttributeNames: { '#m': 'mappings' },
          ExpressionAttributeValues: { ':empty': {} },
        }),
      );
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: RUNTIME_MAPPINGS_KEY },
          UpdateExpression: 'SET #m.#k = :v',
          ExpressionAttributeNames: { '#m': 'mappings', '#k': mapping.key },
          ExpressionAttributeValues: { ':v': withoutUndefined(mapping) },
        }),
      );
      return reload();
    },
  };
}

/** DynamoDB stores no undefined, whatever the client's options: such fields are left out. */
const withoutUndefined = (value: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
