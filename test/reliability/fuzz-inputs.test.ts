import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIONABLE_TRIGGERS } from '#functions/core/contract/triggers';
import { VendorError } from '#functions/core/domain/errors';
import { SIGNATURE_TOLERANCE_SECONDS, verifySignature } from '#functions/core/intake/signature';
import { createHttpHandler } from '#functions/sync/http-handler';
import { parseInvoice } from '#functions/tripleseat/invoice-parser';
import { createWebhookHandler } from '#functions/webhook/webhook-handler';
import { signWebhook } from '../../dev/webhook-signing';
import { fakeSyncHandlerDeps, httpEvent, jsonBody } from '../support/fake-sync-handler-deps';
import { fakeWebhookDeps, NOW_SECONDS, SIGNING_SECRET } from '../support/fake-webhook-deps';

// RELIABILITY.md, "Fuzzing": seeded, bounded fast-check runs over everything the internet or an
// operator can send. A failure prints its seed and shrunk counter-example; re-run with that seed.
const SEED = 20_261_129;
const runs = (numRuns: number) => ({ seed: SEED, numRuns });

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const base64Mac = fc.stringMatching(/^[A-Za-z0-9+/]{43}=$/);
/** Signature headers shaped like every accepted format, with forged MACs, plus plain noise. */
const forgedSignature = fc.oneof(
  fc.string(),
  fc.constant(''),
  fc
    .tuple(fc.integer({ min: NOW_SECONDS - 600, max: NOW_SECONDS + 600 }), fc.array(hex64, { maxLength: 3 }))
    .map(([t, macs]) => [`t=${t}`, ...macs.map((m) => `v1=${m}`)].join(',')),
  hex64.map((m) => `sha256=${m}`),
  hex64,
  base64Mac,
  fc.tuple(fc.string(), fc.string()).map(([a, b]) => `t=${a},v1=${b}`),
);

/** Bodies: arbitrary text, JSON of any shape, and payloads that look like TripleSeat's. */
const webhookBody = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.json(),
  fc
    .record(
      {
        webhook_trigger_type: fc.oneof(fc.constantFrom(...ACTIONABLE_TRIGGERS, 'CREATE_LEAD'), fc.string()),
        event: fc.oneof(
          fc.record(
            { id: fc.oneof(fc.integer(), fc.string()), updated_at: fc.string() },
            { requiredKeys: [] },
          ),
          fc.anything(),
        ),
        booking: fc.record({ event_ids: fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 5 }) }),
      },
      { requiredKeys: [] },
    )
    .map((payload) => JSON.stringify(payload)),
  // Mostly well formed: an actionable trigger and a plausible event, so the queued path is fuzzed too.
  fc
    .record({
      webhook_trigger_type: fc.constantFrom(...ACTIONABLE_TRIGGERS),
      event: fc.record({
        id: fc.oneof(
          fc.integer({ min: 1, max: 99_999_999 }),
          fc.integer({ min: 1 }).map(String),
          fc.string(),
        ),
        updated_at: fc.oneof(
          fc.string(),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        ),
      }),
      booking: fc.option(
        fc.record({ event_ids: fc.array(fc.oneof(fc.nat(), fc.string()), { maxLength: 5 }) }),
        { nil: undefined },
      ),
    })
    .map((payload) => JSON.stringify(payload)),
);

const otherHeaders = fc.dictionary(
  fc.oneof(fc.constantFrom('content-type', 'x-correlation-id', 'content-length', 'X-SIGNATURE'), fc.string()),
  fc.string(),
  { maxKeys: 4 },
);

function apiEvent(body: string, headers: Record<string, string>, base64: boolean): APIGatewayProxyEventV2 {
  return {
    body: base64 ? Buffer.from(body, 'utf8').toString('base64') : body,
    isBase64Encoded: base64,
    headers,
  } as unknown as APIGatewayProxyEventV2;
}

const WEBHOOK_OUTCOMES = ['ignored', 'duplicate', 'queued'];

describe('fuzzing the webhook verifier', () => {
  it('answers any body with a forged or missing signature 4xx and enqueues nothing', async () => {
    const { deps, sent } = fakeWebhookDeps();
    const handler = createWebhookHandler(async () => deps);
    await fc.assert(
      fc.asyncProperty(
        webhookBody,
        forgedSignature,
        otherHeaders,
        fc.boolean(),
        async (body, signature, headers, base64) => {
          const answer = await handler(apiEvent(body, { ...headers, 'x-signature': signature }, base64));
          expect(answer.statusCode).toBeGreaterThanOrEqual(400);
          expect(answer.statusCode).toBeLessThan(500);
          expect(sent).toEqual([]);
        },
      ),
      runs(400),
    );
  });

  it('answers any correctly signed body 4xx or 200 ignored, duplicate or queued, never 5xx', async () => {
    const { deps, sent } = fakeWebhookDeps();
    const handler = createWebhookHandler(async () => deps);
    await fc.assert(
      fc.asyncProperty(webhookBody, otherHeaders, fc.boolean(), async (body, headers, base64) => {
        const before = sent.length;
        const signature = signWebhook(body, SIGNING_SECRET, NOW_SECONDS);
        const answer = await handler(apiEvent(body, { ...headers, 'x-signature': signature }, base64));
        const status = String(jsonBody(answer).status);
        if (answer.statusCode === 200) expect(WEBHOOK_OUTCOMES).toContain(status);
        else {
          expect(answer.statusCode).toBeGreaterThanOrEqual(400);
          expect(answer.statusCode).toBeLessThan(500);
        }
        // Only a queued or duplicate answer puts messages on the queue (a duplicate's is skipped by the sync).
        if (status !== 'queued' && status !== 'duplicate') expect(sent.length).toBe(before);
      }),
      runs(400),
    );
  });
});

describe('fuzzing the signature header parser', () => {
  const bytes = fc.uint8Array({ maxLength: 256 });

  it('never throws, and accepts nothing it was not signed for', () => {
    fc.assert(
      fc.property(bytes, forgedSignature, (body, header) => {
        const verdict = verifySignature({
          rawBody: body,
          header,
          secrets: [SIGNING_SECRET],
          nowSeconds: NOW_SECONDS,
        });
        expect(verdict.ok).toBe(false);
      }),
      runs(2_000),
    );
  });

  it('accepts a genuine signature within the tolerance and refuses it once one character of the MAC changes', () => {
    fc.assert(
      fc.property(
        bytes,
        fc.integer({ min: -SIGNATURE_TOLERANCE_SECONDS, max: SIGNATURE_TOLERANCE_SECONDS }),
        fc.nat(),
        (body, skew, at) => {
          const header = signWebhook(body, SIGNING_SECRET, NOW_SECONDS + skew);
          const check = { rawBody: body, secrets: [SIGNING_SECRET], nowSeconds: NOW_SECONDS };
          expect(verifySignature({ ...check, header })).toEqual({ ok: true, scheme: 'timestamped' });
          const macStart = header.indexOf('v1=') + 3;
          const i = macStart + (at % 64);
          const flipped = `${header.slice(0, i)}${header[i] === '0' ? '1' : '0'}${header.slice(i + 1)}`;
          expect(verifySignature({ ...check, header: flipped })).toEqual({ ok: false, reason: 'MISMATCH' });
        },
      ),
      runs(500),
    );
  });

  it('refuses a genuine signature stamped outside the tolerance as STALE', () => {
    fc.assert(
      fc.property(
        bytes,
        fc.integer({ min: SIGNATURE_TOLERANCE_SECONDS + 1, max: 10 ** 9 }),
        fc.boolean(),
        (body, by, past) => {
          const header = signWebhook(body, SIGNING_SECRET, NOW_SECONDS + (past ? -by : by));
          const verdict = verifySignature({
            rawBody: body,
            header,
            secrets: [SIGNING_SECRET],
            nowSeconds: NOW_SECONDS,
          });
          expect(verdict).toEqual({ ok: false, reason: 'STALE' });
        },
      ),
      runs(300),
    );
  });
});

describe('fuzzing the invoice parser', () => {
  const word = fc.constantFrom(
    'Qty',
    'Quantity',
    'Description',
    'Item',
    'Price',
    'Unit Price',
    'Total',
    'Amount',
    'Subtotal',
    'Discount',
    'Grand Total',
    'Balance Due',
    'Food (3 items)',
    'Maple Bar',
    '$1,234.50',
    '(5.00)',
    '12',
    '1.5',
    '-3',
    '',
    '&amp;',
    '<br>',
    'NaN',
  );
  const cell = fc
    .tuple(fc.constantFrom('td', 'th'), fc.oneof(word, word, fc.string()), fc.integer({ min: 1, max: 3 }))
    .map(([tag, text, span]) => `<${tag}${span > 1 ? ` colspan="${span}"` : ''}>${text}</${tag}>`);
  const row = fc.array(cell, { maxLength: 6 }).map((cells) => `<tr>${cells.join('')}</tr>`);
  const headerRow = fc
    .shuffledSubarray(['Qty', 'Description', 'Price', 'Total', 'Notes'], { minLength: 3 })
    .map((names) => `<tr>${names.map((n) => `<th>${n}</th>`).join('')}</tr>`);
  const table = fc
    .tuple(
      fc.option(headerRow, { nil: '' }),
      fc.array(row, { maxLength: 8 }),
      fc.option(headerRow, { nil: '' }),
    )
    .map(
      ([header, rows, nested]) =>
        `<table>${header}${rows.join('')}${nested && `<tr><td><table>${nested}${rows[0] ?? ''}</table></td></tr>`}</table>`,
    );
  // The real layouts, each cut and spliced at random: what a template change or a truncated page gives.
  const fixture = fc
    .tuple(
      fc.constantFrom(
        ...['classic-table', 'nested-markup-entities', 'categories-and-blank-rows'].map((name) =>
          readFileSync(`test/fixtures/invoices/${name}.html`, 'utf8'),
        ),
      ),
      fc.nat(),
      fc.nat({ max: 400 }),
      fc.oneof(word, fc.string(), cell),
    )
    .map(([html, at, length, insert]) => {
      const i = at % html.length;
      return `${html.slice(0, i)}${insert}${html.slice(i + length)}`;
    });
  const page = fc.oneof(
    fc.string(),
    fixture,
    fixture,
    fc
      .array(table, { minLength: 1, maxLength: 3 })
      .map((parts) => `<html><body>${parts.join('')}</body></html>`),
  );

  it('reads any page or throws its typed TripleSeat error, never anything else', () => {
    fc.assert(
      fc.property(page, (html) => {
        try {
          const invoice = parseInvoice(html);
          // What it reads is usable: money in whole cents, quantities finite numbers.
          for (const item of invoice.items) {
            expect(Number.isFinite(item.quantity)).toBe(true);
            expect(Number.isInteger(item.unitPriceCents)).toBe(true);
            expect(Number.isInteger(item.totalCents)).toBe(true);
          }
        } catch (e: unknown) {
          expect(e).toBeInstanceOf(VendorError);
          expect((e as VendorError).vendor).toBe('tripleseat');
        }
      }),
      runs(400),
    );
  });
});

describe('fuzzing the manual route', () => {
  const param = fc.oneof(
    fc.string(),
    fc.constantFrom('0', '1', '48', '168', '169', '-1', '1.5', '1e2', 'true', 'false', '55521609', ''),
  );
  const query = fc
    .dictionary(fc.oneof(fc.constantFrom('event_id', 'hours_back', 'dry_run'), fc.string()), param, {
      maxKeys: 4,
    })
    .map((entries) =>
      Object.entries(entries)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .join('&'),
    );
  const body = fc.option(
    fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .dictionary(
          fc.constantFrom('event_id', 'hours_back', 'dry_run'),
          fc.oneof(param, fc.integer(), fc.boolean()),
        )
        .map((o) => JSON.stringify(o)),
    ),
    { nil: undefined },
  );
  const contentType = fc.constantFrom(
    'application/json',
    'application/x-www-form-urlencoded',
    'text/plain',
    '',
  );

  it('answers any parameters with 2xx or 4xx, never 500', async () => {
    const harness = fakeSyncHandlerDeps();
    const handler = createHttpHandler(async () => harness.deps);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT'),
        query,
        body,
        contentType,
        fc.boolean(),
        async (method, q, b, type, base64) => {
          const event = httpEvent({
            method,
            query: q,
            ...(b !== undefined && {
              body: base64 ? Buffer.from(b).toString('base64') : b,
              isBase64Encoded: base64,
            }),
            headers: type ? { 'content-type': type } : {},
          });
          const answer = await handler(event, { awsRequestId: 'fuzz' });
          expect(answer.statusCode).toBeGreaterThanOrEqual(200);
          expect(answer.statusCode).toBeLessThan(500);
        },
      ),
      runs(300),
    );
  });
});
