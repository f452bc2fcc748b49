import { describe, expect, it, vi } from 'vitest';
import { InputError, VendorError } from '#functions/core/domain/errors';
import type { Logger } from '#functions/core/ports/logger';
import {
  MAX_SEARCH_PAGES,
  TripleSeatClient,
  type TripleSeatClientOptions,
} from '#functions/tripleseat/client';

interface Call {
  method: string;
  url: URL;
  headers: Headers;
}

const API = 'https://api.tripleseat.test';
const SECRET = 'client-secret-xyz';

/** A fake TripleSeat: the token endpoint always works unless `onToken` says otherwise. */
function fakeTripleSeat(
  onApi: (call: Call, n: number) => Response | Promise<Response>,
  onToken: (n: number) => Response = (n) => json({ access_token: `token-${n}`, expires_in: 7200 }),
) {
  const calls: Call[] = [];
  let tokenCalls = 0;
  let apiCalls = 0;
  const fetchFn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const call = {
      method: init?.method ?? 'GET',
      url: new URL(String(input)),
      headers: new Headers(init?.headers),
    };
    calls.push(call);
    if (call.url.pathname === '/oauth2/token') return onToken(++tokenCalls);
    return onApi(call, ++apiCalls);
  };
  return {
    fetch: fetchFn as typeof fetch,
    calls,
    apiCalls: () => calls.filter((c) => c.url.pathname !== '/oauth2/token'),
    tokenCalls: () => tokenCalls,
  };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const html = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'content-type': 'text/html', ...headers } });

const rawEvent = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Event ${id}`,
  status: 'DEFINITE',
  event_date: '12/28/2025',
  ...extra,
});

function client(fetchFn: typeof fetch, extra: Partial<TripleSeatClientOptions> = {}) {
  const sleeps: number[] = [];
  const instance = new TripleSeatClient({
    apiUrl: `${API}/`,
    clientId: 'client-1',
    clientSecret: SECRET,
    fetch: fetchFn,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => 0,
    perSecond: 1_000_000,
    ...extra,
  });
  return { instance, sleeps };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}

describe('TripleSeatClient.getEvent', () => {
  it('fetches the event with show_financial=true and a Bearer token, and normalises it', async () => {
    const vendor = fakeTripleSeat(() => json({ event: rawEvent(55521609) }));
    const event = await client(vendor.fetch).instance.getEvent('55521609');
    expect(event).toMatchObject({ id: '55521609', status: 'DEFINITE', eventDate: '2025-12-28' });
    const [call] = vendor.apiCalls();
    expect(call?.url.pathname).toBe('/v1/events/55521609.json');
    expect(call?.url.searchParams.get('show_financial')).toBe('true');
    expect(call?.headers.get('authorization')).toBe('Bearer token-1');
  });

  it('retries a 429 and honours Retry-After', async () => {
    const vendor = fakeTripleSeat((_, n) =>
      n === 1 ? json({ error: 'slow down' }, 429, { 'retry-after': '7' }) : json({ event: rawEvent(1) }),
    );
    const { instance, sleeps } = client(vendor.fetch);
    await expect(instance.getEvent('1')).resolves.toMatchObject({ id: '1' });
    expect(sleeps).toContain(7000);
    expect(vendor.apiCalls()).toHaveLength(2);
  });

  it('retries a 5xx, then reports a retryable TRIPLESEAT_UNAVAILABLE', async () => {
    const vendor = fakeTripleSeat(() => html('<h1>502 Bad Gateway</h1>', 502));
    const { instance } = client(vendor.fetch, { retryPolicy: { maxAttempts: 3 } });
    const error = await failure(instance.getEvent('1'));
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ code: 'TRIPLESEAT_UNAVAILABLE', status: 502, retryable: true });
    expect(vendor.apiCalls()).toHaveLength(3);
  });

  it('reports a connection failure as retryable TRIPLESEAT_UNAVAILABLE with status 0', async () => {
    const vendor = fakeTripleSeat(() => {
      throw new TypeError('fetch failed');
    });
    const error = await failure(
      client(vendor.fetch, { retryPolicy: { maxAttempts: 2 } }).instance.getEvent('1'),
    );
    expect(error).toMatchObject({ code: 'TRIPLESEAT_UNAVAILABLE', status: 0, retryable: true });
  });

  it('gets a fresh token once after a 401 and succeeds with it', async () => {
    const vendor = fakeTripleSeat((call) =>
      call.headers.get('authorization') === 'Bearer token-1'
        ? json({ error: 'expired' }, 401)
        : json({ event: rawEvent(1) }),
    );
    await expect(client(vendor.fetch).instance.getEvent('1')).resolves.toMatchObject({ id: '1' });
    expect(vendor.tokenCalls()).toBe(2);
  });

  it('gives up with a non-retryable TRIPLESEAT_AUTH when the fresh token gets a 401 too', async () => {
    const vendor = fakeTripleSeat(() => json({ error: 'Token resource owner not found' }, 401));
    const error = await failure(client(vendor.fetch).instance.getEvent('1'));
    expect(error).toMatchObject({ code: 'TRIPLESEAT_AUTH', status: 401, retryable: false });
    expect((error as VendorError).message).toContain('Token resource owner not found');
    expect((error as VendorError).message).not.toMatch(/token-\d|client-secret/);
    expect(vendor.apiCalls()).toHaveLength(2);
    expect(vendor.tokenCalls()).toBe(2);
  });

  it.each([200, 302])('treats an HTML login page answered with %i as TRIPLESEAT_AUTH', async (status) => {
    const vendor = fakeTripleSeat(() =>
      html('<html><body>Please log in</body></html>', status, { location: 'https://login.tripleseat.com/' }),
    );
    const error = await failure(client(vendor.fetch).instance.getEvent('1'));
    expect(error).toMatchObject({ code: 'TRIPLESEAT_AUTH', status, retryable: false });
  });

  it.each([403, 404])('reports a %i as a non-retryable TRIPLESEAT_NOT_FOUND', async (status) => {
    const vendor = fakeTripleSeat(() => json({ error: 'Event not found' }, status));
    const error = await failure(client(vendor.fetch).instance.getEvent('404'));
    expect(error).toMatchObject({ code: 'TRIPLESEAT_NOT_FOUND', status, retryable: false });
    expect(vendor.apiCalls()).toHaveLength(1);
  });

  it('reports JSON that fails the schema as TRIPLESEAT_BAD_RESPONSE naming the field path', async () => {
    const badItem = { id: 7, quantity: 'lots', price: '1.00', display_name: 'Cake' };
    const vendor = fakeTripleSeat(() =>
      json({ event: rawEvent(1, { documents: [{ id: 2, line_items: [badItem] }] }) }),
    );
    const error = await failure(client(vendor.fetch).instance.getEvent('1'));
    expect(error).toMatchObject({ code: 'TRIPLESEAT_BAD_RESPONSE', retryable: false });
    expect((error as VendorError).message).toContain('documents.0.line_items.0');
    expect((error as VendorError).message).toContain('line item 7 "Cake"');
  });

  it('reports a token endpoint login page as TRIPLESEAT_AUTH before calling the API', async () => {
    const vendor = fakeTripleSeat(
      () => json({ event: rawEvent(1) }),
      () => html('<html>login</html>'),
    );
    const error = await failure(client(vendor.fetch).instance.getEvent('1'));
    expect(error).toMatchObject({ code: 'TRIPLESEAT_AUTH' });
    expect(vendor.apiCalls()).toHaveLength(0);
  });

  it('spaces calls through one rate limiter shared by token and event requests', async () => {
    const vendor = fakeTripleSeat(() => json({ event: rawEvent(1) }));
    const { instance, sleeps } = client(vendor.fetch, { perSecond: 10 });
    await instance.getEvent('1');
    await instance.getEvent('1');
    // Clock frozen at 0: slots at 0, 105 and 210 ms for token, event, event (10/s with the margin).
    expect(sleeps).toEqual([105, 210]);
  });
});

describe('TripleSeatClient.searchEvents', () => {
  it('reads every page up to total_pages, unwrapping both result shapes', async () => {
    const vendor = fakeTripleSeat((call) => {
      const page = Number(call.url.searchParams.get('page'));
      const results =
        page === 1 ? [{ event: rawEvent(1) }, rawEvent(2)] : [rawEvent(3), { event: rawEvent(2) }];
      return json({ total_pages: 2, results });
    });
    const events = await client(vendor.fetch).instance.searchEvents({
      eventDate: { from: '2025-12-28', to: '2025-12-28' },
    });
    expect(events.map((e) => e.id)).toEqual(['1', '2', '3']);
    expect(vendor.apiCalls().map((c) => c.url.searchParams.get('page'))).toEqual(['1', '2']);
  });

  it('sends MM/DD/YYYY date pairs and a comma list of locations, without show_financial', async () => {
    const vendor = fakeTripleSeat(() => json({ total_pages: 1, results: [] }));
    await client(vendor.fetch).instance.searchEvents({
      eventDate: { from: '2025-12-28', to: '2025-12-29' },
      updated: { from: '2025-12-26', to: '2025-12-28' },
      locationIds: ['301', '302'],
    });
    const [call] = vendor.apiCalls();
    expect(call?.url.pathname).toBe('/v1/events/search.json');
    expect(Object.fromEntries(call?.url.searchParams ?? [])).toMatchObject({
      event_start_date: '12/28/2025',
      event_end_date: '12/29/2025',
      event_updated_start_date: '12/26/2025',
      event_updated_end_date: '12/28/2025',
      location_ids: '301,302',
      page: '1',
    });
    expect(call?.url.searchParams.has('show_financial')).toBe(false);
  });

  it(`stops after ${MAX_SEARCH_PAGES} pages when total_pages never ends, and says so`, async () => {
    const vendor = fakeTripleSeat((call) =>
      json({ total_pages: 1_000_000, results: [rawEvent(Number(call.url.searchParams.get('page')))] }),
    );
    const logger: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const events = await client(vendor.fetch, { logger }).instance.searchEvents({
      updated: { from: '2025-12-26', to: '2025-12-28' },
    });
    expect(events).toHaveLength(MAX_SEARCH_PAGES);
    expect(vendor.apiCalls()).toHaveLength(MAX_SEARCH_PAGES);
    expect(logger.warn).toHaveBeenCalledOnce();
  });

  it('stops at an empty page even if total_pages promised more', async () => {
    const vendor = fakeTripleSeat((_, n) => json({ total_pages: 5, results: n === 1 ? [rawEvent(1)] : [] }));
    const events = await client(vendor.fetch).instance.searchEvents({
      eventDate: { from: '2025-12-28', to: '2025-12-28' },
    });
    expect(events).toHaveLength(1);
    expect(vendor.apiCalls()).toHaveLength(2);
  });

  it('rejects a date that is not YYYY-MM-DD before calling TripleSeat', async () => {
    const vendor = fakeTripleSeat(() => json({ results: [] }));
    const error = await failure(
      client(vendor.fetch).instance.searchEvents({ eventDate: { from: '12/28/2025', to: '2025-12-28' } }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(vendor.calls).toHaveLength(0);
  });
});

describe('TripleSeatClient.fetchInvoiceHtml', () => {
  const invoiceUrl = 'https://portal.tripleseat.test/doc/0123456789abcdef0123456789abcdef01234567/9001';

  it('fetches the public portal page without an Authorization header', async () => {
    const vendor = fakeTripleSeat(() => html('<table></table>'));
    await expect(client(vendor.fetch).instance.fetchInvoiceHtml(invoiceUrl)).resolves.toBe('<table></table>');
    expect(vendor.tokenCalls()).toBe(0);
    expect(vendor.calls[0]?.headers.has('authorization')).toBe(false);
  });

  it('follows a redirect to the page', async () => {
    const vendor = fakeTripleSeat((call) =>
      call.url.pathname.startsWith('/doc/')
        ? new Response(null, { status: 301, headers: { location: '/v2/invoice/9001' } })
        : html('moved here'),
    );
    await expect(client(vendor.fetch).instance.fetchInvoiceHtml(invoiceUrl)).resolves.toBe('moved here');
    expect(vendor.calls[1]?.url.href).toBe('https://portal.tripleseat.test/v2/invoice/9001');
  });

  it('reports a missing page as TRIPLESEAT_NOT_FOUND without leaking the document key', async () => {
    const vendor = fakeTripleSeat(() => html('gone', 404));
    const error = await failure(client(vendor.fetch).instance.fetchInvoiceHtml(invoiceUrl));
    expect(error).toMatchObject({ code: 'TRIPLESEAT_NOT_FOUND', status: 404, retryable: false });
    expect((error as VendorError).message).toContain('9001');
    expect((error as VendorError).message).not.toContain('0123456789abcdef');
  });

  it('reports a portal outage as retryable TRIPLESEAT_UNAVAILABLE', async () => {
    const vendor = fakeTripleSeat(() => html('down', 503));
    const error = await failure(
      client(vendor.fetch, { retryPolicy: { maxAttempts: 2 } }).instance.fetchInvoiceHtml(invoiceUrl),
    );
    expect(error).toMatchObject({ code: 'TRIPLESEAT_UNAVAILABLE', status: 503, retryable: true });
  });

  it('refuses a view URL that is not http(s)', async () => {
    const vendor = fakeTripleSeat(() => html('never'));
    const error = await failure(client(vendor.fetch).instance.fetchInvoiceHtml('javascript:alert(1)'));
    expect(error).toMatchObject({ code: 'TRIPLESEAT_BAD_RESPONSE' });
    expect(vendor.calls).toHaveLength(0);
  });
});
