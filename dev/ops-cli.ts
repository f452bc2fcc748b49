// `npm run ops -- <command>`: the operator API from a terminal (see dev/ops-command.ts for the
// commands and exit codes). Tables on stdout, `--json` for scripts; log lines on stderr.
import { existsSync } from 'node:fs';
import { runOpsCommand } from './ops-command';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
if (existsSync('.env')) process.loadEnvFile('.env');

const { exitCode, output } = await runOpsCommand(process.argv.slice(2), process.env);
(exitCode >= 2 ? process.stderr : process.stdout).write(output);
process.exitCode = exitCode;
