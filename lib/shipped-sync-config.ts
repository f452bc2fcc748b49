import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parseSyncConfig } from '#functions/core/config/sync-config';
import { syncDefinition } from './function-definitions';
import type { StageSettings } from './stage-settings';

/** Where the config lands in the sync asset; Lambda unpacks code to /var/task (LAMBDA_TASK_ROOT). */
export const SYNC_CONFIG_FILE_NAME = 'sync-config.json';
export const SYNC_CONFIG_PATH = `/var/task/${SYNC_CONFIG_FILE_NAME}`;
/** The sync function's template Metadata key holding a readable copy of the shipped config, for `cdk diff`. */
export const SYNC_CONFIG_METADATA_KEY = 'ShippedSyncConfig';

/**
 * The stage's sync config as it ships inside the sync Lambda's bundle (docs/decisions/0003): the
 * file named by `syncConfigFile`, with the stage's mail settings and hours back laid over it, and
 * validated here so a bad config fails `cdk synth`, not the first cold start.
 */
export function shippedSyncConfig(settings: StageSettings, projectRoot: string): string {
  const file = isAbsolute(settings.syncConfigFile)
    ? settings.syncConfigFile
    : join(projectRoot, settings.syncConfigFile);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const notifications = (raw.notifications ?? {}) as Record<string, unknown>;
  const sync = (raw.sync ?? {}) as Record<string, unknown>;
  const merged = {
    ...raw,
    notifications: { ...notifications, from: settings.mail.sender, to: settings.mail.recipients },
    sync: { ...sync, hoursBack: settings.hoursBack },
  };
  const parsed = parseSyncConfig(merged, `syncConfigFile (${file})`);
  // A live invocation must never outlive its event lease, or a second holder could write the same order.
  const minimumLease = syncDefinition.timeout.toSeconds() + 60;
  if (parsed.sync.leaseSeconds < minimumLease) {
    throw new Error(
      `syncConfigFile (${file}): invalid field "sync.leaseSeconds": must be at least ${minimumLease} ` +
        `(the sync Lambda timeout plus a minute), got ${parsed.sync.leaseSeconds}`,
    );
  }
  return JSON.stringify(merged);
}
