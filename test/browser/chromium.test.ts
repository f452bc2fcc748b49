import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { chromiumExecutable } from './chromium';

const NO_SYSTEM_CHROMIUM = '/nonexistent/chromium';

describe('the Chromium the browser tests drive', () => {
  it('is the one CHROMIUM_PATH names, when set', () => {
    const chosen = chromiumExecutable({ env: { CHROMIUM_PATH: process.execPath } });
    expect(chosen).toEqual({ path: process.execPath, source: 'CHROMIUM_PATH' });
  });

  it('refuses a CHROMIUM_PATH that does not exist, naming it', () => {
    expect(() => chromiumExecutable({ env: { CHROMIUM_PATH: NO_SYSTEM_CHROMIUM } })).toThrow(
      `CHROMIUM_PATH=${NO_SYSTEM_CHROMIUM}: no such file`,
    );
  });

  it('is the system’s when the machine has one', () => {
    const chosen = chromiumExecutable({ env: {}, systemChromium: process.execPath });
    expect(chosen).toEqual({ path: process.execPath, source: 'system' });
  });

  it('is otherwise the dev dependency @sparticuz/chromium, unpacked once into a folder named for its version', () => {
    const chosen = chromiumExecutable({ env: {}, systemChromium: NO_SYSTEM_CHROMIUM });
    expect(chosen.source).toBe('@sparticuz/chromium');
    expect(chosen.path).toMatch(/sparticuz-chromium-\d+\.\d+\.\d+\/chromium$/);
    expect(chromiumExecutable({ env: {}, systemChromium: NO_SYSTEM_CHROMIUM })).toEqual(chosen);
    expect(execFileSync(chosen.path, ['--version'], { encoding: 'utf8' })).toMatch(/Chromium \d+/);
  }, 60_000);
});
