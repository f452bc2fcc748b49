import { DateTime } from 'luxon';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandboxes, startSandboxes, type TripleSeatEvent } from '../../../dev/sandbox';
import { seedTripleSeatEvents } from '../../../dev/sandbox/tripleseat-seed';

// Noon in Los Angeles, 1 PM in Denver: every seeded "today" event is on 12/28/2025.
const start = Date.parse('2025-12-28T20:00:00Z');
let nowMs = start;
const sandboxes: Sandboxes = await startSandboxes({ now: () => new Date(nowMs), tripleseatPerSecond: 1000 });
const base = sandboxes.env.TRIPLESEAT_API_URL;
const credentials = {
  client_id: sandboxes.env.TRIPLESEAT_CLIENT_ID,
  client_secret: sandboxes.env.TRIPLESEAT_CLIENT_SECRET,
};

afterAll(() => sandboxes.close());
beforeEach(() => {
  nowMs = start;
  sandboxes.reset();
});

type Json = Record<string, unknown>;

async function grant(form: Record<string, string>, origin = base): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${origin}/oauth2/token`, { method: 'POST', body: new URLSearchParams(form) });
  return { status: response.status, body: (await response.json()) as Json };
}

async function accessToken(origin = base): Promise<string> {
  const { body } = await grant({ grant_type: 'client_credentials', ...credentials }, origin);
  return String(body.access_token);
}

const api = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token}` } });

async function search(
  query: Record<string, string>,
  token: string,
): Promise<{ total_pages: number; results: Json[] }> {
  const response = await api(`/v1/events/search.json?${new URLSearchParams(query)}`, token);
  expect(response.status).toBe(200);
  return (await response.json()) as { total_pages: number; results: Json[] };
}

const unwrap = (result: Json): Json => (result.event as Json | undefined) ?? result;
const idsOf = (results: Json[]): number[] => results.map((r) => Number(unwrap(r).id));

describe('TripleSeat sandbox OAuth2', () => {
  it('issues a Bearer token and a refresh token for client credentials', async () => {
    const { status, body } = await grant({ grant_type: 'client_credentials', ...credentials });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 7200,
      scope: 'events:read bookings:read',
    });
    expect(body.access_token).toMatch(/^[0-9a-f]{64}$/);
    expect(body.refresh_token).toMatch(/^[0-9a-f]{64}$/);
    expect(body.created_at).toBe(start / 1000);
  });

  it('refuses wrong client credentials with 401 invalid_client', async () => {
    const { status, body } = await grant({
      grant_type: 'client_credentials',
      client_id: 'x',
      client_secret: 'y',
    });
    expect(status).toBe(401);
    expect(body).toEqual({ error: 'invalid_client' });
  });

  it('rotates the refresh token: the new one works, the used one is refused', async () => {
    const first = await grant({ grant_type: 'client_credentials', ...credentials });
    const refresh = {
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
      ...credentials,
    };
    const second = await grant(refresh);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    expect((await api('/v1/events/55521609.json', String(second.body.access_token))).status).toBe(200);

    const reused = await grant(refresh);
    expect(reused).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    const third = await grant({ ...refresh, refresh_token: String(second.body.refresh_token) });
    expect(third.status).toBe(200);
  });

  it('answers a missing or unknown token with a 302 to its HTML sign-in page', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer not-a-token' }];
    for (const headers of attempts) {
      const response = await fetch(`${base}/v1/events/55521609.json`, { headers, redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('location')).toBe(`${base}/sign_in`);
      expect(await response.text()).toContain('Sign in to Tripleseat');
    }
    const followed = await fetch(`${base}/v1/events/55521609.json`);
    expect(followed.status).toBe(200);
    expect(await followed.text()).toMatch(/^<!DOCTYPE html>/);
  });

  it('answers an expired token with 401 "Token expired"', async () => {
    const token = await accessToken();
    nowMs = start + 7200 * 1000;
    const response = await api('/v1/events/55521609.json', token);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'Token expired' });
  });
});

describe('TripleSeat sandbox events', () => {
  it('serves an event with string money and US dates, without documents unless show_financial=true', async () => {
    const token = await accessToken();
    const plain = (await (await api('/v1/events/55521609.json', token)).json()) as { event: Json };
    expect(plain.event).toMatchObject({
      id: 55521609,
      status: 'DEFINITE',
      event_date: '12/28/2025',
      event_date_iso8601: '2025-12-28',
      event_start: '12/28/2025 6:00 PM',
      event_start_utc: '2025-12-29T02:00:00Z',
      event_timezone: 'America/Los_Angeles',
      site_id: 15691,
      location_id: 101,
      location: { id: 101, name: 'Downtown' },
      contact: { first_name: 'Jon', last_name: 'Ponder' },
      deleted_at: null,
    });
    expect(plain.event.grand_total).toMatch(/^\d+\.\d{2}$/);
    expect(plain.event).not.toHaveProperty('documents');

    const financial = (await (await api('/v1/events/55521609?show_financial=true', token)).json()) as {
      event: TripleSeatEvent;
    };
    const items = financial.event.documents[0]?.line_items ?? [];
    expect(items[0]).toMatchObject({
      quantity: '8',
      price: '2.50',
      total_price: '20.00',
      display_name: 'Maple Bar',
    });
    expect(items.find((i) => i.display_name === '')?.description).toBe('Fruit Platter - seasonal');
    expect(items.find((i) => i.category?.name === 'Special Instructions')).toMatchObject({
      description: 'No nuts please',
      quantity: '1',
      price: '0.00',
    });
  });

  it('serves event 55521610 with documents that carry no line_items key', async () => {
    const token = await accessToken();
    const body = (await (await api('/v1/events/55521610.json?show_financial=true', token)).json()) as {
      event: TripleSeatEvent;
    };
    expect(body.event.status).toBe('CLOSED');
    expect(body.event.documents[0]).not.toHaveProperty('line_items');
    expect(body.event.documents[0]?.views[0]?.name).toBe('Invoice');
  });

  it('answers an unknown event id with 404 JSON', async () => {
    const response = await api('/v1/events/123.json', await accessToken());
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Not found' });
  });

  it('dates seeded events relative to now: yesterday, today and tomorrow in their own zones', () => {
    expect(sandboxes.tripleseat.event(55521612)?.event_date).toBe('12/29/2025');
    expect(sandboxes.tripleseat.event(55521613)?.event_date).toBe('12/27/2025');
    expect(sandboxes.tripleseat.event(55521613)?.updated_at).toBe('12/28/2025 9:00 AM');
    expect(sandboxes.tripleseat.event(55521616)?.event_timezone).toBe('America/Denver');
    expect(sandboxes.tripleseat.event(55521615)?.location).toEqual({ id: 999, name: 'Pop-up' });
  });

  it('keeps every "today" event on the local date of its zone at any hour of the day', () => {
    const todayIds = [55521609, 55521610, 55521611, 55521614, 55521615, 55521616, 55521617, 55521618];
    for (let hour = 0; hour < 24; hour += 1) {
      const now = new Date(start + hour * 3_600_000);
      for (const { event } of seedTripleSeatEvents(now, 'http://sandbox')) {
        if (!todayIds.includes(event.id)) continue;
        const today = DateTime.fromJSDate(now).setZone(event.event_timezone).toISODate();
        expect(event.event_date_iso8601).toBe(today);
        expect(event.event_end_iso8601.slice(0, 10)).toBe(today);
      }
    }
  });

  it('lets a test change an event, bumping updated_at', async () => {
    nowMs = start + 60_000;
    sandboxes.tripleseat.updateEvent(55521614, { status: 'DEFINITE' });
    const body = (await (await api('/v1/events/55521614.json', await accessToken())).json()) as {
      event: Json;
    };
    expect(body.event.status).toBe('DEFINITE');
    expect(body.event.updated_at).toBe('2025-12-28T12:01:00-08:00');
  });

  it('stamps a change to the minute in the US form when updatedAtFormat is us-minute', async () => {
    nowMs = start + 90_000;
    sandboxes.tripleseat.behave({ updatedAtFormat: 'us-minute' });
    sandboxes.tripleseat.updateEvent(55521614, { status: 'DEFINITE' });
    const body = (await (await api('/v1/events/55521614.json', await accessToken())).json()) as {
      event: Json;
    };
    expect(body.event.updated_at).toBe('12/28/2025 12:01 PM');
  });
});

describe('TripleSeat sandbox search', () => {
  it('requires event_start_date and event_end_date together', async () => {
    const response = await api('/v1/events/search.json?event_start_date=12/28/2025', await accessToken());
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.stringContaining('event_end_date') });
  });

  it('pages 50 events at a time and alternates wrapped and bare results', async () => {
    sandboxes.tripleseat.addFillerEvents(60);
    const token = await accessToken();
    const day = { event_start_date: '12/28/2025', event_end_date: '12/28/2025' };
    const first = await search({ ...day, page: '1' }, token);
    const second = await search({ ...day, page: '2' }, token);
    expect(first.total_pages).toBe(2);
    expect(first.results).toHaveLength(50);
    expect(second.results).toHaveLength(23); // 60 fillers + 13 seeded events dated today
    expect(first.results[0]).toHaveProperty('event');
    expect(first.results[1]).toHaveProperty('id');
    expect(first.results[0]).not.toHaveProperty('event.documents');
    expect(new Set(idsOf([...first.results, ...second.results])).size).toBe(73);
  });

  it('filters by location, lower-case status and event date in the event zone', async () => {
    const token = await accessToken();
    const day = { event_start_date: '12/28/2025', event_end_date: '12/28/2025' };
    expect(idsOf((await search({ ...day, location_ids: '102' }, token)).results)).toEqual([
      55521616, 55521620,
    ]);
    expect(
      idsOf((await search({ ...day, location_ids: '101', status: 'definite,closed' }, token)).results),
    ).toEqual([55521609, 55521610, 55521611, 55521617, 55521618, 55521619, 55521621, 55521622, 55521623]);
    const tomorrow = { event_start_date: '12/29/2025', event_end_date: '12/29/2025' };
    expect(idsOf((await search(tomorrow, token)).results)).toEqual([55521612]);
  });

  it('filters updated dates by day in the site zone, whatever the updated_at format', async () => {
    const token = await accessToken();
    const updatedToday = { event_updated_start_date: '12/28/2025', event_updated_end_date: '12/28/2025' };
    const ids = idsOf((await search(updatedToday, token)).results);
    expect(ids).toContain(55521613); // updated_at in "MM/DD/YYYY h:mm AM" form
    expect(ids).toContain(55521616);
    expect(ids).not.toContain(55521617); // updated 20 h ago: yesterday in Los Angeles
  });
});

describe('TripleSeat sandbox invoice portal', () => {
  const invoiceUrl = (id: number) => sandboxes.tripleseat.event(id)?.documents[0]?.views[0]?.url ?? '';

  it('serves the invoice page linked from the document views without auth', async () => {
    expect(invoiceUrl(55521609)).toMatch(new RegExp(`^${base}/doc/[0-9a-f]{40}/\\d+$`));
    const response = await fetch(invoiceUrl(55521609));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const page = await response.text();
    expect(page).toContain('<strong>CONTACT:</strong> Jon Ponder');
    expect(page).toMatch(
      /<b>Qty<\/b><\/td><td><b>Description<\/b><\/td><td><b>Price<\/b><\/td><td><b>Total<\/b>/,
    );
    expect(page).toContain('MAPLE BAR - Maple frosted raised bar</span></td><td class="money">$2.50</td>');
    expect(page).toContain('<b>Description</b></td><td><b>Percent</b>');
  });

  it('serves the HTML-only invoice of 55521610 with entities, thousands separators and a category row', async () => {
    const page = await (await fetch(invoiceUrl(55521610))).text();
    expect(page).toContain('<strong>BREAKFAST BURRITO</strong> - Eggs, potato &amp; cheddar');
    expect(page).toContain('$1,200.00');
    expect(page).toContain('Food ($1,352.00)');
    expect(page).toContain('<td>&nbsp;</td>');
  });

  it('answers an unknown invoice token with a 404 page', async () => {
    const response = await fetch(`${base}/doc/${'0'.repeat(40)}/7312609`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('<h1>Not Found</h1>');
  });
});

describe('TripleSeat sandbox rate limit', () => {
  it('answers 429 beyond the per-second limit, with Retry-After on every other 429 only', async () => {
    const limited = await startSandboxes({ tripleseatPerSecond: 3 });
    try {
      const token = await accessToken(limited.env.TRIPLESEAT_API_URL);
      const answers: { status: number; retryAfter: string | null }[] = [];
      for (let i = 0; i < 6; i += 1) {
        const response = await fetch(`${limited.env.TRIPLESEAT_API_URL}/v1/events/55521609.json`, {
          headers: { authorization: `Bearer ${token}` },
        });
        answers.push({ status: response.status, retryAfter: response.headers.get('retry-after') });
        if (response.status === 429) expect(await response.json()).toEqual({ error: 'Rate limit exceeded' });
        else await response.arrayBuffer();
      }
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429, 429, 429]);
      expect(answers.slice(3).map((a) => a.retryAfter)).toEqual(['1', null, '1']);
    } finally {
      await limited.close();
    }
  });
});
