import { createHash } from 'node:crypto';
import { CONSOLE_PAGE_TEMPLATE } from './console-page';
import { CONSOLE_SCRIPT } from './console-script';
import { CONSOLE_STYLES } from './console-styles';

export interface ConsoleAsset {
  contentType: string;
  body: string;
  /** Strong validator: the content's hash. */
  etag: string;
  /** The page is revalidated on every load; the script and styles are named by their hash, so kept. */
  cacheControl: string;
}

const hashOf = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);

const version = hashOf(CONSOLE_SCRIPT + CONSOLE_STYLES);
const immutable = 'public, max-age=31536000, immutable';

const asset = (contentType: string, body: string, cacheControl: string): ConsoleAsset => ({
  contentType,
  body,
  etag: `"${hashOf(body)}"`,
  cacheControl,
});

/** The console's files by the name after `/console/` ('' is the page itself). */
export const consoleAssets: ReadonlyMap<string, ConsoleAsset> = new Map([
  [
    '',
    asset('text/html; charset=utf-8', CONSOLE_PAGE_TEMPLATE.replaceAll('{{version}}', version), 'no-cache'),
  ],
  ['app.js', asset('text/javascript; charset=utf-8', CONSOLE_SCRIPT, immutable)],
  ['app.css', asset('text/css; charset=utf-8', CONSOLE_STYLES, immutable)],
]);
