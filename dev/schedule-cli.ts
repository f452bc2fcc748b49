// `npm run schedule [-- --url <gateway>]`: one scheduled run now, in the runtime `npm start` runs.
// Prints the run's result JSON; exit 0 on 2xx, 1 otherwise, 2 on bad arguments.
import { describeError, InputError } from '#functions/core/domain/errors';
import { fireSchedule, parseScheduleArgs } from './schedule-command';

try {
  const url = parseScheduleArgs(process.argv.slice(2), process.env);
  try {
    const { status, body } = await fireSchedule(url);
    process.stdout.write(`${typeof body === 'string' ? body : JSON.stringify(body, null, 2)}\n`);
    process.exitCode = status >= 200 && status < 300 ? 0 : 1;
  } catch (e: unknown) {
    process.stderr.write(`schedule: cannot reach ${url} (is \`npm start\` running?): ${describeError(e)}\n`);
    process.exitCode = 1;
  }
} catch (e: unknown) {
  process.stderr.write(`schedule: ${describeError(e)}\n`);
  process.exitCode = e instanceof InputError ? 2 : 1;
}
