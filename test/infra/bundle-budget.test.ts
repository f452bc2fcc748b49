import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { type FunctionDefinition, syncDefinition, verifierDefinition } from '../../lib/function-definitions';
import { bundleSettings, esbuildOptionsFor } from '../../lib/lambda-function';
import { projectRoot } from '../../lib/project-root';

const KB = 1024;

const bundles = new Map<FunctionDefinition, Promise<string>>();

/** The real esbuild output of an entry, built exactly as the construct builds it (once per file). */
function bundle(definition: FunctionDefinition): Promise<string> {
  let js = bundles.get(definition);
  if (!js) {
    js = build(esbuildOptionsFor(join(projectRoot, definition.entry), definition.awsSdk)).then((result) => {
      const output = result.outputFiles?.find((file) => file.path.endsWith('.mjs'));
      if (!output) throw new Error(`esbuild produced no .mjs for ${definition.entry}`);
      return output.text;
    });
    bundles.set(definition, js);
  }
  return js;
}

describe('bundle size budgets (minified, as shipped)', () => {
  it('keeps the webhook verifier within 300 KB: its cold start is the webhook’s latency', async () => {
    const js = await bundle(verifierDefinition);
    expect(Buffer.byteLength(js)).toBeLessThanOrEqual(300 * KB);
  });

  it('keeps the sync function within 1.5 MB, AWS SDK included', async () => {
    const js = await bundle(syncDefinition);
    expect(Buffer.byteLength(js)).toBeLessThanOrEqual(1.5 * 1024 * KB);
  });

  it('opens both bundles with the createRequire banner', async () => {
    const banner = bundleSettings('bundled').banner;
    for (const definition of [verifierDefinition, syncDefinition]) {
      expect((await bundle(definition)).startsWith(banner)).toBe(true);
    }
  });

  it('leaves the verifier’s AWS SDK imports to the runtime and bundles everything else', async () => {
    const js = await bundle(verifierDefinition);
    const bareImports = [...js.matchAll(/from"([^"./][^"]*)"/g)].map(([, name]) => name);
    expect(bareImports.length).toBeGreaterThan(0);
    for (const name of bareImports) expect(name).toMatch(/^(@aws-sdk\/|@smithy\/|node:|module$)/);
  });

  it('needs only SDK client packages from the runtime, not lib-dynamodb', async () => {
    const js = await bundle(verifierDefinition);
    const sdkImports = new Set([...js.matchAll(/"(@aws-sdk\/[a-z0-9-]+)"/g)].map(([, name]) => name));
    expect([...sdkImports].sort()).toEqual([
      '@aws-sdk/client-dynamodb',
      '@aws-sdk/client-secrets-manager',
      '@aws-sdk/client-sqs',
    ]);
  });
});
