import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureScheme = 'timestamped' | 'hex' | 'base64';
export type SignatureFailure = 'MISSING' | 'MALFORMED' | 'STALE' | 'MISMATCH';
export type SignatureVerdict =
  | { ok: true; scheme: SignatureScheme }
  | { ok: false; reason: SignatureFailure };

/**
 * TripleSeat's timestamped signatures are honoured within ±5 min of our clock
 * (docs/vendors/tripleseat.md, "Webhooks").
 */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface SignatureCheck {
  /** The body exactly as received: never re-serialised JSON. */
  rawBody: string | Uint8Array;
  /** The `X-Signature` header value. */
  header: string | undefined;
  /** Every secret currently accepted (several during a rotation). */
  secrets: readonly string[];
  nowSeconds: number;
}

const HEX_MAC = /^[0-9a-f]{64}$/i;
// 32 bytes in base64 (or base64url), padding optional.
const BASE64_MAC = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * Accepts every format seen in the wild, because TripleSeat's is not settled publicly:
 * `t=<unix>,v1=<hex>` over "<t>.<body>" (several v1 allowed), or a hex / base64 HMAC-SHA256 of the
 * body with an optional `sha256=` prefix.
 */
export function verifySignature({ rawBody, header, secrets, nowSeconds }: SignatureCheck): SignatureVerdict {
  const value = header?.trim() ?? '';
  if (value === '') return { ok: false, reason: 'MISSING' };
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  if (/(^|,)\s*t=/.test(value)) return verifyTimestamped(value, body, secrets, nowSeconds);
  const mac = value.replace(/^sha256=/i, '');
  const scheme = HEX_MAC.test(mac) ? 'hex' : BASE64_MAC.test(mac) ? 'base64' : undefined;
  const given = scheme === 'hex' ? Buffer.from(mac, 'hex') : scheme ? canonicalBase64(mac) : undefined;
  if (!scheme || !given) return { ok: false, reason: 'MALFORMED' };
  const matched = secrets.some((secret) => sameBytes(given, hmac(secret, [body])));
  return matched ? { ok: true, scheme } : { ok: false, reason: 'MISMATCH' };
}

function verifyTimestamped(
  value: string,
  body: Uint8Array,
  secrets: readonly string[],
  nowSeconds: number,
): SignatureVerdict {
  const pairs = value.split(',').map((part) => {
    const at = part.indexOf('=');
    return at < 0 ? (['', part] as const) : ([part.slice(0, at).trim(), part.slice(at + 1).trim()] as const);
  });
  const stamps = pairs.filter(([key]) => key === 't').map(([, v]) => v);
  const macs = pairs.filter(([key]) => key === 'v1').map(([, v]) => v);
  const stamp = stamps[0];
  if (stamps.length !== 1 || stamp === undefined || !/^\d{1,12}$/.test(stamp) || macs.length === 0) {
    return { ok: false, reason: 'MALFORMED' };
  }
  if (Math.abs(nowSeconds - Number(stamp)) > SIGNATURE_TOLERANCE_SECONDS)
    return { ok: false, reason: 'STALE' };
  const given = macs.filter((mac) => HEX_MAC.test(mac)).map((mac) => Buffer.from(mac, 'hex'));
  const signed = [Buffer.from(`${stamp}.`, 'utf8'), body];
  const matched = secrets.some((secret) => {
    const expected = hmac(secret, signed);
    return given.some((mac) => sameBytes(mac, expected));
  });
  return matched ? { ok: true, scheme: 'timestamped' } : { ok: false, reason: 'MISMATCH' };
}

function hmac(secret: string, parts: readonly Uint8Array[]): Buffer {
  const mac = createHmac('sha256', secret);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

// timingSafeEqual throws on buffers of different lengths, so lengths are compared first.
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

// Node's decoder ignores stray trailing bits, so a one-character change could decode to the same MAC:
// only the canonical encoding of 32 bytes is accepted.
function canonicalBase64(text: string): Buffer | undefined {
  const standard = text.replace(/=$/, '').replaceAll('-', '+').replaceAll('_', '/');
  const bytes = Buffer.from(standard, 'base64');
  return bytes.length === 32 && bytes.toString('base64').replace(/=$/, '') === standard ? bytes : undefined;
}
