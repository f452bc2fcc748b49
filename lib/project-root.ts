import { fileURLToPath } from 'node:url';

/** The repository root: entry files, the lock file and config paths are resolved from here. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
