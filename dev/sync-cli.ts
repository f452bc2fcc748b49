// `npm run sync -- --event-id 55521609 [--dry-run]` | `npm run sync -- --hours-back 48`
// Prints the summary JSON on stdout; exit 0 when nothing failed, 1 when an event failed, 2 on bad input/config.
// `npm run sync -- --preflight [--days 7]`: prints the upcoming events' problems; exit 1 when there are any.
import { existsSync } from 'node:fs';
import { AppError, describeError } from '#functions/core/domain/errors';
import { parseSyncArgs, runPreflightCommand, runSyncCommand } from './sync-command';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
if (existsSync('.env')) process.loadEnvFile('.env');

try {
  const request = parseSyncArgs(process.argv.slice(2));
  if (request.preflight) {
    const check = await runPreflightCommand(request.preflight.days, process.env);
    process.stdout.write(`${JSON.stringify(check, null, 2)}\n`);
    process.exitCode = check.problems.length === 0 ? 0 : 1;
  } else {
    const summary = await runSyncCommand(request, process.env);
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    process.exitCode = summary.success ? 0 : 1;
  }
} catch (e: unknown) {
  process.stderr.write(`sync: ${describeError(e)}\n`);
  process.exitCode = e instanceof AppError && !e.retryable ? 2 : 1;
}
