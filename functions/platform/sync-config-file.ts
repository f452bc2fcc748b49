import { readFileSync } from 'node:fs';
import { parseSyncConfigJson, type SyncConfig } from '#functions/core/config/sync-config';
import { ConfigError } from '#functions/core/domain/errors';

/** Reads and validates the sync config JSON at `path` (the shipped file, or SYNC_CONFIG locally). */
export function loadSyncConfigFile(path: string): SyncConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e: unknown) {
    throw new ConfigError(
      'SYNC_CONFIG',
      `SYNC_CONFIG: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? e}`,
    );
  }
  return parseSyncConfigJson(text, path);
}
