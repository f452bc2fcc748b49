/**
 * The handlers log JSON lines (and EMF documents) to stderr as a Lambda would; a bench run would drown
 * its table in them. Drops JSON lines while `run` runs; anything else passes through.
 */
export async function withQuietHandlers<T>(run: () => Promise<T>): Promise<T> {
  const original = process.stderr.write;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    if (text.startsWith('{')) return true;
    return (original as (...args: unknown[]) => boolean).call(process.stderr, chunk, ...rest);
  }) as typeof process.stderr.write;
  try {
    return await run();
  } finally {
    process.stderr.write = original;
  }
}
