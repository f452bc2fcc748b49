import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../lib/project-root';

/** Where the benchmarks write their configs, outboxes and bundles (untracked). */
export const BENCH_OUT_DIR = join(projectRoot, '.local', 'bench');

/**
 * The example sync config at the bench's vendor rates, with no preflight so a run is the sync alone,
 * written as `<name>-sync-config.json`; answers its path.
 */
export function writeBenchSyncConfig(
  name: string,
  rates: { tripleseatPerSecond: number; revelPerSecond: number },
): string {
  const example = JSON.parse(readFileSync(join(projectRoot, 'config/sync.example.json'), 'utf8'));
  const path = join(BENCH_OUT_DIR, `${name}-sync-config.json`);
  mkdirSync(BENCH_OUT_DIR, { recursive: true });
  writeFileSync(
    path,
    JSON.stringify({ ...example, rateLimits: rates, preflight: { ...example.preflight, enabled: false } }),
  );
  return path;
}
