import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CONSOLE_ENTRY,
  CONSOLE_OUTPUT_DIR,
  CONSOLE_SCRIPT_FILE,
  CONSOLE_STYLES,
  CONSOLE_STYLES_FILE,
  consoleBuildSettings,
} from './console-build';

/** The console's built script and style sheet, as served. */
export interface ConsoleFiles {
  script: string;
  styles: string;
}

const isMissing = (e: unknown): boolean => (e as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/**
 * In the Lambda: `console/app.js` and `console/app.css` beside index.mjs, written there when the asset
 * is bundled (lib/lambda-function.ts). Undefined when they are not there: the code runs from source.
 */
async function besideBundle(): Promise<ConsoleFiles | undefined> {
  const folder = fileURLToPath(new URL(`./${CONSOLE_OUTPUT_DIR}/`, import.meta.url));
  try {
    const [script, styles] = await Promise.all([
      readFile(join(folder, CONSOLE_SCRIPT_FILE), 'utf8'),
      readFile(join(folder, CONSOLE_STYLES_FILE), 'utf8'),
    ]);
    return { script, styles };
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw e;
  }
}

/** From source (`npm start`, vitest, the bench): esbuild, a dev dependency the Lambda bundle leaves out. */
async function fromSource(): Promise<ConsoleFiles> {
  // A specifier esbuild does not follow: the Lambda bundle never holds esbuild (it reads the files above).
  const esbuildModule = 'esbuild';
  const { build }: typeof import('esbuild') = await import(esbuildModule);
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const [built, styles] = await Promise.all([
    build({
      ...consoleBuildSettings,
      entryPoints: [join(root, CONSOLE_ENTRY)],
      absWorkingDir: root,
      write: false,
      logLevel: 'silent',
    }),
    readFile(join(root, CONSOLE_STYLES), 'utf8'),
  ]);
  const script = built.outputFiles[0]?.text;
  if (script === undefined) throw new Error(`esbuild produced no script for ${CONSOLE_ENTRY}`);
  return { script, styles };
}

/** The console's files: read on the first console request, not at cold start. */
export async function loadConsoleFiles(): Promise<ConsoleFiles> {
  return (await besideBundle()) ?? (await fromSource());
}
