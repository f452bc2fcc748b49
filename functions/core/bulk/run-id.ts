import { randomBytes } from 'node:crypto';

/** `sched-20261128T020000Z-3f9a1c`: sortable by start time, unique, safe in a URL path. */
export function newRunId(prefix: 'sched' | 'manual', now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `${prefix}-${stamp}-${randomBytes(3).toString('hex')}`;
}

export const RUN_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
