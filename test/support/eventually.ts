/** Retries an assertion until it passes or `timeoutMs` runs out, for work that finishes on another loop. */
export async function eventually<T>(
  assertion: () => T | Promise<T>,
  timeoutMs = 5_000,
  everyMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (e: unknown) {
      if (Date.now() > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}
