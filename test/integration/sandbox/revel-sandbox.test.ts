import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandboxes, startSandboxes } from '../../../dev/sandbox';

const sandboxes: Sandboxes = await startSandboxes({ now: () => new Date('2025-12-28T20:00:00Z') });
const base = sandboxes.env.REVEL_API_URL;
const auth = { 'API-AUTHENTICATION': `${sandboxes.env.REVEL_API_KEY}:${sandboxes.env.REVEL_API_SECRET}` };

afterAll(() => sandboxes.close());
beforeEach(() => sandboxes.reset());

type Json = Record<string, unknown>;
interface List {
  meta: { limit: number; offset: number; next: string | null; previous: string | null; total_count: number };
  objects: Json[];
}

async function get(path: string): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${base}${path}`, { headers: auth });
  return { status: response.status, body: (await response.json()) as Json };
}

const list = async (path: string): Promise<List> => (await get(path)).body as unknown as List;

async function send(
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

const validOrder = (overrides: Json = {}): Json => ({
  establishment: '/enterprise/Establishment/4/',
  created_by: '/enterprise/User/1/',
  station: '/resources/PosStation/4/',
  dining_option: 113,
  local_id: 'Triple Seat_55521609',
  created_date: '2025-12-28T12:00:00',
  final_total: 0,
  tax: 0,
  subtotal: 0,
  remaining_due: 0,
  surcharge: 0,
  ...overrides,
});

describe('Revel sandbox auth', () => {
  it('answers 401 JSON without the API-AUTHENTICATION header or with a wrong secret', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { 'API-AUTHENTICATION': `${sandboxes.env.REVEL_API_KEY}:wrong` },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${base}/resources/Product/`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'Unauthorized' });
    }
  });

  it('refuses an api_key in the query string even beside a valid header', async () => {
    const { status } = await get(`/resources/Product/?api_key=${sandboxes.env.REVEL_API_KEY}`);
    expect(status).toBe(401);
  });
});

describe('Revel sandbox lists', () => {
  it('pages products 20 at a time and links the next page with the same filters', async () => {
    const first = await list('/resources/Product/?establishment=4');
    expect(first.meta).toEqual({
      limit: 20,
      offset: 0,
      next: '/resources/Product/?establishment=4&limit=20&offset=20',
      previous: null,
      total_count: 26,
    });
    expect(first.objects[0]).toMatchObject({
      id: 579,
      name: 'Maple Bar',
      price: 2.5,
      active: true,
      establishment: '/enterprise/Establishment/4/',
    });
    const second = await list(first.meta.next ?? '');
    expect(second.objects).toHaveLength(6);
    expect(second.meta.next).toBeNull();
    expect(second.objects.map((p) => p.name)).toContain('Catering Open Item');
  });

  it('caps the page size at 250', async () => {
    expect((await list('/resources/Product/?limit=1000')).meta.limit).toBe(250);
  });

  it('ignores filters on undeclared fields, so clients must check what comes back', async () => {
    const page = await list('/resources/Product/?establishment=4&name=Maple%20Bar&limit=50');
    expect(page.meta.total_count).toBe(26);
  });

  it('filters by active, __in and order_by, with or without the trailing slash', async () => {
    expect(
      (await list('/resources/Product/?establishment=4&active=false')).objects.map((p) => p.name),
    ).toEqual(['Old Fashioned Donut']);
    expect((await list('/resources/Product/?id__in=579,1203')).objects.map((p) => p.id)).toEqual([579, 1203]);
    const denver = await list('/resources/Product?establishment=7&order_by=-price');
    expect(denver.meta.total_count).toBe(9);
    expect(denver.objects[0]?.name).toBe('Fruit Platter');
  });

  it('rejects a reference URI where a query wants the plain id', async () => {
    const { status, body } = await get('/resources/Order/?establishment=/enterprise/Establishment/4/');
    expect(status).toBe(400);
    expect(body.error).toContain('mismatched type');
  });

  it('finds the legacy order by establishment and local_id', async () => {
    const page = await list('/resources/Order/?establishment=4&local_id=Triple%20Seat%2055521617');
    expect(page.objects).toHaveLength(1);
    expect(page.objects[0]).toMatchObject({
      id: 10677136,
      local_id: 'Triple Seat 55521617',
      has_items: true,
    });
  });

  it('no longer finds an order a test removed (a person deleting it in Revel), nor its items', async () => {
    expect(sandboxes.revel.removeOrder(10677136)).toBe(true);
    const page = await list('/resources/Order/?establishment=4&local_id=Triple%20Seat%2055521617');
    expect(page.objects).toEqual([]);
    expect((await list('/resources/OrderItem/?order=10677136')).objects).toEqual([]);
    expect(sandboxes.revel.removeOrder(10677136)).toBe(false);
  });

  it('finds orders under any of several local_ids in one request with local_id__in', async () => {
    await send('POST', '/resources/Order/', validOrder({ local_id: 'Triple Seat_55521617' }));
    const ids = ['Triple Seat_55521617', 'Triple Seat 55521617'].map(encodeURIComponent).join(',');
    const page = await list(`/resources/Order/?establishment=4&local_id__in=${ids}`);
    expect(page.objects.map((o) => o.local_id).sort()).toEqual([
      'Triple Seat 55521617',
      'Triple Seat_55521617',
    ]);
    expect(
      (await list('/resources/Order/?establishment=4&local_id__in=Triple%20Seat_1,Triple%20Seat%201'))
        .objects,
    ).toEqual([]);
  });

  it('answers unknown paths and unknown objects with an HTML 404 page', async () => {
    for (const path of ['/resources/Nope/', '/resources/Order/1/', '/api/v2/orders']) {
      const response = await fetch(`${base}${path}`, { headers: auth });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('<h1>Not Found</h1>');
    }
  });
});

describe('Revel sandbox order writes', () => {
  it('creates an order and answers 201 with the object, references as URIs', async () => {
    const { status, body } = await send('POST', '/resources/Order/', validOrder());
    expect(status).toBe(201);
    expect(body.id).toBeGreaterThanOrEqual(10684118);
    expect(body).toMatchObject({
      resource_uri: `/resources/Order/${body.id}/`,
      local_id: 'Triple Seat_55521609',
      establishment: '/enterprise/Establishment/4/',
      created_at: '/resources/PosStation/4/',
      final_total: 0,
      discount_amount: '0.000000',
      orderhistory: [],
      created_date: '2025-12-28T12:00:00',
    });
    expect(body.uuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names every missing required field in one 400', async () => {
    const { final_total: _f, tax: _t, ...partial } = validOrder();
    expect(await send('POST', '/resources/Order/', partial)).toEqual({
      status: 400,
      body: { error: 'Missing required fields: final_total, tax' },
    });
    const empty = await send('POST', '/resources/Order/', {});
    expect(empty.body.error).toBe(
      'Missing required fields: establishment, created_by, station, dining_option, final_total, tax, subtotal, remaining_due, surcharge',
    );
  });

  it('rejects a create that carries id or resource_uri', async () => {
    expect((await send('POST', '/resources/Order/', validOrder({ id: 5 }))).status).toBe(400);
    expect(
      (await send('POST', '/resources/Order/', validOrder({ resource_uri: '/resources/Order/5/' }))).status,
    ).toBe(400);
  });

  it('rejects UTC or offset timestamps: Revel wants naive local time', async () => {
    for (const created_date of ['2025-12-28T20:00:00Z', '2025-12-28T12:00:00-08:00']) {
      const { status, body } = await send('POST', '/resources/Order/', validOrder({ created_date }));
      expect(status).toBe(400);
      expect(body.error).toContain('created_date');
    }
  });

  it('answers 445 Integrity Error for references to missing, inactive or foreign objects', async () => {
    const bad = [
      { establishment: '/enterprise/Establishment/99/' },
      { created_by: '/enterprise/User/2/' },
      { created_by: '/enterprise/User/42/' },
      { station: '/resources/PosStation/77/' },
      { station: '/resources/PosStation/9/' },
    ];
    for (const overrides of bad) {
      const { status, body } = await send('POST', '/resources/Order/', validOrder(overrides));
      expect(status).toBe(445);
      expect(body.error).toMatch(/^Integrity Error: /);
    }
    expect(sandboxes.revel.orders()).toHaveLength(1);
  });

  it('lets two orders share a local_id, as the real Revel does', async () => {
    expect((await send('POST', '/resources/Order/', validOrder())).status).toBe(201);
    expect((await send('POST', '/resources/Order/', validOrder())).status).toBe(201);
    const page = await list('/resources/Order/?establishment=4&local_id=Triple%20Seat_55521609');
    expect(page.meta.total_count).toBe(2);
  });

  it('requires a JSON content type', async () => {
    const response = await fetch(`${base}/resources/Order/`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(validOrder()),
    });
    expect(response.status).toBe(400);
  });

  it('builds a whole order from items, payment, history and a totals patch', async () => {
    const order = (await send('POST', '/resources/Order/', validOrder())).body;
    const item = await send('POST', '/resources/OrderItem/', {
      order: order.resource_uri,
      product: '/resources/Product/579/',
      quantity: 8,
      price: 2.5,
      product_name_override: 'MAPLE BAR',
    });
    expect(item.status).toBe(201);
    expect(item.body).toMatchObject({ order: order.resource_uri, initial_price: 2.5, pure_sales: 20 });
    expect(
      (
        await send('POST', '/resources/Payment/', {
          order: order.resource_uri,
          establishment: '/enterprise/Establishment/4/',
          payment_type: 7,
          amount: 20,
          created_by: '/enterprise/User/1/',
          created_date: '2025-12-28T12:05:00',
        })
      ).status,
    ).toBe(201);
    const history = await send('POST', '/resources/OrderHistory/', {
      order: order.resource_uri,
      order_opened_by: '/enterprise/User/1/',
      order_opened_at: '/resources/PosStation/4/',
    });
    expect(history.status).toBe(201);
    const patched = await send('PATCH', `/resources/Order/${order.id}/`, { subtotal: 20, final_total: 20 });
    expect(patched.status).toBe(202);

    const stored = sandboxes.revel.orders().find((o) => o.id === order.id);
    expect(stored).toMatchObject({ subtotal: 20, final_total: 20, has_items: true });
    expect(stored?.orderhistory).toEqual([history.body.resource_uri]);
    expect(stored?.items.map((i) => i.product)).toEqual(['/resources/Product/579/']);
    expect(stored?.payments).toHaveLength(1);
    expect(stored?.histories).toHaveLength(1);
    expect((await list(`/resources/OrderItem/?order=${order.id}`)).meta.total_count).toBe(1);
  });

  it('validates order items: required fields named, unknown or foreign products refused', async () => {
    const order = (await send('POST', '/resources/Order/', validOrder())).body;
    expect(await send('POST', '/resources/OrderItem/', { order: order.resource_uri })).toEqual({
      status: 400,
      body: { error: 'Missing required fields: product, quantity, price' },
    });
    const item = { order: order.resource_uri, quantity: 1, price: 1 };
    for (const product of ['/resources/Product/4242/', '/resources/Product/1201/']) {
      expect((await send('POST', '/resources/OrderItem/', { ...item, product })).status).toBe(445);
    }
    const orphan = { ...item, order: '/resources/Order/1/', product: '/resources/Product/579/' };
    expect((await send('POST', '/resources/OrderItem/', orphan)).status).toBe(445);
  });

  it('names every missing required field of a payment, and order on a history', async () => {
    expect((await send('POST', '/resources/Payment/', {})).body.error).toBe(
      'Missing required fields: order, establishment, payment_type, amount, created_by, created_date',
    );
    expect((await send('POST', '/resources/OrderHistory/', {})).body.error).toBe(
      'Missing required fields: order',
    );
  });

  it('logs each request with its method, path, status and arrival time', async () => {
    const before = Date.now();
    await get('/resources/Product/?establishment=7');
    await send('POST', '/resources/Order/', {});
    const after = Date.now();
    const log = sandboxes.revel.requestLog();
    expect(log).toEqual([
      {
        method: 'GET',
        path: '/resources/Product/',
        query: '?establishment=7',
        status: 200,
        receivedAt: expect.any(Number),
      },
      { method: 'POST', path: '/resources/Order/', query: '', status: 400, receivedAt: expect.any(Number) },
    ]);
    const [first, second] = log.map((entry) => entry.receivedAt);
    expect(before).toBeLessThanOrEqual(first ?? 0);
    expect(first).toBeLessThanOrEqual(second ?? 0);
    expect(second).toBeLessThanOrEqual(after);
  });

  it('reports the busiest second of requests in its state, for rate checks by hand', async () => {
    await get('/resources/Product/?establishment=7');
    await get('/resources/Product/?establishment=4');
    const state = (await (await fetch(`${sandboxes.revel.origin}/__sandbox/state`)).json()) as {
      busiestSecond: { revel: { requests: number } };
    };
    expect(state.busiestSecond.revel.requests).toBeGreaterThanOrEqual(1);
    expect(state.busiestSecond.revel.requests).toBeLessThanOrEqual(2);
  });
});
