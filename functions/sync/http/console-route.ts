import { CONSOLE_PATH } from '#functions/core/contract/routes';
import { consoleAssets } from '#functions/sync/console/console-assets';
import { type HttpResult, methodNotAllowed, notFound } from './http-response';

/**
 * Scripts, styles and API calls from this origin only: no inline script or style, no framing, no
 * plugins. The page keeps the operator token in sessionStorage, so a script injected from elsewhere
 * is what this policy is for.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PREFIX = `${CONSOLE_PATH}/`;

/** The file a path names, if it is the console's: `/console`, `/console/` or `/console/<file>`. */
function consoleFile(path: string): string | undefined {
  if (path === CONSOLE_PATH || path === PREFIX) return '';
  return path.startsWith(PREFIX) ? path.slice(PREFIX.length) : undefined;
}

/**
 * `GET` CONSOLE_PATH and CONSOLE_ASSET_PATH (core/contract/routes.ts): the operator console's static
 * files, without a token (the page asks for one; every API call it makes carries it). Undefined for
 * any other path, which the other routes answer. The files are loaded on the first console request
 * (console/console-assets.ts), so the sync function's cold start holds none of them.
 */
export async function answerConsole(
  method: string,
  path: string,
  ifNoneMatch: string | undefined,
  correlationId: string,
): Promise<HttpResult | undefined> {
  const file = consoleFile(path);
  if (file === undefined) return undefined;
  const asset = (await consoleAssets()).get(file);
  if (!asset) return notFound(correlationId);
  if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(['GET', 'HEAD'], correlationId);
  const headers = {
    'content-type': asset.contentType,
    'cache-control': asset.cacheControl,
    etag: asset.etag,
    'content-security-policy': CONSOLE_CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'x-correlation-id': correlationId,
  };
  if (ifNoneMatch?.split(',').some((tag) => tag.trim() === asset.etag)) return { statusCode: 304, headers };
  return { statusCode: 200, headers, body: method === 'HEAD' ? '' : asset.body };
}
