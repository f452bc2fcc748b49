import { createHash, timingSafeEqual } from 'node:crypto';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * The operator whose token the `Authorization: Bearer` header carries, else undefined. Every token
 * is compared, in constant time and without stopping at a match, so neither which operator matched
 * nor any token's length shows in the time taken.
 */
export function operatorFor(
  authorization: string | undefined,
  tokens: Readonly<Record<string, string>>,
): string | undefined {
  const given = BEARER.exec(authorization ?? '')?.[1];
  if (given === undefined) return undefined;
  const givenDigest = digest(given);
  let found: string | undefined;
  for (const [name, token] of Object.entries(tokens)) {
    if (token === '') continue;
    if (timingSafeEqual(givenDigest, digest(token)) && found === undefined) found = name;
  }
  return found;
}
