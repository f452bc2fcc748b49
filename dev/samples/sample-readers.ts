import { doctorSampleReaders } from './doctor-sample-readers';
import { revelSampleReaders } from './revel-sample-readers';
import type { SampleReader } from './sample-reader';
import { tripleSeatSampleReaders } from './tripleseat-sample-readers';

/** Every reader a sample can name, by name: the project's own parsers, as the engine calls them. */
export const sampleReaders: Readonly<Record<string, SampleReader>> = {
  ...tripleSeatSampleReaders,
  ...revelSampleReaders,
  ...doctorSampleReaders,
};

/**
 * Runs a sample through its reader and returns plain JSON (undefined fields dropped), or
 * `{ error: { name, code, message } }` when the reader refuses it.
 */
export async function readSample(reader: string, text: string): Promise<Record<string, unknown>> {
  const read = sampleReaders[reader];
  if (!read) throw new Error(`no sample reader named "${reader}" (dev/samples/sample-readers.ts)`);
  try {
    return JSON.parse(JSON.stringify({ value: await read(text) })) as Record<string, unknown>;
  } catch (e: unknown) {
    const error = e as { name?: unknown; code?: unknown; message?: unknown };
    return { error: { name: error.name, code: error.code, message: String(error.message ?? e) } };
  }
}
