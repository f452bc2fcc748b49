// Cold start: each built bundle's size and the time a fresh `node` takes to import it, beside a bare
// `node` start. Built exactly as test/infra/bundle-budget.test.ts and the CDK construct build them
// (lib/lambda-function.ts), plus the verifier with its SDK clients left to the runtime, as it shipped
// before docs/decisions/0010-verifier-bundles-its-sdk-clients.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { syncDefinition, verifierDefinition } from '../lib/function-definitions';
import { type AwsSdkSource, esbuildOptionsFor } from '../lib/lambda-function';
import { projectRoot } from '../lib/project-root';
import { childNode } from './support/child-node';
import { type BenchRow, median } from './table';

/** Inside the worktree (gitignored), so an external `@aws-sdk/*` import resolves to node_modules. */
const OUT_DIR = join(projectRoot, '.local', 'bench');

export interface BuiltBundle {
  name: string;
  path: string;
  bytes: number;
}

export async function buildBundle(name: string, entry: string, awsSdk: AwsSdkSource): Promise<BuiltBundle> {
  const dir = join(OUT_DIR, name);
  mkdirSync(dir, { recursive: true });
  const { outputFiles } = await build(esbuildOptionsFor(join(projectRoot, entry), awsSdk));
  const js = outputFiles?.find((file) => file.path.endsWith('.mjs'));
  if (!js) throw new Error(`esbuild produced no .mjs for ${entry}`);
  const path = join(dir, 'index.mjs');
  writeFileSync(path, js.contents);
  return { name, path, bytes: js.contents.byteLength };
}

/** Wall time of one fresh `node` process running `args`, in ms. */
function run(args: string[]): number {
  const started = performance.now();
  const child = spawnSync(childNode(), args, {
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NODE_OPTIONS: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${child.stderr.toString()}`);
  return ms;
}

export interface ColdStart {
  rows: BenchRow[];
  /** The verifier both ways, for docs/decisions/0010. */
  verifier: { runtimeSdk: { bytes: number; initMs: number }; bundledSdk: { bytes: number; initMs: number } };
}

export async function benchColdStart(quick: boolean): Promise<ColdStart> {
  const bundles = [
    await buildBundle('verifier', verifierDefinition.entry, verifierDefinition.awsSdk),
    await buildBundle('verifier-runtime-sdk', verifierDefinition.entry, 'runtime'),
    await buildBundle('sync', syncDefinition.entry, syncDefinition.awsSdk),
  ];
  const rounds = quick ? 10 : 15;
  const bare: number[] = [];
  const times = new Map<string, number[]>(bundles.map((b) => [b.name, []]));
  run(['-e', '']); // the first start fills the OS file cache
  for (const bundle of bundles) run([bundle.path]);
  // Interleaved, so a burst of load on the shared machine hits every variant alike.
  for (let i = 0; i < rounds; i++) {
    bare.push(run(['-e', '']));
    for (const bundle of bundles) times.get(bundle.name)?.push(run([bundle.path]));
  }
  const bareMs = median(bare);
  const init = (name: string) => median(times.get(name) ?? []) - bareMs;
  const size = (name: string) => bundles.find((b) => b.name === name)?.bytes ?? 0;
  const kb = (bytes: number) => bytes / 1024;
  const rows: BenchRow[] = [
    {
      what: `cold start: verifier (as shipped: SDK clients bundled), median of ${rounds}`,
      aLabel: 'bare node',
      a: bareMs,
      bLabel: 'node + import',
      b: bareMs + init('verifier'),
      unit: 'ms',
      note: `init ${init('verifier').toFixed(0)} ms (target < 150 ms); bundle ${kb(size('verifier')).toFixed(1)} KB`,
    },
    {
      what: `cold start: sync (SDK bundled, as shipped), median of ${rounds}`,
      aLabel: 'bare node',
      a: bareMs,
      bLabel: 'node + import',
      b: bareMs + init('sync'),
      unit: 'ms',
      note: `init ${init('sync').toFixed(0)} ms; bundle ${kb(size('sync')).toFixed(1)} KB`,
    },
    {
      what: 'verifier bundle size: SDK clients from the runtime vs bundled (tree-shaken ESM)',
      aLabel: 'runtime SDK',
      a: kb(size('verifier-runtime-sdk')),
      bLabel: 'bundled SDK',
      b: kb(size('verifier')),
      unit: 'KB',
    },
    {
      what: 'verifier init above bare node: SDK clients from the runtime vs bundled',
      aLabel: 'runtime SDK',
      a: init('verifier-runtime-sdk'),
      bLabel: 'bundled SDK',
      b: init('verifier'),
      unit: 'ms',
      note: 'locally the runtime SDK is node_modules’ copy',
    },
  ];
  return {
    rows,
    verifier: {
      runtimeSdk: { bytes: size('verifier-runtime-sdk'), initMs: init('verifier-runtime-sdk') },
      bundledSdk: { bytes: size('verifier'), initMs: init('verifier') },
    },
  };
}
