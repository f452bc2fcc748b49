import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandboxes, startSandboxes } from '../../../dev/sandbox';

const sandboxes: Sandboxes = await startSandboxes({ now: () => new Date('2025-12-28T20:00:00Z') });
const base = sandboxes.env.REVEL_API_URL;
const auth = { 'API-AUTHENTICATION': `${sandboxes.env.REVEL_API_KEY}:${sandboxes.env.REVEL_API_SECRET}` };

afterAll(() => sandboxes.close());
beforeEach(() => sandboxes.reset());

type Json = Record<string, unknown>;

async function call(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...auth, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

const downtown = '/enterprise/Establishment/4/';
const connector = '/enterprise/User/1/';

async function newOrder(localId = 'Triple Seat_55521619'): Promise<Json> {
  const { status, body } = await call('POST', '/resources/Order/', {
    establishment: downtown,
    created_by: connector,
    station: '/resources/PosStation/4/',
    dining_option: 113,
    local_id: localId,
    created_date: '2025-12-28T12:00:00',
    final_total: 0,
    tax: 0,
    subtotal: 0,
    remaining_due: 0,
    surcharge: 0,
  });
  expect(status).toBe(201);
  return body;
}

const orderOf = async (order: Json) => (await call('GET', `/resources/Order/${order.id}/`)).body;

async function closedHistory(order: Json): Promise<void> {
  const history = await call('POST', '/resources/OrderHistory/', {
    order: order.resource_uri,
    opened: '2025-12-28T12:00:00',
    closed: '2025-12-28T12:05:00',
  });
  expect(history.body).toMatchObject({ closed: '2025-12-28T12:05:00' });
}

async function serviceFee(order: Json, serviceFeeUri: string, amount: number): Promise<void> {
  const fee = await call('POST', '/resources/AppliedServiceFee/', {
    order: order.resource_uri,
    service_fee: serviceFeeUri,
    amount,
  });
  expect(fee.status).toBe(201);
}

describe('Revel sandbox switches where real Revel is unknown', () => {
  it('serves an order with the fee fields captured orders carry, and no service_fee_amount', async () => {
    const order = await orderOf(await newOrder());
    expect(order).toMatchObject({
      service_fee_untaxed: '0.000000',
      service_fee_taxed: '0.000000',
      service_fee_tax: '0.000000',
      service_charge: 0,
      applied_service_fee: [],
    });
    expect(order).not.toHaveProperty('service_fee_amount');
  });

  it('leaves Order.closed false when a history row closes the order, by default (closeFlipsOrder off)', async () => {
    const order = await newOrder();
    await closedHistory(order);
    expect((await orderOf(order)).closed).toBe(false);
  });

  it('sets Order.closed when a history row closes the order with closeFlipsOrder', async () => {
    sandboxes.revel.behave({ closeFlipsOrder: true });
    const order = await newOrder();
    await closedHistory(order);
    expect((await orderOf(order)).closed).toBe(true);
  });

  it("leaves the order's fee fields as written beside an applied fee, by default (feeFieldsFromRows off)", async () => {
    const order = await newOrder();
    await serviceFee(order, '/resources/ServiceFee/41/', 36);
    expect(await orderOf(order)).toMatchObject({ service_fee_untaxed: '0.000000', applied_service_fee: [] });
  });

  it("fills the order's fee fields and applied_service_fee[] from its rows with feeFieldsFromRows", async () => {
    sandboxes.revel.behave({ feeFieldsFromRows: true });
    const order = await newOrder();
    await serviceFee(order, '/resources/ServiceFee/41/', 36);
    await serviceFee(order, '/resources/ServiceFee/42/', 12.5);
    const read = await orderOf(order);
    expect(read).toMatchObject({ service_fee_untaxed: '48.500000', service_fee_taxed: '0.000000' });
    expect(read.applied_service_fee).toEqual([
      expect.objectContaining({ service_fee: '/resources/ServiceFee/41/', amount: 36 }),
      expect.objectContaining({ service_fee: '/resources/ServiceFee/42/', amount: 12.5 }),
    ]);
  });

  it('serves closed as 0/1 and an all-digit local_id as an integer with legacyFieldTypes, in lists and alone', async () => {
    sandboxes.revel.behave({ legacyFieldTypes: true, closeFlipsOrder: true });
    const old = await newOrder('57189');
    await closedHistory(old);
    const ours = await newOrder();
    expect(await orderOf(old)).toMatchObject({ local_id: 57189, closed: 1 });
    const listed = (await call('GET', '/resources/Order/?establishment=4&limit=50')).body.objects as Json[];
    expect(listed.find((o) => o.id === ours.id)).toMatchObject({
      local_id: 'Triple Seat_55521619',
      closed: 0,
    });
  });

  it('serves created_date and updated_date with microseconds with fractionalTimestamps', async () => {
    sandboxes.revel.behave({ fractionalTimestamps: true });
    const order = await orderOf(await newOrder());
    expect(order.created_date).toMatch(/^2025-12-28T12:00:00\.\d{6}$/);
  });

  describe('inFilterOnIds: id__in on Order, order__in on OrderItem and Payment', () => {
    const ids = async (path: string) =>
      ((await call('GET', path)).body.objects as Json[]).map((o) => o.id as number);

    it('answers only the rows asked for when honoured (the default)', async () => {
      const [a, b] = [await newOrder('Triple Seat_1'), await newOrder('Triple Seat_2')];
      await newOrder('Triple Seat_3');
      expect(await ids(`/resources/Order/?establishment=4&id__in=${a.id},${b.id}`)).toEqual([a.id, b.id]);
      expect(await ids(`/resources/OrderItem/?order__in=${a.id},${b.id}`)).toEqual([]);
    });

    it('refuses the filter with a 400 when refused', async () => {
      sandboxes.revel.behave({ inFilterOnIds: 'refused' });
      const order = await newOrder();
      for (const path of [
        `/resources/Order/?establishment=4&id__in=${order.id}`,
        `/resources/OrderItem/?order__in=${order.id}`,
        `/resources/Payment/?order__in=${order.id}`,
      ]) {
        const answer = await call('GET', path);
        expect(answer.status).toBe(400);
        expect(answer.body.error).toMatch(/'in' is not an allowed filter/);
      }
      // Other filters still work.
      expect(
        (await call('GET', `/resources/Order/?establishment=4&local_id=Triple%20Seat_55521619`)).status,
      ).toBe(200);
    });

    it('drops the filter and answers every row when ignored', async () => {
      sandboxes.revel.behave({ inFilterOnIds: 'ignored' });
      const [a, b] = [await newOrder('Triple Seat_1'), await newOrder('Triple Seat_2')];
      const listed = await ids(`/resources/Order/?establishment=4&id__in=${a.id}&limit=250`);
      expect(listed).toContain(a.id);
      expect(listed).toContain(b.id);
    });
  });

  const itemWithName = async (order: Json) =>
    call('POST', '/resources/OrderItem/', {
      order: order.resource_uri,
      product: '/resources/Product/601/',
      quantity: 1,
      price: 65,
      created_by: connector,
      product_name_override: 'Unicorn Cake',
      special_request: 'Unicorn Cake',
    });

  it("keeps an OrderItem's product_name_override and special_request by default", async () => {
    const item = await itemWithName(await newOrder());
    expect(item.status).toBe(201);
    const read = (await call('GET', `/resources/OrderItem/${item.body.id}/`)).body;
    expect(read).toMatchObject({ product_name_override: 'Unicorn Cake', special_request: 'Unicorn Cake' });
  });

  it('stores product_name_override as null with dropNameOverride, special_request still kept', async () => {
    sandboxes.revel.behave({ dropNameOverride: true });
    const item = await itemWithName(await newOrder());
    const read = (await call('GET', `/resources/OrderItem/${item.body.id}/`)).body;
    expect(read).toMatchObject({ product_name_override: null, special_request: 'Unicorn Cake' });
  });

  it('keeps each setting until reset, then goes back to the defaults', async () => {
    sandboxes.revel.behave({ closeFlipsOrder: true, feeFieldsFromRows: true });
    expect(sandboxes.revel.behaviour()).toMatchObject({ closeFlipsOrder: true, feeFieldsFromRows: true });
    sandboxes.reset();
    expect(sandboxes.revel.behaviour()).toEqual({
      dropPaymentUuids: false,
      resetTotalsOnItems: false,
      closeFlipsOrder: false,
      feeFieldsFromRows: false,
      legacyFieldTypes: false,
      fractionalTimestamps: false,
      inFilterOnIds: 'honoured',
      dropNameOverride: false,
    });
  });
});

describe('POST /__sandbox/behaviour', () => {
  const admin = (method: 'GET' | 'POST', body?: unknown) => call(method, '/__sandbox/behaviour', body);

  it('switches the Revel sandbox and answers the behaviour now in force, as GET does', async () => {
    const changed = await admin('POST', { revel: { closeFlipsOrder: true, legacyFieldTypes: true } });
    expect(changed.status).toBe(200);
    expect(changed.body.revel).toMatchObject({
      closeFlipsOrder: true,
      legacyFieldTypes: true,
      feeFieldsFromRows: false,
    });
    expect((await admin('GET')).body).toEqual(changed.body);
    const order = await newOrder();
    await closedHistory(order);
    expect((await orderOf(order)).closed).toBe(1);
  });

  it('refuses a switch it does not know, or a value that is not a boolean, and changes nothing', async () => {
    expect((await admin('POST', { revel: { closeFlipOrder: true } })).status).toBe(400);
    expect((await admin('POST', { revel: { closeFlipsOrder: 'yes' } })).status).toBe(400);
    expect((await admin('GET')).body.revel).toMatchObject({ closeFlipsOrder: false });
  });

  it('is reset with the sandboxes', async () => {
    await admin('POST', { revel: { feeFieldsFromRows: true } });
    await call('POST', '/__sandbox/reset');
    expect((await admin('GET')).body.revel).toMatchObject({ feeFieldsFromRows: false });
  });
});
