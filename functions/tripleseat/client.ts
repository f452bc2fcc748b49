import { InputError } from '#functions/core/domain/errors';
import type { EventSearch, InvoicePage, TripleSeatEvent } from '#functions/core/domain/model';
import type { Logger } from '#functions/core/ports/logger';
import type { TripleSeatApi } from '#functions/core/ports/tripleseat-api';
import type { EventNote, TripleSeatNotesApi } from '#functions/core/ports/tripleseat-notes';
import {
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
  type RetryPolicy,
  sendRequest,
} from '#functions/outbound-http/http-client';
import { delay, LocalRateLimiter, type RateLimiter } from '#functions/outbound-http/rate-limiter';
import { TokenProvider } from './oauth';
import {
  eventNotePageSchema,
  eventNoteSchema,
  eventSearchPageSchema,
  tripleSeatEventSchema,
} from './schemas';
import { parseVendorBody, readJsonBody, tripleSeatError, unavailableFromTransport } from './vendor-errors';

export interface TripleSeatClientOptions {
  /** Origin, e.g. `https://api.tripleseat.com`; `/oauth2/token` and `/v1/…` are appended. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken?: string | undefined;
  /** Requests per second for this client (TripleSeat allows about 10); ignored when `limiter` is given. */
  perSecond?: number;
  /** A pace shared with other clients (e.g. every sync instance); default: this client's own. */
  limiter?: RateLimiter;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  retryPolicy?: Partial<RetryPolicy>;
  /** Epoch milliseconds, for token expiry and the rate limiter. */
  now?: () => number;
  /** See TokenProviderOptions: persist a rotated refresh token, and read the newest persisted one. */
  onRefreshTokenRotated?: (refreshToken: string) => void | Promise<void>;
  latestRefreshToken?: () => Promise<string | undefined>;
  logger?: Logger;
}

/** A server whose `total_pages` never ends must not keep a bulk run busy forever. */
export const MAX_SEARCH_PAGES = 200;
/** An event carries a handful of notes; a list that never ends must not keep a sync busy. */
const MAX_NOTE_PAGES = 20;
const NOTES_PER_PAGE = 50;
const MAX_REDIRECTS = 3;

export class TripleSeatClient implements TripleSeatApi, TripleSeatNotesApi {
  private readonly base: string;
  private readonly http: HttpClientOptions;
  private readonly tokens: TokenProvider;

  constructor(private readonly options: TripleSeatClientOptions) {
    this.base = options.apiUrl.replace(/\/+$/, '');
    const sleep = options.sleep ?? delay;
    // One limiter for every call of this client, token requests included: they share the quota.
    const limiter =
      options.limiter ?? new LocalRateLimiter(options.perSecond ?? 10, options.now ?? Date.now, sleep);
    this.http = { limiter, sleep, fetch: options.fetch, random: options.random, policy: options.retryPolicy };
    this.tokens = new TokenProvider({
      apiUrl: this.base,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      refreshToken: options.refreshToken,
      http: this.http,
      now: options.now,
      onRefreshTokenRotated: options.onRefreshTokenRotated,
      latestRefreshToken: options.latestRefreshToken,
      logger: options.logger,
    });
  }

  async getEvent(eventId: string): Promise<TripleSeatEvent> {
    const what = `TripleSeat event ${eventId}`;
    const url = `${this.base}/v1/events/${encodeURIComponent(eventId)}.json?show_financial=true`;
    return parseVendorBody(tripleSeatEventSchema, await this.getAuthorizedJson(url, what), what);
  }

  async searchEvents(search: EventSearch): Promise<TripleSeatEvent[]> {
    const params = searchParams(search);
    const byId = new Map<string, TripleSeatEvent>();
    for (let page = 1; page <= MAX_SEARCH_PAGES; page++) {
      params.set('page', String(page));
      const what = `TripleSeat event search page ${page}`;
      const body = await this.getAuthorizedJson(`${this.base}/v1/events/search.json?${params}`, what);
      const result = parseVendorBody(eventSearchPageSchema, body, what);
      // Pages can shift while we read them; the first copy of an event wins.
      for (const event of result.events) if (!byId.has(event.id)) byId.set(event.id, event);
      if (page >= result.totalPages || result.events.length === 0) return [...byId.values()];
    }
    this.options.logger?.warn('TripleSeat event search stopped at the page cap', {
      maxPages: MAX_SEARCH_PAGES,
      events: byId.size,
    });
    return [...byId.values()];
  }

  async listNotes(eventId: string): Promise<EventNote[]> {
    const notes: EventNote[] = [];
    const path = `${this.base}/v1/events/${encodeURIComponent(eventId)}/notes.json`;
    for (let page = 1; page <= MAX_NOTE_PAGES; page++) {
      const what = `TripleSeat notes of event ${eventId} page ${page}`;
      const body = await this.authorizedJson('GET', `${path}?page=${page}&per_page=${NOTES_PER_PAGE}`, what);
      const result = parseVendorBody(eventNotePageSchema, body, what);
      notes.push(...result.notes);
      // Without total_pages, a short page is the last one.
      const last = result.totalPages !== undefined ? page >= result.totalPages : true;
      if (last || result.notes.length < NOTES_PER_PAGE) return notes;
    }
    return notes;
  }

  async createNote(eventId: string, body: string): Promise<EventNote> {
    const what = `TripleSeat note on event ${eventId}`;
    const url = `${this.base}/v1/events/${encodeURIComponent(eventId)}/notes.json`;
    const answer = await this.authorizedJson('POST', url, what, { note: { body } });
    return parseVendorBody(eventNoteSchema, answer, what);
  }

  async deleteNote(eventId: string, noteId: string): Promise<void> {
    const what = `TripleSeat note ${noteId} of event ${eventId}`;
    const url = `${this.base}/v1/events/${encodeURIComponent(eventId)}/notes/${encodeURIComponent(noteId)}.json`;
    await this.authorizedJson('DELETE', url, what);
  }

  async fetchInvoice(url: string): Promise<InvoicePage> {
    const html = await this.fetchInvoiceHtml(url);
    // Loaded on the first invoice (most events carry line items): cheerio and its entity tables are a
    // fifth of the sync bundle, evaluated only here (functions/sync/handler.ts, "cold start").
    const { parseInvoice } = await import('./invoice-parser');
    return parseInvoice(html);
  }

  /** The invoice page is public: no Authorization header (docs/vendors/tripleseat.md, "Invoice page"). */
  async fetchInvoiceHtml(url: string): Promise<string> {
    let current = parseInvoiceUrl(url);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      // The portal URL embeds a 40-hex access key: name only the host and document id in errors.
      const what = `TripleSeat invoice page ${describeInvoiceUrl(current)}`;
      const response = await this.send(
        { method: 'GET', url: current.href, headers: { accept: 'text/html' } },
        what,
      );
      const { status } = response;
      if (status >= 200 && status < 300) return response.text;
      const location = response.headers.get('location');
      if (status >= 300 && status < 400 && location) {
        current = parseInvoiceUrl(location, current);
        continue;
      }
      if (status === 429 || status >= 500) {
        throw tripleSeatError('TRIPLESEAT_UNAVAILABLE', status, true, `${what}: unavailable (${status})`);
      }
      throw tripleSeatError('TRIPLESEAT_NOT_FOUND', status, false, `${what}: not available (${status})`);
    }
    throw tripleSeatError(
      'TRIPLESEAT_BAD_RESPONSE',
      0,
      false,
      `invoice page: more than ${MAX_REDIRECTS} redirects`,
    );
  }

  /** Asks for an access token now (the doctor's first check); a refusal throws TRIPLESEAT_AUTH. */
  async requestToken(): Promise<void> {
    await this.tokens.getToken();
  }

  /** One authorised GET of `/v1/…`, its JSON as TripleSeat sent it (the doctor reads shapes from it). */
  readJson(pathWithQuery: string, what: string): Promise<unknown> {
    return this.getAuthorizedJson(`${this.base}${pathWithQuery}`, what);
  }

  private getAuthorizedJson(url: string, what: string): Promise<unknown> {
    return this.authorizedJson('GET', url, what);
  }

  private async authorizedJson(
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    what: string,
    json?: unknown,
  ): Promise<unknown> {
    const headers = (token: string): Record<string, string> => ({
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    });
    const body = json === undefined ? {} : { body: JSON.stringify(json) };
    // A write whose answer was lost may have landed: only a GET is re-sent by the transport.
    const request = async (token: string) =>
      this.send({ method, url, headers: headers(token), ...body }, what, method === 'GET');
    const token = await this.tokens.getToken();
    let response = await request(token);
    if (response.status === 401) {
      // The token may have been revoked or expired early: one fresh token, then give up.
      this.tokens.invalidate(token);
      response = await request(await this.tokens.getToken());
    }
    // A delete's answer body is not public (it may be empty): its 2xx is all that is read.
    if (method === 'DELETE' && response.status >= 200 && response.status < 300) return undefined;
    return readJsonBody(response, what);
  }

  /** A GET may be retried by sendRequest (429s, 5xx, timeouts); a note write only on a 429. */
  private async send(request: HttpRequest, what: string, idempotent = true): Promise<HttpResponse> {
    try {
      return await sendRequest(request, idempotent, this.http);
    } catch (e: unknown) {
      throw unavailableFromTransport(e, what);
    }
  }
}

function searchParams(search: EventSearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.eventDate) {
    params.set('event_start_date', toUsDate(search.eventDate.from, 'eventDate.from'));
    params.set('event_end_date', toUsDate(search.eventDate.to, 'eventDate.to'));
  }
  if (search.updated) {
    params.set('event_updated_start_date', toUsDate(search.updated.from, 'updated.from'));
    params.set('event_updated_end_date', toUsDate(search.updated.to, 'updated.to'));
  }
  if (search.locationIds && search.locationIds.length > 0)
    params.set('location_ids', search.locationIds.join(','));
  // A stable order keeps paging consistent while events are edited during the run.
  params.set('order', 'created_at');
  params.set('sort_direction', 'asc');
  return params;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** TripleSeat's search takes MM/DD/YYYY days (docs/vendors/tripleseat.md, "Events"). */
export function toUsDate(isoDay: string, field: string): string {
  const m = ISO_DAY.exec(isoDay);
  if (!m) throw new InputError(field, `${field} must be a YYYY-MM-DD day, got "${isoDay}"`);
  return `${m[2]}/${m[3]}/${m[1]}`;
}

function parseInvoiceUrl(url: string, base?: URL): URL {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url, base);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw tripleSeatError('TRIPLESEAT_BAD_RESPONSE', 0, false, 'invoice view URL is not an http(s) URL');
  }
  return parsed;
}

function describeInvoiceUrl(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).at(-1) ?? '';
  return `${url.host} document ${/^[0-9a-f]{32,}$/i.test(last) ? '(key)' : last}`;
}
