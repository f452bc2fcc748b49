import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_TOLERANCE_SECONDS, verifySignature } from '#functions/core/intake/signature';

const SECRET = '6f1c2a9e4b7d3f805e2c9a1b4d6f8e0a3c5b7d9f1e2a4c6b8d0f2e4a6c8b0d2f';
const OLD_SECRET = 'a3c5b7d9f1e2a4c6b8d0f2e4a6c8b0d26f1c2a9e4b7d3f805e2c9a1b4d6f8e0a';
const NOW = 1_749_740_400;
const BODY = '{"webhook_trigger_type":"UPDATE_EVENT","event":{"id":55521609}}';

const mac = (secret: string, data: string | Uint8Array) => createHmac('sha256', secret).update(data).digest();
const timestamped = (body: string | Uint8Array, secret: string, t: number) =>
  `t=${t},v1=${mac(secret, Buffer.concat([Buffer.from(`${t}.`), Buffer.from(body)])).toString('hex')}`;
const hex = (body: string | Uint8Array, secret: string) => mac(secret, body).toString('hex');
const base64 = (body: string | Uint8Array, secret: string) => mac(secret, body).toString('base64');

const check = (header: string | undefined, rawBody: string | Uint8Array = BODY, secrets = [SECRET]) =>
  verifySignature({ rawBody, header, secrets, nowSeconds: NOW });

describe('verifySignature', () => {
  it('accepts the timestamped format t=<unix>,v1=<hex> over "<t>.<body>"', () => {
    expect(check(timestamped(BODY, SECRET, NOW))).toEqual({ ok: true, scheme: 'timestamped' });
  });

  it('accepts a timestamped header when any one of several v1 values matches', () => {
    const good = timestamped(BODY, SECRET, NOW);
    const header = `t=${NOW},v1=${'0'.repeat(64)},${good.split(',')[1]},v1=${'f'.repeat(64)}`;
    expect(check(header)).toEqual({ ok: true, scheme: 'timestamped' });
  });

  it('accepts spaces after the commas of a timestamped header', () => {
    expect(check(timestamped(BODY, SECRET, NOW).replace(',', ', '))).toEqual({
      ok: true,
      scheme: 'timestamped',
    });
  });

  it('accepts a plain hex HMAC of the body, with or without the sha256= prefix, in either case', () => {
    expect(check(hex(BODY, SECRET))).toEqual({ ok: true, scheme: 'hex' });
    expect(check(`sha256=${hex(BODY, SECRET)}`)).toEqual({ ok: true, scheme: 'hex' });
    expect(check(hex(BODY, SECRET).toUpperCase())).toEqual({ ok: true, scheme: 'hex' });
  });

  it('accepts a base64 HMAC of the body, padded, unpadded, url-safe or prefixed', () => {
    const padded = base64(BODY, SECRET);
    expect(check(padded)).toEqual({ ok: true, scheme: 'base64' });
    expect(check(padded.replace(/=$/, ''))).toEqual({ ok: true, scheme: 'base64' });
    expect(check(padded.replaceAll('+', '-').replaceAll('/', '_'))).toEqual({ ok: true, scheme: 'base64' });
    expect(check(`sha256=${padded}`)).toEqual({ ok: true, scheme: 'base64' });
  });

  it('accepts a delivery signed with the old secret while both are configured during a rotation', () => {
    expect(check(hex(BODY, OLD_SECRET), BODY, [SECRET, OLD_SECRET])).toEqual({ ok: true, scheme: 'hex' });
    expect(check(hex(BODY, OLD_SECRET), BODY, [SECRET])).toEqual({ ok: false, reason: 'MISMATCH' });
  });

  it('rejects a missing or blank header as MISSING', () => {
    expect(check(undefined)).toEqual({ ok: false, reason: 'MISSING' });
    expect(check('   ')).toEqual({ ok: false, reason: 'MISSING' });
  });

  it('rejects headers in no known format as MALFORMED', () => {
    for (const header of [
      'nonsense',
      'sha256=abc',
      `t=${NOW}`,
      `t=soon,v1=${'a'.repeat(64)}`,
      `t=1,t=2,v1=ab`,
    ]) {
      expect(check(header), header).toEqual({ ok: false, reason: 'MALFORMED' });
    }
  });

  it('rejects a signature whose timestamp is six minutes old', () => {
    expect(check(timestamped(BODY, SECRET, NOW - 360))).toEqual({ ok: false, reason: 'STALE' });
  });

  it('rejects a signature whose timestamp is six minutes in the future', () => {
    expect(check(timestamped(BODY, SECRET, NOW + 360))).toEqual({ ok: false, reason: 'STALE' });
  });

  it('accepts timestamps exactly at the edge of the window on both sides', () => {
    const edge = SIGNATURE_TOLERANCE_SECONDS;
    expect(check(timestamped(BODY, SECRET, NOW - edge)).ok).toBe(true);
    expect(check(timestamped(BODY, SECRET, NOW + edge)).ok).toBe(true);
  });

  it('rejects a stale timestamp even when its MAC is wrong too', () => {
    expect(check(`t=${NOW - 3600},v1=${'0'.repeat(64)}`)).toEqual({ ok: false, reason: 'STALE' });
  });

  it('answers MISMATCH instead of throwing when a v1 value has the wrong length', () => {
    expect(check(`t=${NOW},v1=abcd`)).toEqual({ ok: false, reason: 'MISMATCH' });
    expect(check(`t=${NOW},v1=${hex(BODY, SECRET)}00`)).toEqual({ ok: false, reason: 'MISMATCH' });
  });

  it('verifies the raw bytes as received, not a re-serialisation of the JSON', () => {
    const reformatted = JSON.stringify(JSON.parse(BODY), null, 2);
    expect(check(hex(BODY, SECRET), reformatted)).toEqual({ ok: false, reason: 'MISMATCH' });
    expect(check(hex(BODY, SECRET), Buffer.from(BODY))).toEqual({ ok: true, scheme: 'hex' });
  });

  it('rejects everything when no secret is configured', () => {
    expect(check(hex(BODY, SECRET), BODY, [])).toEqual({ ok: false, reason: 'MISMATCH' });
  });
});

describe('verifySignature properties', () => {
  const secrets = fc.array(fc.string({ minLength: 16, maxLength: 64 }), { minLength: 1, maxLength: 3 });
  const body = fc.uint8Array({ maxLength: 512 });
  const formats = ['timestamped', 'hex', 'base64'] as const;
  const sign = (format: (typeof formats)[number], raw: Uint8Array, secret: string, t = NOW) =>
    format === 'timestamped'
      ? timestamped(raw, secret, t)
      : format === 'hex'
        ? hex(raw, secret)
        : base64(raw, secret);
  const runs = { seed: 20_250_612, numRuns: 200 };

  it('verifies a body signed with any of the configured secrets, in every format', () => {
    fc.assert(
      fc.property(secrets, body, fc.nat(), fc.constantFrom(...formats), (keys, raw, pick, format) => {
        const secret = keys[pick % keys.length] ?? '';
        const verdict = verifySignature({
          rawBody: raw,
          header: sign(format, raw, secret),
          secrets: keys,
          nowSeconds: NOW,
        });
        expect(verdict).toEqual({ ok: true, scheme: format });
      }),
      runs,
    );
  });

  it('rejects any single-byte change to the body', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 512 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        fc.constantFrom(...formats),
        (raw, at, delta, format) => {
          const header = sign(format, raw, SECRET);
          const changed = Uint8Array.from(raw);
          const index = at % raw.length;
          changed[index] = ((raw[index] ?? 0) + delta) % 256;
          expect(verifySignature({ rawBody: changed, header, secrets: [SECRET], nowSeconds: NOW }).ok).toBe(
            false,
          );
        },
      ),
      runs,
    );
  });

  it('rejects any single-character change to the signature that changes what it encodes', () => {
    // Hex digits are read case-insensitively, so a case flip of one digit is the same MAC, not a change.
    const sameMeaning = (a: string, b: string) => /[0-9a-f]/i.test(a) && a.toLowerCase() === b.toLowerCase();
    fc.assert(
      fc.property(
        body,
        fc.nat(),
        fc.integer({ min: 0x21, max: 0x7e }),
        fc.constantFrom(...formats),
        (raw, at, code, format) => {
          const header = sign(format, raw, SECRET);
          const index = at % header.length;
          const original = header[index] ?? '';
          const replacement = String.fromCharCode(code);
          fc.pre(replacement !== original && !(format !== 'base64' && sameMeaning(original, replacement)));
          const changed = `${header.slice(0, index)}${replacement}${header.slice(index + 1)}`;
          expect(
            verifySignature({ rawBody: raw, header: changed, secrets: [SECRET], nowSeconds: NOW }).ok,
          ).toBe(false);
        },
      ),
      runs,
    );
  });

  it('rejects timestamps outside the window, whatever the body', () => {
    const offset = fc.integer({ min: SIGNATURE_TOLERANCE_SECONDS + 1, max: 10 * 365 * 86_400 });
    fc.assert(
      fc.property(body, offset, fc.boolean(), (raw, by, past) => {
        const t = past ? NOW - by : NOW + by;
        const verdict = verifySignature({
          rawBody: raw,
          header: timestamped(raw, SECRET, t),
          secrets: [SECRET],
          nowSeconds: NOW,
        });
        expect(verdict).toEqual({ ok: false, reason: 'STALE' });
      }),
      runs,
    );
  });
});
