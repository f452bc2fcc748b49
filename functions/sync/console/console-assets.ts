import { createHash } from 'node:crypto';
import { buildOnce } from '#functions/middleware/composition';
import { type ConsoleFiles, loadConsoleFiles } from './console-files';
import { CONSOLE_PAGE_TEMPLATE } from './console-page';

export interface ConsoleAsset {
  contentType: string;
  body: string;
  /** Strong validator: the content's hash. */
  etag: string;
  /** The page is revalidated on every load; the script and styles are named by their hash, so kept. */
  cacheControl: string;
}

/** The console's files by the name after `/console/` ('' is the page itself). */
export type ConsoleAssets = ReadonlyMap<string, ConsoleAsset>;

const hashOf = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);

const immutable = 'public, max-age=31536000, immutable';

const asset = (contentType: string, body: string, cacheControl: string): ConsoleAsset => ({
  contentType,
  body,
  etag: `"${hashOf(body)}"`,
  cacheControl,
});

/** The page names the script and styles by their content's hash. */
export function consoleAssetsOf({ script, styles }: ConsoleFiles): ConsoleAssets {
  const version = hashOf(script + styles);
  return new Map([
    [
      '',
      asset('text/html; charset=utf-8', CONSOLE_PAGE_TEMPLATE.replaceAll('{{version}}', version), 'no-cache'),
    ],
    ['app.js', asset('text/javascript; charset=utf-8', script, immutable)],
    ['app.css', asset('text/css; charset=utf-8', styles, immutable)],
  ]);
}

/** Loaded on the first console request and kept; a failed load is tried again on the next. */
export const consoleAssets: () => Promise<ConsoleAssets> = buildOnce(async () =>
  consoleAssetsOf(await loadConsoleFiles()),
);
