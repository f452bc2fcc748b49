import { createHash, timingSafeEqual } from 'node:crypto';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * `Authorization: Bearer <token>` against the configured token in constant time: both sides are
 * hashed first, so equal-length buffers reach timingSafeEqual and the token's length never leaks.
 */
export async function isAuthorised(
  authorization: string | undefined,
  expectedToken: () => Promise<string>,
): Promise<boolean> {
  const expected = await expectedToken();
  const given = BEARER.exec(authorization ?? '')?.[1];
  if (given === undefined || expected === '') return false;
  return timingSafeEqual(digest(given), digest(expected));
}
