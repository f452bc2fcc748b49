import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { syncDefinition } from '../../lib/function-definitions';
import { esbuildOptionsFor } from '../../lib/lambda-function';
import { projectRoot } from '../../lib/project-root';

const KB = 1024;

interface SyncBundle {
  /** Every source file with bytes in the bundle, and those bytes. */
  all: Map<string, number>;
  /** Those evaluated when the bundle is imported: reachable from the entry without a dynamic `import()`. */
  atInit: Set<string>;
}

/** The sync bundle built as the construct builds it, with esbuild's record of every import and its kind. */
async function syncBundle(): Promise<SyncBundle> {
  const options = esbuildOptionsFor(join(projectRoot, syncDefinition.entry), syncDefinition.awsSdk);
  const { metafile } = await build({ ...options, metafile: true });
  const output = Object.values(metafile?.outputs ?? {}).find((o) => o.entryPoint !== undefined);
  if (!metafile || !output?.entryPoint) throw new Error('esbuild produced no entry output');
  const all = new Map(
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path, input]) => [path, input.bytesInOutput]),
  );
  return { all, atInit: staticallyReachable(metafile, output.entryPoint) };
}

function staticallyReachable(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const imported of metafile.inputs[file]?.imports ?? []) {
      if (imported.external || imported.kind === 'dynamic-import' || seen.has(imported.path)) continue;
      seen.add(imported.path);
      queue.push(imported.path);
    }
  }
  return seen;
}

const bundle = syncBundle();

/** What only the schedule, the HTTP routes (operator API, console, manual route), drift or an invoice page need. */
const LOADED_ON_FIRST_USE = [
  'functions/sync/schedule-handler.ts',
  'functions/sync/http-handler.ts',
  'functions/sync/http/',
  'functions/sync/console/',
  'functions/core/ops/',
  'functions/core/preflight/',
  'functions/core/bulk/run-scheduled-sync.ts',
  'functions/core/bulk/run-queued-bulk-sync.ts',
  'functions/core/engine/watch-drift.ts',
  'functions/core/drift/append-missing.ts',
  'functions/core/drift/append-payments.ts',
  'functions/core/drift/update-notes.ts',
  'functions/core/notify/drift-alerts.ts',
  'functions/tripleseat/invoice-parser.ts',
  'node_modules/cheerio/',
  'node_modules/entities/',
];

/**
 * Measured 2026-12-08: 634 KB of the 1,045 KB bundle is evaluated at a cold start (all of it before;
 * the rest is the modules above and the SDK's own lazily loaded credential providers). A budget with
 * ~5 % room, against a change that pulls a first-use module back in.
 */
const AT_INIT_BUDGET = 665 * KB;

/** The runtime settings layered over the config apply to every invocation (functions/sync/runtime-overrides.ts). */
const NEEDED_AT_INIT = ['functions/core/ops/runtime-config.ts'];

describe('the sync function’s cold start (one bundle, modules evaluated on first use)', () => {
  it('evaluates none of the schedule, HTTP, operator API, console, preflight or invoice-parser code at init', async () => {
    const { atInit } = await bundle;
    const early = [...atInit].filter(
      (path) => LOADED_ON_FIRST_USE.some((part) => path.includes(part)) && !NEEDED_AT_INIT.includes(path),
    );
    expect(early).toEqual([]);
  });

  it('still carries every one of them in the bundle, for their first use', async () => {
    const { all } = await bundle;
    for (const part of LOADED_ON_FIRST_USE)
      expect(
        [...all.keys()].some((path) => path.includes(part)),
        part,
      ).toBe(true);
  });

  it(`evaluates at most ${AT_INIT_BUDGET / KB} KB of the bundle when a queue message starts it`, async () => {
    const { all, atInit } = await bundle;
    const bytes = [...all].filter(([path]) => atInit.has(path)).reduce((sum, [, b]) => sum + b, 0);
    expect(bytes).toBeLessThanOrEqual(AT_INIT_BUDGET);
  });
});
