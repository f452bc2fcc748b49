import { describe, expect, it } from 'vitest';
import { VendorError } from '#functions/core/domain/errors';
import type { PlannedLine, PlannedPayment, PlannedServiceFee } from '#functions/core/domain/planned-order';
import { buildOrderPlan } from '#functions/core/order/order-plan';
import { RevelClient } from '#functions/revel/client';
import { moneyInput, orderPlanInput } from '../../support/builders';
import { caught } from '../../support/rejections';

interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

type Reply = Response | Error;

/** A fetch that answers from a list of replies (or a router) and remembers every request. */
function fakeFetch(route: (req: SeenRequest, n: number) => Reply) {
  const requests: SeenRequest[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const req: SeenRequest = {
      method: init?.method ?? 'GET',
      url: new URL(String(input)),
      headers: new Headers(init?.headers),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    requests.push(req);
    const reply = route(req, requests.length);
    if (reply instanceof Error) throw reply;
    return reply;
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

const replies = (...list: Reply[]) =>
  fakeFetch((_req, n) => list[Math.min(n, list.length) - 1] ?? new Error('no reply'));

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const html = (body: string, status: number) =>
  new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });

const page = (objects: unknown[], next: string | null = null, total = objects.length) =>
  json({ meta: { limit: 250, offset: 0, next, previous: null, total_count: total }, objects });

function makeClient(fetch: typeof globalThis.fetch, sleeps: number[] = []) {
  return new RevelClient({
    apiUrl: 'https://acme.revelup.com',
    apiKey: 'the-key',
    apiSecret: 'the-secret',
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    retryPolicy: { maxAttempts: 3 },
  });
}

const plan = buildOrderPlan(orderPlanInput({ money: moneyInput() }));
const [mapleBar, chefTasting] = plan.lines as [PlannedLine, PlannedLine];
const [payment] = plan.payments as [PlannedPayment];
/** The order as Revel answers its create. */
const createdOrder = {
  id: 10684118,
  resource_uri: '/resources/Order/10684118/',
  uuid: plan.orderUuid,
  local_id: plan.localId,
  establishment: '/enterprise/Establishment/4/',
};
const product = (id: number, name: string) => ({ id, name, price: '2.500000', active: true });

describe('RevelClient', () => {
  it('authenticates with the API-AUTHENTICATION header and never puts the key in the URL', async () => {
    const { fetch, requests } = replies(page([]));
    await makeClient(fetch).listProducts(4);
    const [req] = requests;
    expect(req?.headers.get('API-AUTHENTICATION')).toBe('the-key:the-secret');
    expect(req?.headers.get('accept')).toBe('application/json');
    expect(req?.url.href).not.toContain('the-key');
    expect(req?.url.href).not.toContain('the-secret');
    expect(req?.url.pathname).toBe('/resources/Product/');
    expect(req?.url.searchParams.get('establishment')).toBe('4');
    expect(req?.url.searchParams.get('limit')).toBe('250');
  });

  it('follows meta.next, relative or absolute, until the last page', async () => {
    const { fetch, requests } = replies(
      page([product(1, 'Maple Bar')], '/resources/Product/?establishment=4&limit=250&offset=250'),
      page([product(2, 'Coffee')], 'https://acme.revelup.com/resources/Product/?establishment=4&offset=500'),
      page([product(3, 'Tea')]),
    );
    const products = await makeClient(fetch).listProducts(4);
    expect(products.map((p) => p.id)).toEqual([1, 2, 3]);
    expect(products[0]).toEqual({ id: 1, name: 'Maple Bar', priceCents: 250, active: true });
    expect(requests.map((r) => r.url.searchParams.get('offset'))).toEqual([null, '250', '500']);
  });

  it('refuses to follow a next page on another host, which would receive the key', async () => {
    const { fetch, requests } = replies(page([product(1, 'A')], 'https://evil.example/resources/Product/'));
    const error = await caught(makeClient(fetch).listProducts(4));
    expect(error).toBeInstanceOf(VendorError);
    expect((error as VendorError).code).toBe('REVEL_BAD_RESPONSE');
    expect(requests).toHaveLength(1);
  });

  it('caches products per establishment: a second call makes no request', async () => {
    const { fetch, requests } = fakeFetch(() => page([product(1, 'Maple Bar')]));
    const client = makeClient(fetch);
    const [a, b] = await Promise.all([client.listProducts(4), client.listProducts(4)]);
    const c = await client.listProducts(4);
    expect(a).toEqual(b);
    expect(c).toEqual(a);
    expect(requests).toHaveLength(1);
    await client.listProducts(5);
    expect(requests).toHaveLength(2);
  });

  it('reloads the catalogue after five minutes, so a product added in Revel is found', async () => {
    let catalogue = [product(1, 'Maple Bar')];
    const { fetch, requests } = fakeFetch(() => page(catalogue));
    let now = 0;
    const client = new RevelClient({
      apiUrl: 'https://acme.revelup.com',
      apiKey: 'k',
      apiSecret: 's',
      fetch,
      now: () => now,
    });
    await client.listProducts(4);
    catalogue = [product(1, 'Maple Bar'), product(2, 'Unicorn Cake')];
    now = 4 * 60_000;
    expect(await client.listProducts(4)).toHaveLength(1);
    now = 5 * 60_000;
    expect((await client.listProducts(4)).map((p) => p.name)).toContain('Unicorn Cake');
    expect(requests).toHaveLength(2);
  });

  it('does not cache a failed product load', async () => {
    const { fetch, requests } = replies(html('<h1>Forbidden</h1>', 403), page([product(1, 'A')]));
    const client = makeClient(fetch);
    await expect(client.listProducts(4)).rejects.toBeInstanceOf(VendorError);
    await expect(client.listProducts(4)).resolves.toHaveLength(1);
    expect(requests).toHaveLength(2);
  });

  it('looks up every local_id format in one request and keeps only exact matches of the establishment', async () => {
    const { fetch, requests } = fakeFetch(() =>
      page([
        {
          id: 1,
          uuid: 'a',
          local_id: 'Triple Seat_555216090',
          establishment: '/enterprise/Establishment/4/',
        },
        { id: 2, uuid: 'b', local_id: 'Triple Seat_55521609', establishment: '/enterprise/Establishment/4/' },
        { id: 3, local_id: 'Triple Seat 55521609', establishment: '/enterprise/Establishment/9/' },
      ]),
    );
    const orders = await makeClient(fetch).findOrdersByLocalId(4, [
      'Triple Seat_55521609',
      'Triple Seat 55521609',
    ]);
    expect(orders.map((o) => o.id)).toEqual([2]);
    expect(orders[0]).toMatchObject({ uuid: 'b', localId: 'Triple Seat_55521609', establishmentId: 4 });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url.searchParams.get('local_id__in')).toBe(
      'Triple Seat_55521609,Triple Seat 55521609',
    );
    expect(requests[0]?.url.searchParams.get('establishment')).toBe('4');
  });

  it('reads a listed page whose other order has an integer local_id and closed 0, as old data has them', async () => {
    const { fetch } = fakeFetch(() =>
      page([
        { id: 57189, local_id: 57189, closed: 0, establishment: '/enterprise/Establishment/4/' },
        { id: 2, local_id: 'Triple Seat_55521609', closed: 1, establishment: '/enterprise/Establishment/4/' },
      ]),
    );
    const orders = await makeClient(fetch).findOrdersByLocalId(4, [
      'Triple Seat_55521609',
      'Triple Seat 55521609',
    ]);
    expect(orders).toEqual([
      expect.objectContaining({ id: 2, localId: 'Triple Seat_55521609', closed: true }),
    ]);
  });

  it('falls back to one look-up per local_id when Revel refuses local_id__in', async () => {
    const { fetch, requests } = fakeFetch((req) => {
      if (req.url.searchParams.has('local_id__in')) return json({ error: 'local_id does not allow in' }, 400);
      const asked = req.url.searchParams.get('local_id');
      return page(asked === 'Triple Seat 55521609' ? [{ id: 7, local_id: asked }] : []);
    });
    const orders = await makeClient(fetch).findOrdersByLocalId(4, [
      'Triple Seat_55521609',
      'Triple Seat 55521609',
    ]);
    expect(orders.map((o) => o.id)).toEqual([7]);
    expect(requests.map((r) => r.url.searchParams.get('local_id'))).toEqual([
      null,
      'Triple Seat_55521609',
      'Triple Seat 55521609',
    ]);
  });

  it('looks up alone a local_id holding a comma, which local_id__in cannot express', async () => {
    const { fetch, requests } = fakeFetch(() => page([]));
    await makeClient(fetch).findOrdersByLocalId(4, ['TS,55521609', 'Triple Seat_55521609']);
    expect(requests.map((r) => r.url.searchParams.get('local_id'))).toEqual([
      'TS,55521609',
      'Triple Seat_55521609',
    ]);
  });

  it("maps a 400 to REVEL_REJECTED carrying Revel's message that names the missing fields", async () => {
    const { fetch } = replies(json({ error_message: 'final_total: This field is required.' }, 400));
    const error = await caught(makeClient(fetch).createOrder(plan));
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({
      code: 'REVEL_REJECTED',
      status: 400,
      retryable: false,
      outcomeUnknown: false,
    });
    expect((error as VendorError).message).toContain('final_total: This field is required.');
  });

  it('keeps the reasons of a field-keyed error body, Rails or Tastypie style', async () => {
    const rails = replies(json({ errors: { contact: ['must be selected'], booking: ['is invalid'] } }, 422));
    const railsError = await caught(makeClient(rails.fetch).createOrder(plan));
    expect(railsError).toMatchObject({ code: 'REVEL_REJECTED', status: 422, retryable: false });
    expect((railsError as VendorError).message).toContain('contact: must be selected; booking: is invalid');
    const tastypie = replies(
      json({ order: { local_id: ['Ensure this value has at most 255 characters.'] } }, 400),
    );
    const tastypieError = await caught(makeClient(tastypie.fetch).createOrder(plan));
    expect((tastypieError as VendorError).message).toContain(
      'order.local_id: Ensure this value has at most 255 characters.',
    );
  });

  it('maps a 445 Integrity Error to REVEL_REJECTED, not retryable', async () => {
    const { fetch, requests } = replies(json({ error: 'Integrity Error' }, 445));
    const error = await caught(makeClient(fetch).createOrderItem(plan, 1, mapleBar, 0));
    expect(error).toMatchObject({ code: 'REVEL_REJECTED', status: 445, retryable: false });
    expect((error as VendorError).message).toContain('Integrity Error');
    expect(requests).toHaveLength(1);
  });

  it('maps an HTML 404 page to REVEL_NOT_FOUND and an HTML 403 page to REVEL_AUTH', async () => {
    const notFound = replies(html('<html><body>Page not found</body></html>', 404));
    await expect(makeClient(notFound.fetch).setOrderTotals(plan, 7)).rejects.toMatchObject({
      code: 'REVEL_NOT_FOUND',
      retryable: false,
    });
    const forbidden = replies(html('<html>Forbidden</html>', 403));
    await expect(makeClient(forbidden.fetch).listOrderItems(7)).rejects.toMatchObject({
      code: 'REVEL_AUTH',
      retryable: false,
    });
  });

  it('maps a 401 to REVEL_AUTH without retrying', async () => {
    const { fetch, requests } = replies(json({ error: 'bad key' }, 401));
    await expect(makeClient(fetch).listPaymentUuids(7)).rejects.toMatchObject({ code: 'REVEL_AUTH' });
    expect(requests).toHaveLength(1);
  });

  it('treats an HTML page answered with 200 as REVEL_BAD_RESPONSE, never as data', async () => {
    const { fetch } = replies(html('<html><form action="/login"></form></html>', 200));
    await expect(makeClient(fetch).listProducts(4)).rejects.toMatchObject({
      code: 'REVEL_BAD_RESPONSE',
      retryable: false,
    });
  });

  it('retries a 429 and honours Retry-After', async () => {
    const sleeps: number[] = [];
    const { fetch, requests } = replies(json({}, 429, { 'retry-after': '2' }), page([product(1, 'A')]));
    const products = await makeClient(fetch, sleeps).listProducts(4);
    expect(products).toHaveLength(1);
    expect(requests).toHaveLength(2);
    expect(sleeps).toContain(2000);
  });

  it('retries a POST refused with 429, which Revel answers before doing any work', async () => {
    const { fetch, requests } = replies(json({}, 429, { 'retry-after': '1' }), json(createdOrder, 201));
    const order = await makeClient(fetch).createOrder(plan);
    expect(order.id).toBe(10684118);
    expect(requests).toHaveLength(2);
  });

  it('reports a 429 that outlasts the retries as REVEL_UNAVAILABLE, retryable', async () => {
    const { fetch, requests } = fakeFetch(() => json({}, 429));
    const error = await caught(makeClient(fetch).countOrderHistory(7));
    expect(error).toMatchObject({
      code: 'REVEL_UNAVAILABLE',
      status: 429,
      retryable: true,
      outcomeUnknown: false,
    });
    expect(requests).toHaveLength(3);
  });

  it('retries a GET that answered 503 and returns the later success', async () => {
    const rows = [
      { id: 1, order: '/resources/Order/7/' },
      { id: 2, order: '/resources/Order/7/' },
    ];
    const { fetch, requests } = replies(html('<h1>Bad gateway</h1>', 503), page(rows, null, 2));
    await expect(makeClient(fetch).countOrderHistory(7)).resolves.toBe(2);
    expect(requests).toHaveLength(2);
  });

  it('sends a POST that answered 504 once and flags its outcome as unknown', async () => {
    const { fetch, requests } = replies(html('<h1>Gateway Timeout</h1>', 504));
    const error = await caught(makeClient(fetch).createOrder(plan));
    expect(error).toMatchObject({
      code: 'REVEL_UNAVAILABLE',
      status: 504,
      retryable: true,
      outcomeUnknown: true,
    });
    expect(requests).toHaveLength(1);
  });

  it('flags a POST whose connection failed as outcome unknown, a GET as plainly unavailable', async () => {
    const post = replies(new TypeError('fetch failed'));
    await expect(makeClient(post.fetch).createPayment(plan, 7, payment)).rejects.toMatchObject({
      code: 'REVEL_UNAVAILABLE',
      status: 0,
      outcomeUnknown: true,
    });
    expect(post.requests).toHaveLength(1);
    const get = fakeFetch(() => new TypeError('fetch failed'));
    await expect(makeClient(get.fetch).listOrderItems(1)).rejects.toMatchObject({
      code: 'REVEL_UNAVAILABLE',
      outcomeUnknown: false,
    });
    expect(get.requests).toHaveLength(3);
  });

  it('sends the order, item, totals, payment and history bodies proven in production', async () => {
    const { fetch, requests } = fakeFetch((req) =>
      json({ id: 42, resource_uri: '/resources/Order/42/', ...(req.body as object) }, 201),
    );
    const client = makeClient(fetch);
    await client.createOrder(plan);
    await client.createOrderItem(plan, 42, mapleBar, 0);
    await client.createOrderItem(plan, 42, chefTasting, 1);
    await client.setOrderTotals(plan, 42);
    await client.createPayment(plan, 42, payment);
    await client.createOrderHistory(plan, 42);

    const user = '/enterprise/User/1/';
    const station = '/resources/PosStation/5/';
    const at = '2025-12-28T18:00:00';
    const sent = requests.map((r) => ({ method: r.method, path: r.url.pathname, body: r.body }));
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/resources/Order/',
        body: {
          uuid: plan.orderUuid,
          establishment: '/enterprise/Establishment/4/',
          pos_mode: 'Q',
          local_id: 'Triple Seat_55521609',
          web_order: true,
          notes: 'Triple Seat Event #55521609',
          call_name: 'Ann Lee | 555-0100',
          dining_option: 113,
          created_date: at,
          updated_date: at,
          created_by: user,
          updated_by: user,
          station,
          created_at: station,
          last_updated_at: station,
          final_total: 0,
          tax: 0,
          subtotal: 0,
          remaining_due: 0,
          surcharge: 0,
        },
      },
      {
        method: 'POST',
        path: '/resources/OrderItem/',
        body: {
          uuid: mapleBar.uuid,
          order: '/resources/Order/42/',
          product: '/resources/Product/579/',
          quantity: 6,
          price: 1.7,
          initial_price: 1.7,
          price_to_display: 1.7,
          created_by: user,
          updated_by: user,
          station,
          created_date: at,
          updated_date: at,
          tax_amount: 0.85,
          modifier_amount: 0,
          temp_sort: 0,
          tax_rate: 0,
          dining_option: 113,
        },
      },
      {
        method: 'POST',
        path: '/resources/OrderItem/',
        body: {
          uuid: chefTasting.uuid,
          order: '/resources/Order/42/',
          product: '/resources/Product/900/',
          quantity: 1,
          price: 45,
          initial_price: 45,
          price_to_display: 45,
          product_name_override: 'Chef Tasting',
          created_by: user,
          updated_by: user,
          station,
          created_date: at,
          updated_date: at,
          tax_amount: 3.75,
          modifier_amount: 0,
          temp_sort: 1,
          tax_rate: 0,
          dining_option: 113,
        },
      },
      {
        method: 'PATCH',
        path: '/resources/Order/42/',
        // 6 × 1.70 + 45.00, TripleSeat's tax 4.60, 20.00 paid: Revel does not recompute tax on orders built this way.
        body: { subtotal: 55.2, tax: 4.6, final_total: 59.8, remaining_due: 39.8 },
      },
      {
        method: 'POST',
        path: '/resources/Payment/',
        body: {
          uuid: payment.uuid,
          order: '/resources/Order/42/',
          establishment: '/enterprise/Establishment/4/',
          payment_type: 7,
          amount: 20,
          tip: 0,
          created_by: user,
          station,
          created_date: '2025-12-20T12:00:00',
          payment_date: '2025-12-20T12:00:00',
        },
      },
      {
        method: 'POST',
        path: '/resources/OrderHistory/',
        body: { order: '/resources/Order/42/', order_opened_by: user, order_opened_at: station, opened: at },
      },
    ]);
  });

  it('posts JSON and reads the created order, whatever form its money takes', async () => {
    const { fetch, requests } = replies(
      json({ ...createdOrder, subtotal: 10.0, final_total: '0.000000' }, 201),
    );
    const order = await makeClient(fetch).createOrder(plan);
    expect(order).toEqual({
      id: 10684118,
      uuid: plan.orderUuid,
      localId: 'Triple Seat_55521609',
      establishmentId: 4,
      subtotalCents: 1000,
      finalTotalCents: 0,
    });
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.headers.get('content-type')).toBe('application/json');
    expect(requests[0]?.body).toMatchObject({ uuid: plan.orderUuid, local_id: plan.localId });
  });

  it('reads the id from the Location header when Revel answers 201 with an empty body', async () => {
    const { fetch } = replies(
      new Response(null, { status: 201, headers: { location: '/resources/Order/77/' } }),
    );
    const order = await makeClient(fetch).createOrder(plan);
    expect(order).toMatchObject({ id: 77, uuid: plan.orderUuid, localId: 'Triple Seat_55521609' });
  });

  it("reports a history row closed only as Revel's answer shows it, not from the body it was sent", async () => {
    const paid = buildOrderPlan(
      orderPlanInput({
        money: moneyInput({
          payments: [{ cents: 5980, date: '2025-12-20', kind: 'payment' }],
          amountDueCents: 0,
        }),
      }),
    );
    const echoed = fakeFetch((req) => json({ id: 5, ...(req.body as object) }, 201));
    expect(await makeClient(echoed.fetch).createOrderHistory(paid, 42)).toEqual({ id: 5, closed: true });
    const silent = replies(
      new Response(null, { status: 201, headers: { location: '/resources/OrderHistory/6/' } }),
    );
    expect(await makeClient(silent.fetch).createOrderHistory(paid, 42)).toEqual({ id: 6, closed: undefined });
  });

  it('flags a created object it cannot read as outcome unknown, since the write did commit', async () => {
    const { fetch } = replies(json({ status: 'OK' }, 201));
    await expect(makeClient(fetch).createOrder(plan)).rejects.toMatchObject({
      code: 'REVEL_BAD_RESPONSE',
      outcomeUnknown: true,
    });
  });

  it('patches an order at its own URI and accepts an empty 202', async () => {
    const { fetch, requests } = replies(new Response(null, { status: 202 }));
    await makeClient(fetch).setOrderTotals(plan, 42);
    expect(requests[0]?.method).toBe('PATCH');
    expect(requests[0]?.url.pathname).toBe('/resources/Order/42/');
    expect(requests[0]?.body).toEqual({ subtotal: 55.2, tax: 4.6, final_total: 59.8, remaining_due: 39.8 });
  });

  it('sends the open discount with the totals, applies a service fee and closes a paid order through its history', async () => {
    const money = moneyInput({
      discounts: [{ name: 'Discount', cents: 520 }],
      discountId: 3358,
      charges: [
        { name: 'Service Charge (20%)', kind: 'service_charge', cents: 1000, target: { serviceFeeId: 41 } },
      ],
      grandTotalCents: 5520 - 520 + 1000 + 460,
      payments: [{ cents: 6460, date: '2025-12-20', kind: 'payment' }],
      amountDueCents: 0,
    });
    const paid = buildOrderPlan(orderPlanInput({ money }));
    const { fetch, requests } = fakeFetch((req) =>
      json({ id: 9, resource_uri: '/resources/X/9/', ...(req.body as object) }, 201),
    );
    const client = makeClient(fetch);
    await client.setOrderTotals(paid, 42);
    await client.createServiceFee(paid, 42, paid.serviceFees[0] as PlannedServiceFee);
    await client.createOrderHistory(paid, 42);
    await client.closeOrderHistory(paid, 77);
    expect(requests.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      [
        'PATCH',
        '/resources/Order/42/',
        {
          subtotal: 55.2,
          tax: 4.6,
          final_total: 64.6,
          remaining_due: 0,
          discount: '/resources/Discount/3358/',
          discount_amount: 5.2,
          discount_rule_amount: 5.2,
          discount_reason: 'Triple Seat: Discount',
          discounted_by: '/enterprise/User/1/',
        },
      ],
      [
        'POST',
        '/resources/AppliedServiceFee/',
        {
          uuid: paid.serviceFees[0]?.uuid,
          order: '/resources/Order/42/',
          service_fee: '/resources/ServiceFee/41/',
          amount: 10,
          created_by: '/enterprise/User/1/',
          created_date: '2025-12-28T18:00:00',
        },
      ],
      ['POST', '/resources/OrderHistory/', expect.objectContaining({ closed: '2025-12-28T18:00:00' })],
      [
        'PATCH',
        '/resources/OrderHistory/77/',
        { closed: '2025-12-28T18:00:00', order_closed_by: '/enterprise/User/1/' },
      ],
    ]);
  });

  it("reads an order's money back, decimals as floats or strings, its fee fields as Revel names them, and its payments' key fields", async () => {
    const { fetch } = fakeFetch((req) =>
      req.url.pathname === '/resources/Order/42/'
        ? json({
            id: 42,
            subtotal: 200.0,
            tax: '15.080000',
            final_total: '231.08',
            remaining_due: 181.08,
            discount_amount: '20.000000',
            service_fee_untaxed: '30.000000',
            service_fee_taxed: '6.000000',
            service_fee_tax: '0.500000',
            closed: false,
          })
        : page([
            {
              id: 5,
              order: '/resources/Order/42/',
              payment_type: 236,
              amount: '50.00',
              created_date: '2026-11-20T12:00:00',
            },
          ]),
    );
    const client = makeClient(fetch);
    expect(await client.getOrder(42)).toMatchObject({
      subtotalCents: 20000,
      taxCents: 1508,
      finalTotalCents: 23108,
      remainingDueCents: 18108,
      discountCents: 2000,
      serviceFeeFieldsCents: 3600,
      closed: false,
    });
    expect(await client.listPayments(42)).toEqual([
      {
        id: 5,
        uuid: undefined,
        orderId: 42,
        paymentTypeId: 236,
        amountCents: 5000,
        createdDate: '2026-11-20T12:00:00',
      },
    ]);
  });

  it("lists an order's items and payments by the order filter", async () => {
    const { fetch, requests } = fakeFetch((req) =>
      req.url.pathname === '/resources/OrderItem/'
        ? page([
            {
              id: 1,
              uuid: 'i-1',
              order: '/resources/Order/42/',
              product: '/resources/Product/579/',
              quantity: 6,
            },
          ])
        : page([
            { id: 2, uuid: 'p-1', order: '/resources/Order/42/' },
            { id: 3, uuid: null, order: '/resources/Order/42/' },
          ]),
    );
    const client = makeClient(fetch);
    await expect(client.listOrderItems(42)).resolves.toEqual([
      { id: 1, uuid: 'i-1', orderId: 42, productId: 579, quantity: 6 },
    ]);
    await expect(client.listPaymentUuids(42)).resolves.toEqual(['p-1']);
    expect(requests.map((r) => r.url.searchParams.get('order'))).toEqual(['42', '42']);
  });

  it('counts only the history rows of this order, even when Revel widens the ?order= filter', async () => {
    const rows = [
      { id: 1, order: '/resources/Order/42/' },
      { id: 2, order: '/resources/Order/41/' },
      { id: 3, order: '/resources/Order/43/' },
    ];
    const { fetch } = replies(page(rows, null, 3));
    await expect(makeClient(fetch).countOrderHistory(42)).resolves.toBe(1);
  });

  it('counts no history for an order whose only rows belong to other orders', async () => {
    const { fetch } = replies(page([{ id: 2, order: '/resources/Order/41/' }], null, 1));
    await expect(makeClient(fetch).countOrderHistory(42)).resolves.toBe(0);
  });
});

describe('RevelClient: the shared read-back (id__in, order__in)', () => {
  const order = (id: number) => ({
    id,
    establishment: '/enterprise/Establishment/4/',
    subtotal: 10,
    final_total: 10,
  });
  const item = (id: number, orderId: number) => ({
    id,
    order: `/resources/Order/${orderId}/`,
    product: '/resources/Product/579/',
    quantity: 1,
    price: 2.5,
  });

  it('lists several orders of one establishment in one request, by id__in', async () => {
    const { fetch, requests } = fakeFetch(() => page([order(11), order(12)]));
    const orders = await makeClient(fetch).listOrdersById(4, [11, 12]);
    expect(orders.map((o) => [o.id, o.subtotalCents])).toEqual([
      [11, 1000],
      [12, 1000],
    ]);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url.pathname).toBe('/resources/Order/');
    expect(requests[0]?.url.searchParams.get('id__in')).toBe('11,12');
    expect(requests[0]?.url.searchParams.get('establishment')).toBe('4');
  });

  it("lists several orders' items in one request, by order__in, each with its order", async () => {
    const { fetch, requests } = fakeFetch(() => page([item(1, 11), item(2, 12), item(3, 12)]));
    const items = await makeClient(fetch).listItemsOfOrders([11, 12]);
    expect(items.map((i) => [i.id, i.orderId])).toEqual([
      [1, 11],
      [2, 12],
      [3, 12],
    ]);
    expect(requests[0]?.url.pathname).toBe('/resources/OrderItem/');
    expect(requests[0]?.url.searchParams.get('order__in')).toBe('11,12');
  });

  it('throws REVEL_REJECTED when Revel refuses the filter', async () => {
    const { fetch } = replies(json({ error: "'in' is not an allowed filter on the 'id' field." }, 400));
    const error = await caught(makeClient(fetch).listOrdersById(4, [11, 12]));
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ code: 'REVEL_REJECTED' });
  });

  it('throws on the first page holding a row not asked for (the filter ignored), without paging on', async () => {
    const { fetch, requests } = fakeFetch(() =>
      page([item(1, 11), item(2, 99)], '/resources/OrderItem/?order__in=11,12&limit=250&offset=250', 5000),
    );
    const error = await caught(makeClient(fetch).listItemsOfOrders([11, 12]));
    expect(error).toMatchObject({ code: 'REVEL_BAD_RESPONSE' });
    expect(String((error as Error).message)).toMatch(/order__in filter was not applied/);
    expect(requests).toHaveLength(1);
  });

  it('throws on a payment row that does not say its order: it cannot be handed to one', async () => {
    const { fetch } = fakeFetch(() => page([{ id: 5, amount: 10 }]));
    const error = await caught(makeClient(fetch).listPaymentsOfOrders([11]));
    expect(error).toMatchObject({ code: 'REVEL_BAD_RESPONSE' });
  });
});
