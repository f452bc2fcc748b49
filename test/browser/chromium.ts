import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

/** Debian's `chromium` package, used when the machine has it. Playwright's own download is never used. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Where the Chromium comes from: `CHROMIUM_PATH`, else the system's, else the dev dependency's. */
export type ChromiumSource = 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';

export function chromiumExecutable({
  env = process.env,
  systemChromium = SYSTEM_CHROMIUM,
}: {
  env?: NodeJS.ProcessEnv;
  systemChromium?: string;
} = {}): { path: string; source: ChromiumSource } {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH=${configured}: no such file`);
    return { path: configured, source: 'CHROMIUM_PATH' };
  }
  if (existsSync(systemChromium)) return { path: systemChromium, source: 'system' };
  return { path: unpackedServerlessChromium(), source: '@sparticuz/chromium' };
}

/**
 * @sparticuz/chromium (a dev dependency) ships a Brotli-packed headless Chromium, so `npm ci && npm
 * test` needs no apt. Its executablePath() unpacks into os.tmpdir() and reuses whatever `chromium`
 * file it finds there, whichever version or half-written: so it runs in a child whose TMPDIR is a
 * fresh folder, renamed into a folder named for the version only once complete. Another test run
 * (or another checkout on this machine) then reuses it, or loses the rename race and uses the winner's.
 */
function unpackedServerlessChromium(): string {
  // The npm package holds the x64 build only (its README: arm64 comes as a separate download).
  if (process.arch !== 'x64')
    throw new Error(
      `No Chromium for the browser tests: @sparticuz/chromium has no ${process.arch} build; ` +
        `apt-get install -y chromium, or set CHROMIUM_PATH`,
    );
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8'));
  const folder = join(tmpdir(), `sparticuz-chromium-${version}`);
  const binary = join(folder, 'chromium');
  if (existsSync(binary)) return binary;
  const staging = mkdtempSync(`${folder}-`);
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { default: c } = await import(${JSON.stringify(pathToFileURL(entry).href)}); await c.executablePath();`,
    ],
    { env: { ...process.env, TMPDIR: staging }, stdio: 'inherit' },
  );
  try {
    renameSync(staging, folder);
  } catch (e: unknown) {
    if (!existsSync(binary)) throw e;
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

/**
 * Headless Chromium with everything that would reach the network on its own turned off. The same
 * flags for every source: not @sparticuz/chromium's `args`, whose --disable-web-security and
 * --single-process would loosen exactly what the console tests check (CSP, one page per tab).
 * --no-sandbox: the tests run as root here and in CI, where Chromium's sandbox refuses to start.
 */
export async function launchChromium(): Promise<Browser> {
  return await chromium.launch({
    executablePath: chromiumExecutable().path,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
