import { spawnSync } from 'node:child_process';

/**
 * Runs a command-line entry (`dev/<name>-cli.ts`) as a person would, in a child process whose
 * environment names no vendor, config or ledger unless `env` does: what the shell running the tests
 * happens to hold must not decide which vendors a CLI test talks to.
 */
export function runCli(script: string, args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) =>
        !k.startsWith('TRIPLESEAT_') &&
        !k.startsWith('REVEL_') &&
        !['SYNC_CONFIG', 'LEDGER_TABLE', 'DYNAMODB_ENDPOINT'].includes(k),
    ),
  );
  return spawnSync('npx', ['tsx', script, ...args], {
    env: { ...clean, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}
