/**
 * How the console's browser files are built: app/main.ts bundled by esbuild into one script, and
 * app/app.css as it is. One source for both builds: the Lambda asset's (lib/lambda-function.ts runs
 * `consoleBuildArgs` with esbuild's CLI after bundling) and the in-memory one from source
 * (console-files.ts, when the code runs unbundled: `npm start`, vitest, the bench).
 */

/** The browser code's folder, relative to the project root. */
export const CONSOLE_APP_DIR = 'functions/sync/console/app';
export const CONSOLE_ENTRY = `${CONSOLE_APP_DIR}/main.ts`;
export const CONSOLE_STYLES = `${CONSOLE_APP_DIR}/app.css`;
/** Where the built files sit beside the Lambda's index.mjs. */
export const CONSOLE_OUTPUT_DIR = 'console';
export const CONSOLE_SCRIPT_FILE = 'app.js';
export const CONSOLE_STYLES_FILE = 'app.css';

/**
 * One script for the browsers the operators use, in strict mode like the modules it comes from (esbuild
 * says so at the top of an IIFE), readable in the browser's developer tools (not minified: ~38 KB,
 * cached a year by its hash).
 */
export const consoleBuildSettings = {
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  charset: 'utf8',
} as const;

/** The same settings as esbuild CLI arguments (the Lambda asset's build). */
export function consoleBuildArgs(entry: string, outfile: string): string[] {
  const s = consoleBuildSettings;
  return [
    entry,
    '--bundle',
    `--format=${s.format}`,
    `--platform=${s.platform}`,
    `--target=${s.target}`,
    `--charset=${s.charset}`,
    `--outfile=${outfile}`,
    '--log-level=warning',
  ];
}
