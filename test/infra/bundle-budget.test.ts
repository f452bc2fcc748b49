import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { loadConsoleFiles } from '#functions/sync/console/console-files';
import { type FunctionDefinition, syncDefinition, verifierDefinition } from '../../lib/function-definitions';
import { bundleSettings, esbuildOptionsFor } from '../../lib/lambda-function';
import { projectRoot } from '../../lib/project-root';

const KB = 1024;

interface Bundle {
  js: string;
  /** Source files that put at least one byte into the bundle. */
  inputs: string[];
}

const bundles = new Map<FunctionDefinition, Promise<Bundle>>();

/** The real esbuild output of an entry, built exactly as the construct builds it (once per file). */
function built(definition: FunctionDefinition): Promise<Bundle> {
  let result = bundles.get(definition);
  if (!result) {
    const options = esbuildOptionsFor(join(projectRoot, definition.entry), definition.awsSdk);
    result = build({ ...options, metafile: true }).then(({ outputFiles, metafile }) => {
      const output = outputFiles?.find((file) => file.path.endsWith('.mjs'));
      const meta = Object.values(metafile?.outputs ?? {}).find((o) => o.entryPoint !== undefined);
      if (!output || !meta) throw new Error(`esbuild produced no .mjs for ${definition.entry}`);
      const inputs = Object.entries(meta.inputs).filter(([, input]) => input.bytesInOutput > 0);
      return { js: output.text, inputs: inputs.map(([path]) => path) };
    });
    bundles.set(definition, result);
  }
  return result;
}

const bundle = async (definition: FunctionDefinition): Promise<string> => (await built(definition)).js;

/** What the asset ships: index.mjs, plus the console's script and styles beside it when it serves them. */
async function shippedBytes(definition: FunctionDefinition): Promise<number> {
  const files = definition.console ? await loadConsoleFiles() : { script: '', styles: '' };
  return [await bundle(definition), files.script, files.styles].reduce(
    (sum, text) => sum + Buffer.byteLength(text),
    0,
  );
}

/**
 * Measured sizes + about 5–10 %. Measured on 2026-11-29 with namespace zod imports (`import * as z`,
 * which lets esbuild drop zod's locales) and Powertools Logger:
 * - verifier 461,776 B with its SDK clients bundled (docs/decisions/0010-verifier-bundles-its-sdk-clients.md;
 *   72,891 B when they came from the runtime);
 * - sync 1,040,340 B: 913,872 B before this round, then the money saga and read-back, preflight and
 *   drift, the operator API and the console's page, script and styles (~40 KB of text; since
 *   docs/decisions/0014 the script and styles are files beside index.mjs, counted here too) — the sync
 *   function serves no latency-critical answer, so its budget guards against accidents (a dependency
 *   pulled in whole), not against growth by features. 1,134,604 B on 2026-12-08 with issue 21 (the
 *   planned, fanned-out run and its consumers, the shared read-back, the first-use modules' wrappers);
 *   what a queue message's cold start evaluates has its own budget (test/infra/sync-cold-start.test.ts).
 * Lower a budget when a new measurement allows it.
 */
const VERIFIER_BUDGET = 500 * KB;
const SYNC_BUDGET = 1_200 * KB;

describe('bundle size budgets (minified, as shipped)', () => {
  it('keeps the webhook verifier within 500 KB: its cold start is the webhook’s latency', async () => {
    const js = await bundle(verifierDefinition);
    expect(Buffer.byteLength(js)).toBeLessThanOrEqual(VERIFIER_BUDGET);
  });

  it('keeps the sync function within 1,200 KB, AWS SDK and the console’s files included', async () => {
    expect(await shippedBytes(syncDefinition)).toBeLessThanOrEqual(SYNC_BUDGET);
  });

  it('leaves the console out of the sync bundle: it ships as files read on the first console request', async () => {
    const { js, inputs } = await built(syncDefinition);
    expect(inputs.filter((path) => path.includes('functions/sync/console/app/'))).toEqual([]);
    expect(inputs.filter((path) => path.includes('node_modules/esbuild/'))).toEqual([]);
    expect(js).not.toContain('Could not load this page');
  });

  it('ships zod’s English messages only, not its sixty-odd other locales', async () => {
    // A named import (`import { z } from 'zod'`) keeps every locale; `import * as z` lets esbuild drop them.
    for (const definition of [verifierDefinition, syncDefinition]) {
      const locales = (await built(definition)).inputs.filter((path) => path.includes('zod/v4/locales/'));
      // locales/index.js may add its few bytes of module wrapper (the sync's lazily evaluated modules); it holds no messages.
      expect(locales.filter((path) => !path.endsWith('/en.js') && !path.endsWith('/index.js'))).toEqual([]);
    }
  });

  it('opens both bundles with the createRequire banner', async () => {
    const banner = bundleSettings('bundled').banner;
    for (const definition of [verifierDefinition, syncDefinition]) {
      expect((await bundle(definition)).startsWith(banner)).toBe(true);
    }
  });

  it('needs nothing from the runtime but Node’s built-ins: the verifier’s SDK clients are bundled', async () => {
    const js = await bundle(verifierDefinition);
    const bareImports = [...js.matchAll(/from"([^"./][^"]*)"/g)].map(([, name]) => name ?? '');
    expect(bareImports.filter((name) => !/^(node:|module$)/.test(name))).toEqual([]);
    expect(js).not.toMatch(/(from|import\()"@(aws-sdk|smithy)\//);
  });

  it('bundles the verifier’s three SDK client packages from their ESM builds, and not lib-dynamodb', async () => {
    const packages = new Set(
      (await built(verifierDefinition)).inputs
        .map((path) => /node_modules\/(@aws-sdk\/[a-z0-9-]+)\/dist-(es|cjs)\//.exec(path))
        .filter((match) => match !== null)
        .map(([, name, flavour]) => `${name} ${flavour}`),
    );
    for (const client of ['client-dynamodb', 'client-secrets-manager', 'client-sqs']) {
      expect(packages).toContain(`@aws-sdk/${client} es`);
    }
    expect([...packages].filter((p) => p.startsWith('@aws-sdk/lib-dynamodb'))).toEqual([]);
  });
});
