import { VendorError } from '#functions/core/domain/errors';
import {
  type HttpRequest,
  type HttpResponse,
  type HttpTransportError,
  isJsonResponse,
} from '#functions/outbound-http/http-client';

const MAX_MESSAGE = 300;

/** Turns a non-2xx answer into the VendorError that says whether retrying can help. */
export function errorForResponse(
  method: HttpRequest['method'],
  what: string,
  res: HttpResponse,
): VendorError {
  const { status } = res;
  const post = method === 'POST';
  if (status === 429) {
    // A 429 is refused before any work, so even a POST is known not to have been committed.
    return new VendorError('revel', 'REVEL_UNAVAILABLE', status, true, `Revel ${what}: rate limited (429)`);
  }
  if (status >= 500) {
    return new VendorError(
      'revel',
      'REVEL_UNAVAILABLE',
      status,
      true,
      `Revel ${what}: server error ${status}`,
      post,
    );
  }
  if (status === 401 || status === 403) {
    return new VendorError('revel', 'REVEL_AUTH', status, false, `Revel ${what}: not authorised (${status})`);
  }
  // Revel answers 403/404 with HTML pages (docs/vendors/revel.md, "Errors and limits").
  if (status === 404) {
    return new VendorError('revel', 'REVEL_NOT_FOUND', status, false, `Revel ${what}: not found (404)`);
  }
  // 445 "Integrity Error" is Revel's answer to a bad reference or a failed validation.
  const rejected = status === 400 || status === 445 || (status >= 400 && status < 500 && isJsonResponse(res));
  if (rejected) {
    const label = status === 445 ? 'Integrity Error' : `rejected (${status})`;
    return new VendorError(
      'revel',
      'REVEL_REJECTED',
      status,
      false,
      `Revel ${what}: ${label}: ${revelMessage(res)}`,
    );
  }
  return badResponse(what, res, false);
}

/** An answer that is not the JSON we expect (HTML page, redirect, unparseable). */
export function badResponse(what: string, res: HttpResponse, outcomeUnknown: boolean): VendorError {
  const kind = isJsonResponse(res) ? 'an unexpected body' : 'a non-JSON (HTML?) body';
  return new VendorError(
    'revel',
    'REVEL_BAD_RESPONSE',
    res.status,
    false,
    `Revel ${what}: ${res.status} with ${kind}`,
    outcomeUnknown,
  );
}

/** No answer at all: the request may have reached Revel, so a POST's outcome is unknown. */
export function transportError(
  method: HttpRequest['method'],
  what: string,
  e: HttpTransportError,
): VendorError {
  const reason = e.timedOut ? 'timed out' : `unreachable (${e.message})`;
  return new VendorError(
    'revel',
    'REVEL_UNAVAILABLE',
    0,
    true,
    `Revel ${what}: ${reason}`,
    method === 'POST',
  );
}

/** Revel names the offending fields in its error body; Tastypie shapes vary, so take what is there. */
export function revelMessage(res: HttpResponse): string {
  if (!isJsonResponse(res))
    return clip(
      res.text
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return clip(res.text);
  }
  if (body !== null && typeof body === 'object') {
    for (const key of ['error_message', 'error', 'message', 'detail'] as const) {
      const value = (body as Record<string, unknown>)[key];
      if (typeof value === 'string' && value.trim() !== '') return clip(value.trim());
    }
    const reasons = fieldReasons(body);
    if (reasons.length > 0) return clip(reasons.join('; '));
  }
  return clip(JSON.stringify(body));
}

/**
 * Field-keyed reasons, Rails style `{"errors": {"contact": ["must be selected"]}}` (docs/vendors/revel.md,
 * "Errors and limits": Revel's own shape is not public) or Tastypie's
 * `{"order": {"local_id": ["…"]}}`: "contact: must be selected", nested keys joined with dots.
 */
function fieldReasons(body: object, prefix = ''): string[] {
  return Object.entries(body).flatMap(([key, value]): string[] => {
    const field = key === 'errors' && prefix === '' ? '' : `${prefix}${key}`;
    if (typeof value === 'string') return [field ? `${field}: ${value}` : value];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
      return value.length > 0 ? [field ? `${field}: ${value.join(', ')}` : value.join(', ')] : [];
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return fieldReasons(value, field ? `${field}.` : '');
    return [];
  });
}

const clip = (text: string): string =>
  text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text || '(empty body)';
