import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { CONSOLE_APP_DIR, CONSOLE_ENTRY, consoleBuildSettings } from '#functions/sync/console/console-build';
import { loadConsoleFiles } from '#functions/sync/console/console-files';
import { esbuildOptionsFor } from '../../../../lib/lambda-function';
import { projectRoot } from '../../../../lib/project-root';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('the console’s files', () => {
  it('are built from source into one strict script, holding only the browser code of its own folder', async () => {
    const { metafile } = await build({
      ...consoleBuildSettings,
      entryPoints: [join(projectRoot, CONSOLE_ENTRY)],
      absWorkingDir: projectRoot,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain(CONSOLE_ENTRY);
    expect(inputs.filter((path) => !path.startsWith(`${CONSOLE_APP_DIR}/`))).toEqual([]);
    const { script, styles } = await loadConsoleFiles();
    expect(script.startsWith('"use strict";\n(() => {')).toBe(true);
    expect(styles).toContain(':focus-visible');
  });

  it('are read from beside the bundle when it ships them, as the Lambda does, without building anything', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'console-files-'));
    folders.push(folder);
    const entry = join(folder, 'entry.ts');
    const loader = relative(folder, join(projectRoot, 'functions/sync/console/console-files.ts'));
    writeFileSync(
      entry,
      `import { loadConsoleFiles } from '${loader}';\nconsole.log(JSON.stringify(await loadConsoleFiles()));\n`,
    );
    const options = esbuildOptionsFor(entry, 'bundled');
    await build({ ...options, write: true, outfile: join(folder, 'index.mjs') });
    mkdirSync(join(folder, 'console'));
    writeFileSync(join(folder, 'console', 'app.js'), 'shipped script');
    writeFileSync(join(folder, 'console', 'app.css'), 'shipped styles');
    const printed = execFileSync(process.execPath, [join(folder, 'index.mjs')], { encoding: 'utf8' });
    expect(JSON.parse(printed)).toEqual({ script: 'shipped script', styles: 'shipped styles' });
  });
});
