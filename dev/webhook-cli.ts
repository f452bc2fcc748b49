// `npm run webhook -- <eventId> [--trigger UPDATE_EVENT] [--envelope object|event|flat] [--url …] [--secret …] [--bad-signature]`
// Sends a correctly signed delivery to a running gateway (`npm start`), like `stripe trigger`.
// Prints the HTTP status and the JSON answer; exit 0 on 2xx, 1 otherwise, 2 on bad usage.
import { existsSync } from 'node:fs';
import { describeError, InputError } from '#functions/core/domain/errors';
import { parseWebhookArgs, sendWebhook } from './webhook-command';

if (existsSync('.env')) process.loadEnvFile('.env');

try {
  const send = parseWebhookArgs(process.argv.slice(2), process.env);
  const { status, body } = await sendWebhook(send);
  process.stdout.write(`HTTP ${status}\n${JSON.stringify(body, null, 2)}\n`);
  process.exitCode = status >= 200 && status < 300 ? 0 : 1;
} catch (e: unknown) {
  // fetch reports a refused connection as TypeError('fetch failed') with the reason in `cause`.
  const cause = e instanceof TypeError && e.cause instanceof Error ? `: ${e.cause.message}` : '';
  const hint = e instanceof TypeError ? `${cause} (is \`npm start\` running?)` : '';
  process.stderr.write(`webhook: ${describeError(e)}${hint}\n`);
  process.exitCode = e instanceof InputError ? 2 : 1;
}
