// `npm start`: the whole system on one machine (see local-system.ts). A banner for people on stderr,
// `KEY=value` lines for scripts on stdout, JSON log lines on stderr; Ctrl-C stops everything.
import { ConfigError, describeError } from '#functions/core/domain/errors';
import { formatVariables, localBanner } from './local-banner';
import { loadDotEnv } from './local-env';
import { type LocalRuntime, startLocalRuntime } from './local-system';

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  loadDotEnv();
  let runtime: LocalRuntime;
  try {
    runtime = await startLocalRuntime();
  } catch (e: unknown) {
    const inUse = e instanceof Error && 'code' in e && e.code === 'EADDRINUSE';
    const hint = inUse ? ' (set PORT to another port, or 0 for any free one)' : '';
    process.stderr.write(`npm start: ${describeError(e)}${hint}\n`);
    process.exitCode = e instanceof ConfigError ? 2 : 1;
    return;
  }
  process.stderr.write(localBanner(runtime));
  process.stdout.write(formatVariables(runtime.variables));
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stderr.write(`${signal}: stopping (again to force)\n`);
    runtime.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

await main();
