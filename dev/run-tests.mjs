// Runs the whole vitest suite and closes with one line CI reads: "N passed, N failed".
// Extra arguments go to vitest (e.g. `npm test -- test/unit`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// vitest runs on this very Node (process.execPath), not on whichever `node` an `npx` shim would
// find: under `npm test` that is the Node 22 `npm ci` put in node_modules/.bin (README, Quick start).
const vitestPackage = createRequire(import.meta.url).resolve('vitest/package.json');
const vitestBin = join(dirname(vitestPackage), JSON.parse(readFileSync(vitestPackage, 'utf8')).bin.vitest);
console.log(`vitest on Node ${process.version} (${process.execPath})`);

const report = '.local/vitest-report.json';
mkdirSync('.local', { recursive: true });
rmSync(report, { force: true });
const run = spawnSync(
  process.execPath,
  [
    vitestBin,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
  // A suite that failed to load counts as a failure even though it ran no test.
  for (const suite of results.testResults ?? [])
    if (suite.status === 'failed' && suite.assertionResults.length === 0) failed += 1;
} catch {
  failed = Math.max(failed, 1);
}
const code = run.status ?? 1;
if (code !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(code);
