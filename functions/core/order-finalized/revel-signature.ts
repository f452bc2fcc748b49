import { createHmac, timingSafeEqual } from 'node:crypto';

const HEX_SHA1 = /^[0-9a-f]{40}$/i;

/**
 * `X-Revel-Signature`: 40 hex in Revel's sample, read as an HMAC-SHA1 of the body as received — a
 * guess from the sample (docs/vendors/revel.md, "Webhooks"). Compared in constant time, like the
 * TripleSeat verifier (core/intake/signature.ts).
 */
export function revelSignatureValid(
  rawBody: string,
  header: string | undefined,
  secrets: readonly string[],
): boolean {
  const value = header?.trim().replace(/^sha1=/i, '') ?? '';
  if (!HEX_SHA1.test(value)) return false;
  const given = Buffer.from(value, 'hex');
  return secrets.some((secret) => {
    const expected = createHmac('sha1', secret).update(rawBody, 'utf8').digest();
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}
