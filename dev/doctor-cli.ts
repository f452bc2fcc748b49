// `npm run doctor [-- --write-test-order] [--json] [--save DIR]` (docs/doctor.md): checks every
// assumption against the vendors the deployment uses. Exit 0: nothing failed; 1: a check failed
// (the table names it); 2: bad usage or it could not run.
import { existsSync } from 'node:fs';
import { describeError } from '#functions/core/domain/errors';
import { formatDoctorTable, parseDoctorArgs, runDoctorCommand } from './doctor-command';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
if (existsSync('.env')) process.loadEnvFile('.env');

try {
  const request = parseDoctorArgs(process.argv.slice(2));
  const run = await runDoctorCommand(request, process.env);
  process.stdout.write(
    request.json ? `${JSON.stringify(run.report, null, 2)}\n` : formatDoctorTable(run.report),
  );
  if (run.savedFiles !== undefined)
    process.stderr.write(`saved ${run.savedFiles} responses to ${request.saveDir}\n`);
  if (run.storedIn !== undefined) process.stderr.write(`report kept for the console in ${run.storedIn}\n`);
  process.exitCode = run.exitCode;
} catch (e: unknown) {
  process.stderr.write(`doctor: ${describeError(e)}\n`);
  process.exitCode = 2;
}
