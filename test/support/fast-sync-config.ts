import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleConfigPath, localNotifications } from '../../dev/local-env';

/**
 * The example sync config with local notifications and vendor paces of 100 requests a second, written
 * to a temporary folder: for tests of many events whose subject is not the pace.
 */
export function writeFastSyncConfig(name: string): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `${name}-config-`));
  const example = JSON.parse(readFileSync(exampleConfigPath, 'utf8')) as Record<string, unknown>;
  const path = join(dir, `sync.${name}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      ...example,
      notifications: localNotifications,
      rateLimits: { tripleseatPerSecond: 100, revelPerSecond: 100 },
    }),
  );
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
