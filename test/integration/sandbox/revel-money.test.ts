import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandboxes, startSandboxes } from '../../../dev/sandbox';

const sandboxes: Sandboxes = await startSandboxes({ now: () => new Date('2025-12-28T20:00:00Z') });
const base = sandboxes.env.REVEL_API_URL;
const auth = { 'API-AUTHENTICATION': `${sandboxes.env.REVEL_API_KEY}:${sandboxes.env.REVEL_API_SECRET}` };

afterAll(() => sandboxes.close());
beforeEach(() => sandboxes.reset());

type Json = Record<string, unknown>;
type Answer = { status: number; body: Json };

async function get(path: string): Promise<Answer> {
  const response = await fetch(`${base}${path}`, { headers: auth });
  return { status: response.status, body: (await response.json()) as Json };
}

const objects = async (path: string) => (await get(path)).body.objects as Json[];

async function send(method: 'POST' | 'PATCH', path: string, body: unknown): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

const downtown = '/enterprise/Establishment/4/';
const connector = '/enterprise/User/1/';

async function newOrder(overrides: Json = {}): Promise<Json> {
  const { status, body } = await send('POST', '/resources/Order/', {
    establishment: downtown,
    created_by: connector,
    station: '/resources/PosStation/4/',
    dining_option: 113,
    local_id: 'Triple Seat_55521619',
    created_date: '2025-12-28T12:00:00',
    final_total: 0,
    tax: 0,
    subtotal: 0,
    remaining_due: 0,
    surcharge: 0,
    ...overrides,
  });
  expect(status).toBe(201);
  return body;
}

const orderPath = (order: Json) => `/resources/Order/${order.id}/`;

const payment = (order: Json, overrides: Json = {}): Json => ({
  order: order.resource_uri,
  establishment: downtown,
  payment_type: 236,
  amount: 50,
  created_by: connector,
  created_date: '2025-12-21T10:00:00',
  ...overrides,
});

describe('Revel sandbox discounts and service fees', () => {
  it('lists the open-amount "Triple Seat Discount" per establishment, and no inactive discount when asked for active ones', async () => {
    const active = await objects('/resources/Discount/?establishment=4&active=true');
    expect(active.map((d) => d.name)).toEqual(['Triple Seat Discount', 'Staff 10%']);
    expect(active[0]).toMatchObject({
      id: 3358,
      open_amount: true,
      value_type: 'amount',
      establishment: downtown,
    });
    const denver = await objects('/resources/Discount/?establishment=7&name=Triple%20Seat%20Discount');
    expect(denver.map((d) => d.id)).toEqual([3359]);
  });

  it('lists a "Service Charge" and a "Gratuity" fee per establishment', async () => {
    const fees = await objects('/resources/ServiceFee/?establishment=4');
    expect(fees.map((f) => [f.id, f.name, f.open_amount])).toEqual([
      [41, 'Service Charge', true],
      [42, 'Gratuity', true],
    ]);
  });

  it('applies a service fee to an order once per POST and lists it by order', async () => {
    const order = await newOrder();
    const applied = await send('POST', '/resources/AppliedServiceFee/', {
      order: order.resource_uri,
      service_fee: '/resources/ServiceFee/41/',
      amount: 36,
    });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ name: 'Service Charge', amount: 36, order_item: null });
    expect(await objects(`/resources/AppliedServiceFee/?order=${order.id}`)).toHaveLength(1);
    expect(sandboxes.revel.orders().find((o) => o.id === order.id)?.serviceFees).toHaveLength(1);
  });

  it('refuses a service fee of another establishment, an unknown one, or one without an amount', async () => {
    const order = await newOrder();
    const fee = (service_fee: string) => ({ order: order.resource_uri, service_fee, amount: 36 });
    expect(
      (await send('POST', '/resources/AppliedServiceFee/', fee('/resources/ServiceFee/43/'))).status,
    ).toBe(445);
    expect(
      (await send('POST', '/resources/AppliedServiceFee/', fee('/resources/ServiceFee/99/'))).status,
    ).toBe(445);
    expect(
      await send('POST', '/resources/AppliedServiceFee/', {
        order: order.resource_uri,
        service_fee: '/resources/ServiceFee/41/',
      }),
    ).toEqual({ status: 400, body: { error: 'Missing required fields: amount' } });
  });
});

describe('Revel sandbox order money', () => {
  it('keeps the discount, tax, totals, pickup time and notes written to an order, and ignores a field Revel does not have', async () => {
    const order = await newOrder();
    const patched = await send('PATCH', orderPath(order), {
      subtotal: 200,
      discount: '/resources/Discount/3358/',
      discount_amount: 20,
      discount_reason: 'TripleSeat discount',
      discounted_by: connector,
      service_fee_amount: 36,
      tax: 15.08,
      final_total: 231.08,
      remaining_due: 181.08,
      pickup_time: '2025-12-29T12:00:00',
      notes: 'Triple Seat Event #55521619 | 16 guests | No nuts please',
    });
    expect(patched.status).toBe(202);
    expect((await get(orderPath(order))).body).toMatchObject({
      subtotal: 200,
      discount: '/resources/Discount/3358/',
      discount_amount: '20.000000',
      discount_reason: 'TripleSeat discount',
      discounted_by: connector,
      applied_discounts: [{ name: 'Triple Seat Discount', discount: '/resources/Discount/3358/' }],
      service_fee_untaxed: '0.000000',
      service_fee_taxed: '0.000000',
      service_fee_tax: '0.000000',
      service_charge: 0,
      applied_service_fee: [],
      tax: 15.08,
      final_total: 231.08,
      remaining_due: 181.08,
      pickup_time: '2025-12-29T12:00:00',
      notes: 'Triple Seat Event #55521619 | 16 guests | No nuts please',
    });
    expect((await get(orderPath(order))).body).not.toHaveProperty('service_fee_amount');
  });

  it('refuses a discount of another establishment, an inactive or unknown one with 445', async () => {
    const order = await newOrder();
    for (const id of [3359, 3361, 9999]) {
      const { status, body } = await send('PATCH', orderPath(order), {
        discount: `/resources/Discount/${id}/`,
      });
      expect(status).toBe(445);
      expect(body.error).toMatch(/^Integrity Error: Discount/);
    }
    expect((await get(orderPath(order))).body.discount).toBeNull();
  });

  it('refuses a pickup time in UTC: Revel wants naive local time', async () => {
    const order = await newOrder();
    const { status, body } = await send('PATCH', orderPath(order), { pickup_time: '2025-12-29T20:00:00Z' });
    expect(status).toBe(400);
    expect(body.error).toContain('pickup_time');
  });

  it('ignores closed written to an order: only OrderHistory closes it', async () => {
    const order = await newOrder();
    expect((await send('PATCH', orderPath(order), { closed: true })).status).toBe(202);
    expect((await get(orderPath(order))).body.closed).toBe(false);
  });

  it('keeps a line discount and the tax amount written to an order item', async () => {
    const order = await newOrder();
    const { status, body } = await send('POST', '/resources/OrderItem/', {
      order: order.resource_uri,
      product: '/resources/Product/583/',
      quantity: 10,
      price: 13,
      tax_amount: 10.31,
      discount: '/resources/Discount/3358/',
      discount_amount: 13,
      discount_reason: 'One burrito free',
    });
    expect(status).toBe(201);
    expect((await get(`/resources/OrderItem/${body.id}/`)).body).toMatchObject({
      tax_amount: 10.31,
      discount: '/resources/Discount/3358/',
      discount_amount: '13.000000',
      discount_reason: 'One burrito free',
      pure_sales: 130,
    });
  });

  it('keeps the totals sent with the create as items are added, or resets them to what the items say when told to behave like a Revel that does', async () => {
    const sent = { subtotal: 200, tax: 15.08, final_total: 231.08, remaining_due: 181.08 };
    const addItems = async (order: Json) => {
      const line = {
        order: order.resource_uri,
        product: '/resources/Product/579/',
        quantity: 20,
        price: 2.5,
      };
      await send('POST', '/resources/OrderItem/', { ...line, tax_amount: 3.77 });
      await send('POST', '/resources/OrderItem/', {
        ...line,
        product: '/resources/Product/583/',
        quantity: 10,
        price: 13,
        tax_amount: 10.31,
        discount: '/resources/Discount/3358/',
        discount_amount: 13,
      });
    };
    const kept = await newOrder(sent);
    await addItems(kept);
    expect((await get(orderPath(kept))).body).toMatchObject(sent);

    sandboxes.revel.behave({ resetTotalsOnItems: true });
    const reset = await newOrder(sent);
    await addItems(reset);
    // 20 × 2.50 + 10 × 13.00 − 13.00 line discount; tax 3.77 + 10.31; nothing of the order's own money.
    expect((await get(orderPath(reset))).body).toMatchObject({
      subtotal: 167,
      tax: 14.08,
      final_total: 181.08,
      remaining_due: 181.08,
    });
    // Totals PATCHed after the items stay as sent.
    await send('PATCH', orderPath(reset), sent);
    expect((await get(orderPath(reset))).body).toMatchObject(sent);
  });
});

describe('Revel sandbox payments', () => {
  it('stores a payment with every required field, leaving the order total and amount due as written', async () => {
    const order = await newOrder();
    const { status, body } = await send(
      'POST',
      '/resources/Payment/',
      payment(order, { payment_date: '2025-12-21T10:00:00' }),
    );
    expect(status).toBe(201);
    expect(body).toMatchObject({
      order: order.resource_uri,
      establishment: downtown,
      payment_type: 236,
      amount: 50,
      created_by: connector,
      created_date: '2025-12-21T10:00:00',
      payment_date: '2025-12-21T10:00:00',
    });
    expect((await get(orderPath(order))).body.remaining_due).toBe(0);
    expect(await objects(`/resources/Payment/?order=${order.id}`)).toHaveLength(1);
  });

  it('names each required field a payment lacks in the 400 envelope', async () => {
    const order = await newOrder();
    for (const field of ['establishment', 'created_by', 'created_date', 'amount']) {
      const { [field]: _left, ...partial } = payment(order);
      expect(await send('POST', '/resources/Payment/', partial)).toEqual({
        status: 400,
        body: { error: `Missing required fields: ${field}` },
      });
    }
    expect(sandboxes.revel.orders().find((o) => o.id === order.id)?.payments).toEqual([]);
  });

  it('refuses a payment for another establishment or by an inactive user with 445, and a UTC date with 400', async () => {
    const order = await newOrder();
    const cases: [Json, number][] = [
      [{ establishment: '/enterprise/Establishment/7/' }, 445],
      [{ created_by: '/enterprise/User/2/' }, 445],
      [{ created_date: '2025-12-21T18:00:00Z' }, 400],
    ];
    for (const [overrides, status] of cases) {
      expect((await send('POST', '/resources/Payment/', payment(order, overrides))).status).toBe(status);
    }
  });

  it("refuses the Denver establishment's Triple Seat tender on a Downtown order with 445", async () => {
    const order = await newOrder();
    expect((await send('POST', '/resources/Payment/', payment(order, { payment_type: 237 }))).status).toBe(
      445,
    );
    expect((await send('POST', '/resources/Payment/', payment(order, { payment_type: 1 }))).status).toBe(201);
  });

  it("keeps a client's payment uuid, or drops it when told to behave like a Revel that does not", async () => {
    const order = await newOrder();
    await send('POST', '/resources/Payment/', payment(order, { uuid: 'ours-1' }));
    sandboxes.revel.behave({ dropPaymentUuids: true });
    const { body } = await send('POST', '/resources/Payment/', payment(order, { uuid: 'ours-2' }));
    expect(body.uuid).toBeNull();
    expect((await objects(`/resources/Payment/?order=${order.id}`)).map((p) => p.uuid)).toEqual([
      'ours-1',
      null,
    ]);
    sandboxes.reset();
    const again = await newOrder();
    const kept = await send('POST', '/resources/Payment/', payment(again, { uuid: 'ours-3' }));
    expect(kept.body.uuid).toBe('ours-3');
  });
});

describe('Revel sandbox order history', () => {
  it('closes an order through its OrderHistory row and reopens it when closed is cleared, with closeFlipsOrder', async () => {
    sandboxes.revel.behave({ closeFlipsOrder: true });
    const order = await newOrder();
    const history = await send('POST', '/resources/OrderHistory/', {
      order: order.resource_uri,
      order_opened_by: connector,
      order_opened_at: '/resources/PosStation/4/',
      opened: '2025-12-29T11:00:00',
    });
    expect(history.body).toMatchObject({ closed: null });
    expect((await get(orderPath(order))).body.closed).toBe(false);

    const historyPath = `/resources/OrderHistory/${history.body.id}/`;
    const closed = await send('PATCH', historyPath, {
      closed: '2025-12-29T11:01:00',
      order_closed_by: connector,
    });
    expect(closed.status).toBe(202);
    expect((await get(historyPath)).body).toMatchObject({
      closed: '2025-12-29T11:01:00',
      order_closed_by: connector,
    });
    expect((await get(orderPath(order))).body.closed).toBe(true);
    expect((await objects('/resources/Order/?establishment=4&closed=true')).map((o) => o.id)).toEqual([
      order.id,
    ]);

    await send('PATCH', historyPath, { closed: null });
    expect((await get(orderPath(order))).body.closed).toBe(false);
  });

  it('closes an order whose history row is created with a closed time, with closeFlipsOrder', async () => {
    sandboxes.revel.behave({ closeFlipsOrder: true });
    const order = await newOrder();
    const history = await send('POST', '/resources/OrderHistory/', {
      order: order.resource_uri,
      opened: '2025-12-29T11:00:00',
      closed: '2025-12-29T11:00:05',
    });
    expect(history.status).toBe(201);
    expect(sandboxes.revel.orders().find((o) => o.id === order.id)).toMatchObject({ closed: true });
  });
});
