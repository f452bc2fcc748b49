import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { RevelClient } from '#functions/revel/client';
import { type Sandboxes, startSandboxes } from '../../../dev/sandbox';

// What `npm run doctor` reads and writes beyond the sync: tenders, and the void of its test order.
const sandboxes: Sandboxes = await startSandboxes({ now: () => new Date('2025-12-28T20:00:00Z') });
const base = sandboxes.env.REVEL_API_URL;
const auth = { 'API-AUTHENTICATION': `${sandboxes.env.REVEL_API_KEY}:${sandboxes.env.REVEL_API_SECRET}` };
const client = new RevelClient({
  apiUrl: base,
  apiKey: sandboxes.env.REVEL_API_KEY,
  apiSecret: sandboxes.env.REVEL_API_SECRET,
  perSecond: 100,
});

afterAll(() => sandboxes.close());
beforeEach(() => sandboxes.reset());

async function get(path: string) {
  const response = await fetch(`${base}${path}`, { headers: auth });
  return { status: response.status, text: await response.text() };
}

describe('Revel sandbox tenders (CustomPaymentType)', () => {
  it('serves each seeded "Triple Seat" tender with only the fields public code shows', async () => {
    const { status, text } = await get('/resources/CustomPaymentType/236/');
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({
      id: 236,
      resource_uri: '/resources/CustomPaymentType/236/',
      name: 'Triple Seat',
    });
  });

  it('answers an unknown tender with an HTML 404, which the client reads as not found', async () => {
    expect((await get('/resources/CustomPaymentType/999/')).status).toBe(404);
    await expect(client.lookUpTender(999)).resolves.toMatchObject({ found: false });
    await expect(client.lookUpTender(237)).resolves.toMatchObject({ found: true, active: true });
  });
});

describe('Revel sandbox void (the doctor’s guess: PATCH deleted)', () => {
  it('creates orders not deleted, and keeps deleted: true once the client voids one', async () => {
    const created = await fetch(`${base}/resources/Order/`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        establishment: '/enterprise/Establishment/4/',
        created_by: '/enterprise/User/1/',
        station: '/resources/PosStation/4/',
        dining_option: 113,
        final_total: 0,
        tax: 0,
        subtotal: 0,
        remaining_due: 0,
        surcharge: 0,
      }),
    });
    const order = (await created.json()) as { id: number; deleted: boolean };
    expect(order.deleted).toBe(false);
    await client.voidOrder(order.id);
    const read = sandboxes.revel.orders().find((o) => o.id === order.id);
    expect(read?.deleted).toBe(true);
  });
});
