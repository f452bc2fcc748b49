import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedResponse } from '../doctor-recorder';
import { MANIFEST_FILE, type SampleEntry, type SampleManifest } from './sample-manifest';
import { readSample } from './sample-readers';
import { sanitiseJson } from './sanitise';

type Vendor = SampleManifest['vendor'];

/** Which of our readers reads a response, by its path; undefined: none does (not saved). */
function readerFor(vendor: Vendor, method: string, path: string): string | undefined {
  if (vendor === 'tripleseat') {
    if (path === '/oauth2/token') return 'tripleseat.token';
    if (/^\/v1\/events\/search(\.json)?$/.test(path)) return 'tripleseat.search';
    if (/^\/v1\/events\/\d+(\.json)?$/.test(path)) return 'tripleseat.event';
    return undefined;
  }
  if (/^\/resources\/Order\/(\d+\/)?$/.test(path) && (method !== 'GET' || /\d\/$/.test(path)))
    return 'revel.order';
  if (method !== 'GET') return 'revel.object';
  return /\/$/.test(path) && !/\/\d+\/$/.test(path) ? 'revel.list' : 'revel.object';
}

export interface CaptureOptions {
  origins: Record<Vendor, string>;
  /** Names the doctor run, e.g. `npm run doctor on acme.revelup.com at 2026-12-08T00:10:00Z`. */
  source: string;
  /** Credentials to strip wherever they appear (client secret, API key…). */
  secrets: readonly string[];
}

/**
 * Writes every JSON answer the doctor read as a sample folder per vendor (`<dir>/tripleseat/`,
 * `<dir>/revel/`), sanitised, each with a manifest (kind `captured`) whose `expect` is what our
 * readers made of it: copied under test/contract/vendor-samples/ it becomes a test.
 */
export async function writeCaptureFolder(
  dir: string,
  responses: readonly RecordedResponse[],
  options: CaptureOptions,
): Promise<{ files: number }> {
  const entries: Record<Vendor, SampleEntry[]> = { tripleseat: [], revel: [] };
  let files = 0;
  for (const response of responses) {
    const url = new URL(response.url);
    const vendor = (Object.keys(options.origins) as Vendor[]).find((v) => options.origins[v] === url.origin);
    if (!vendor || response.status < 200 || response.status >= 300) continue;
    if (!response.contentType.includes('json')) continue;
    const reader = readerFor(vendor, response.method, url.pathname);
    if (!reader) continue;
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      continue;
    }
    const text = `${JSON.stringify(sanitiseJson(body, options.secrets), null, 2)}\n`;
    const index = String(entries[vendor].length + 1).padStart(2, '0');
    const slug = url.pathname.replace(/^\/+|\/+$/g, '').replace(/[^A-Za-z0-9]+/g, '-');
    const file = `${index}-${response.method.toLowerCase()}-${slug}.json`;
    const folder = join(dir, vendor);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, file), text);
    files += 1;
    entries[vendor].push({
      file,
      kind: 'captured',
      source: `${options.source}: ${response.method} ${url.pathname}`,
      reader,
      expect: await readSample(reader, text),
      note: 'Saved by npm run doctor -- --save, sanitised (no guest contact, no tokens).',
    });
  }
  for (const vendor of Object.keys(entries) as Vendor[]) {
    if (entries[vendor].length === 0) continue;
    const manifest: SampleManifest = { vendor, samples: entries[vendor] };
    writeFileSync(join(dir, vendor, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  return { files };
}
