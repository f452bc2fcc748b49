import { randomUUID } from 'node:crypto';

const SANE_TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

/** The caller's `x-correlation-id` when it is a sane token (it reaches log lines), else a fresh one. */
export function correlationIdFrom(header: string | undefined): string {
  const candidate = header?.trim();
  return candidate && SANE_TOKEN.test(candidate) ? candidate : randomUUID();
}
