import { execFileSync } from 'node:child_process';

/**
 * The `node` that runs what is measured in a child process (the cold starts, the sync child):
 * `BENCH_CHILD_NODE=/usr/bin/node npm run bench` measures those on another Node while the bench
 * itself (sandboxes, dynalite, fauxqs — which needs Node 22's `node:sqlite`) stays on the toolchain's.
 */
export const childNode = (): string => process.env.BENCH_CHILD_NODE || process.execPath;

export const childNodeVersion = (): string =>
  execFileSync(childNode(), ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
