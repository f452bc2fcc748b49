import type { $ZodType, output } from 'zod/v4/core';
import { VendorError, type VendorErrorCode } from '#functions/core/domain/errors';
import { parseWith } from '#functions/core/domain/parse-with';
import { type HttpResponse, HttpTransportError, isJsonResponse } from '#functions/outbound-http/http-client';

type TripleSeatCode = Extract<VendorErrorCode, `TRIPLESEAT_${string}`>;

export const tripleSeatError = (
  code: TripleSeatCode,
  status: number,
  retryable: boolean,
  message: string,
): VendorError => new VendorError('tripleseat', code, status, retryable, message);

/** No answer at all after sendRequest's retries: worth retrying later. */
export function unavailableFromTransport(e: unknown, what: string): unknown {
  if (!(e instanceof HttpTransportError)) return e;
  return tripleSeatError(
    'TRIPLESEAT_UNAVAILABLE',
    0,
    true,
    `${what}: no answer from TripleSeat (${e.message})`,
  );
}

/**
 * The vendor's reasons from an error body: `{"error": "<message>"}`, or Rails-style
 * `{"errors": {"contact": ["must be selected"]}}` (both captured: docs/vendors/tripleseat.md, "Limits
 * and errors") read as "contact must be selected".
 */
function reasonsOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const { error, errors } = body as { error?: unknown; errors?: unknown };
  if (typeof error === 'string') return error;
  if (Array.isArray(errors)) return errors.filter((e) => typeof e === 'string').join('; ');
  if (typeof errors !== 'object' || errors === null) return '';
  return Object.entries(errors)
    .flatMap(([field, messages]) =>
      (Array.isArray(messages) ? messages : [messages])
        .filter((m): m is string => typeof m === 'string')
        .map((m) => `${field} ${m}`),
    )
    .join('; ');
}

// A reason may quote what was sent: never let a guest's email address or phone number through.
const EMAIL = /[^\s@;,"']+@[^\s@;,"']+/g;
const PHONE = /\+?\(?\d[\d\s().-]{6,}\d/g;

/** The vendor's reasons, short, for operators: no secrets, no guest contact. */
export function vendorDetail(response: HttpResponse, redact: readonly string[] = []): string {
  let detail = '';
  if (isJsonResponse(response)) {
    try {
      detail = reasonsOf(JSON.parse(response.text));
    } catch {
      // Not JSON after all: no detail to add.
    }
  }
  for (const secret of redact) if (secret) detail = detail.replaceAll(secret, '[redacted]');
  detail = detail.replace(EMAIL, '[email]').replace(PHONE, '[phone]').slice(0, 200);
  return detail ? `: ${detail}` : '';
}

/**
 * The one status-to-error rule for TripleSeat's JSON API: returns the parsed body of a 2xx JSON
 * answer and throws a typed VendorError for everything else.
 */
export function readJsonBody(response: HttpResponse, what: string): unknown {
  const { status } = response;
  const detail = vendorDetail(response);
  if (status === 401) {
    return fail(
      'TRIPLESEAT_AUTH',
      status,
      false,
      `${what}: TripleSeat refused the credentials (401${detail})`,
    );
  }
  if (status === 403 || status === 404) {
    return fail(
      'TRIPLESEAT_NOT_FOUND',
      status,
      false,
      `${what}: not found or not allowed (${status}${detail})`,
    );
  }
  if (status === 429 || status >= 500) {
    return fail(
      'TRIPLESEAT_UNAVAILABLE',
      status,
      true,
      `${what}: TripleSeat unavailable (${status}${detail})`,
    );
  }
  if (status >= 300 && status < 400) {
    // An auth failure may come back as a redirect to the login page (docs/vendors/tripleseat.md, "Auth").
    return fail('TRIPLESEAT_AUTH', status, false, `${what}: redirected (${status}), likely to a login page`);
  }
  if (status >= 400) {
    return fail('TRIPLESEAT_BAD_RESPONSE', status, false, `${what}: request rejected (${status}${detail})`);
  }
  if (!isJsonResponse(response)) {
    // A failed auth may be an HTML login page with 200: never treat it as data.
    return fail(
      'TRIPLESEAT_AUTH',
      status,
      false,
      `${what}: answered with a non-JSON body (likely a login page)`,
    );
  }
  try {
    return JSON.parse(response.text);
  } catch {
    return fail('TRIPLESEAT_BAD_RESPONSE', status, false, `${what}: body is not valid JSON`);
  }
}

function fail(code: TripleSeatCode, status: number, retryable: boolean, message: string): never {
  throw tripleSeatError(code, status, retryable, message);
}

/** Validates a vendor body; the error names the first offending field by its path. */
export function parseVendorBody<S extends $ZodType>(schema: S, body: unknown, what: string): output<S> {
  return parseWith(schema, body, ({ path, message }) =>
    tripleSeatError(
      'TRIPLESEAT_BAD_RESPONSE',
      200,
      false,
      `${what}: unexpected response at ${path || '(root)'}: ${message}`,
    ),
  );
}
