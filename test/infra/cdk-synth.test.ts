import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConsoleFiles } from '#functions/sync/console/console-files';
import { bundleSettings } from '../../lib/lambda-function';
import { projectRoot } from '../../lib/project-root';
import { SYNC_CONFIG_FILE_NAME, shippedSyncConfig } from '../../lib/shipped-sync-config';
import { loadStageSettings } from '../../lib/stage-settings';

/**
 * The suite's one real `cdk synth`: the CLI, cdk.json's app, bundling, CloudFormation validation
 * and cdk-nag, with no AWS credentials in sight (~10 s). Every other infra test skips the slow parts.
 */
const outdir = mkdtempSync(join(tmpdir(), 'cdk-synth-'));
let run: ReturnType<typeof spawnSync>;

beforeAll(() => {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|PROFILE)|CDK_VALIDATION)$/.test(key),
    ),
  );
  run = spawnSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', outdir], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: {
      ...env,
      AWS_EC2_METADATA_DISABLED: 'true',
      CDK_DISABLE_VERSION_CHECK: 'true',
      CDK_DISABLE_CLI_TELEMETRY: 'true',
    },
  });
}, 180_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

function assetDirs(): string[] {
  return readdirSync(outdir)
    .filter((name) => name.startsWith('asset.'))
    .map((name) => join(outdir, name));
}

describe('npx cdk synth on a machine without AWS credentials', () => {
  it('exits 0', () => {
    expect(run.stderr).not.toMatch(/Validation failed/);
    expect(run.status).toBe(0);
  });

  it('reports no cdk-nag finding and no warning', () => {
    expect(run.stderr).not.toMatch(/AwsSolutions-|\[Warning|\[Error/);
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports).toEqual([]);
  });

  it('bundles both functions as ES modules opening with the createRequire banner', () => {
    const bundles = assetDirs().map((dir) => readFileSync(join(dir, 'index.mjs'), 'utf8'));
    expect(bundles).toHaveLength(2);
    for (const js of bundles) expect(js.startsWith(bundleSettings('bundled').banner)).toBe(true);
    for (const dir of assetDirs()) expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
  });

  it('ships the dev stage’s validated sync config inside the sync bundle', () => {
    const withConfig = assetDirs().filter((dir) => existsSync(join(dir, SYNC_CONFIG_FILE_NAME)));
    expect(withConfig).toHaveLength(1);
    const shipped = readFileSync(join(withConfig[0] as string, SYNC_CONFIG_FILE_NAME), 'utf8');
    expect(shipped).toBe(shippedSyncConfig(loadStageSettings(projectRoot, 'dev'), projectRoot));
  });

  it('ships the console’s script and styles beside the sync bundle, as built from their sources', async () => {
    const withConsole = assetDirs().filter((dir) => existsSync(join(dir, 'console', 'app.js')));
    expect(withConsole).toEqual(assetDirs().filter((dir) => existsSync(join(dir, SYNC_CONFIG_FILE_NAME))));
    const dir = withConsole[0] as string;
    const fromSource = await loadConsoleFiles();
    expect(readFileSync(join(dir, 'console', 'app.js'), 'utf8')).toBe(fromSource.script);
    expect(readFileSync(join(dir, 'console', 'app.css'), 'utf8')).toBe(fromSource.styles);
  });
});
