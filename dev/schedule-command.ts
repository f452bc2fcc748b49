import { parseArgs } from 'node:util';
import { InputError } from '#functions/core/domain/errors';
import { localDefaults } from './local-defaults';

export const usage = 'usage: npm run schedule [-- --url http://127.0.0.1:3000]';

/** The running gateway's `/__local/schedule`: from --url, else PORT, else the default port. */
export function parseScheduleArgs(argv: readonly string[], env: Record<string, string | undefined>): string {
  let url: string | undefined;
  try {
    ({ url } = parseArgs({ args: [...argv], options: { url: { type: 'string' } } }).values);
  } catch (e: unknown) {
    throw new InputError('arguments', `${e instanceof Error ? e.message : String(e)}\n${usage}`);
  }
  const base = (url ?? `http://127.0.0.1:${env.PORT || localDefaults.port}`).replace(/\/+$/, '');
  if (!URL.canParse(base)) throw new InputError('url', `--url must be a URL, got "${url}"\n${usage}`);
  return base.endsWith('/__local/schedule') ? base : `${base}/__local/schedule`;
}

/** Fires one scheduled run in the running local runtime (as EventBridge would) and returns its result. */
export async function fireSchedule(
  url: string,
  fetchFn: typeof fetch = fetch,
): Promise<{ status: number; body: unknown }> {
  const response = await fetchFn(url, { method: 'POST' });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page, say): shown as text.
  }
  return { status: response.status, body };
}
