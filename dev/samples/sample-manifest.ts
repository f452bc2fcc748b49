import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';

/**
 * A vendor sample as a fixture: a response or payload saved verbatim (or built from a public statement
 * of its shape), with where it came from, how real it is and what it must read as. A folder of samples
 * holds the files and one `manifest.json` listing them (test/contract/vendor-samples/README.md);
 * `npm run doctor -- --save DIR` writes the same format, so a real capture becomes a test by copying
 * its folder under test/contract/vendor-samples/.
 */
export const sampleKinds = ['captured', 'doc example', 'derived', 'model'] as const;
export type SampleKind = (typeof sampleKinds)[number];

export const sampleEntrySchema = z.object({
  /** The sample's file, beside the manifest. */
  file: z.string().min(1),
  kind: z.enum(sampleKinds),
  /** Public repository + path @ commit, a documentation page, or the doctor run that saved it. */
  source: z.string().min(1),
  /** Which reader reads it (dev/samples/sample-readers.ts). */
  reader: z.string().min(1),
  /** What the reader's output must contain (a deep partial match); `{ "error": {…} }` for a refusal. */
  expect: z.record(z.string(), z.unknown()),
  /** Why the sample matters, in a sentence. */
  note: z.string().optional(),
});
export type SampleEntry = z.infer<typeof sampleEntrySchema>;

export const sampleManifestSchema = z.object({
  vendor: z.enum(['tripleseat', 'revel']),
  samples: z.array(sampleEntrySchema),
});
export type SampleManifest = z.infer<typeof sampleManifestSchema>;

export const MANIFEST_FILE = 'manifest.json';

/** Every folder under `root` (itself included) that holds a manifest.json, with the manifest read. */
export function findSampleFolders(root: string): { dir: string; manifest: SampleManifest }[] {
  const found: { dir: string; manifest: SampleManifest }[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (name === MANIFEST_FILE) {
        found.push({ dir, manifest: sampleManifestSchema.parse(JSON.parse(readFileSync(path, 'utf8'))) });
      }
    }
  };
  visit(root);
  return found;
}
