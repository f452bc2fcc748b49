import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findSampleFolders } from '../../dev/samples/sample-manifest';
import { readSample } from '../../dev/samples/sample-readers';

const root = fileURLToPath(new URL('./vendor-samples', import.meta.url));
const folders = findSampleFolders(root);

describe('public vendor samples', () => {
  it('are all listed in a manifest, for both vendors', () => {
    expect(new Set(folders.map((f) => f.manifest.vendor))).toEqual(new Set(['tripleseat', 'revel']));
  });

  for (const { dir, manifest } of folders) {
    for (const sample of manifest.samples) {
      it(`${manifest.vendor} ${sample.kind} ${sample.file} reads as its manifest says (${sample.reader})`, async () => {
        const text = readFileSync(join(dir, sample.file), 'utf8');
        expect(await readSample(sample.reader, text)).toMatchObject(sample.expect);
      });
    }
  }
});
