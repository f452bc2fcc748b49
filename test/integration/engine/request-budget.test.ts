import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncEvent } from '../../../functions/core/engine/sync-event';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(async () => {
  await h.close();
});

const opts = { correlationId: 'it-budget' };
/** Revel requests as "METHOD /path", in the order sent, from the `from`-th on. */
const revelRequests = (from = 0) =>
  h.sandboxes.revel
    .requestLog()
    .slice(from)
    .map((r) => `${r.method} ${r.path.replace(/\/\d+\/$/, '/<id>/')}`);
const LINES = 4; // event 55521609: Maple Bar, Glazed Donut, Coffee Service, Fruit Platter
/** After the last write, the order is read back to compare its money with TripleSeat's. */
const READ_BACK = ['GET /resources/Order/<id>/', 'GET /resources/OrderItem/', 'GET /resources/Payment/'];

describe('Revel requests per order (the bulk run is paced by them)', () => {
  it('writes a new four-line order in lines + 4 requests once the catalogue is loaded (one look-up for every local_id format, the create, the lines, the totals and the history), then reads it back in 3', async () => {
    const deps = h.deps();
    await deps.revel.listProducts(4);
    const before = h.sandboxes.revel.requestLog().length;
    const result = await syncEvent('55521609', deps, opts);
    expect(result.status).toBe('injected');
    expect(revelRequests(before)).toEqual([
      'GET /resources/Order/',
      'POST /resources/Order/',
      ...Array.from({ length: LINES }, () => 'POST /resources/OrderItem/'),
      'PATCH /resources/Order/<id>/',
      'POST /resources/OrderHistory/',
      ...READ_BACK,
    ]);
  });

  it('writes a new order with a discount, one charge and one payment in lines + 6 requests, then reads it back in 3', async () => {
    // Event 55521619: four lines, an order discount, a 20 % service charge, a 50.00 deposit.
    const deps = h.deps();
    await deps.revel.listProducts(4);
    const before = h.sandboxes.revel.requestLog().length;
    const result = await syncEvent('55521619', deps, opts);
    expect(result.status).toBe('injected');
    expect(revelRequests(before)).toEqual([
      'GET /resources/Order/',
      'POST /resources/Order/',
      ...Array.from({ length: LINES }, () => 'POST /resources/OrderItem/'),
      'POST /resources/AppliedServiceFee/',
      // The discount rides on the totals PATCH: a field of the order, it cannot be doubled.
      'PATCH /resources/Order/<id>/',
      'POST /resources/Payment/',
      'POST /resources/OrderHistory/',
      ...READ_BACK,
    ]);
  });

  it('writes it in lines + 3 with the totals sent on the create (plus the read-back), and the order still shows them', async () => {
    const config = { ...h.config, revel: { ...h.config.revel, totalsWithCreate: true } };
    const deps = h.deps({ config });
    await deps.revel.listProducts(4);
    const before = h.sandboxes.revel.requestLog().length;
    const result = await syncEvent('55521609', deps, opts);
    expect(result.status).toBe('injected');
    expect(revelRequests(before)).toHaveLength(LINES + 3 + READ_BACK.length);
    expect(revelRequests(before)).not.toContain('PATCH /resources/Order/<id>/');
    const order = h.sandboxes.revel.orders().find((o) => String(o.id) === result.revel_order_id);
    const itemsTotal = (order?.items ?? []).reduce((sum, i) => sum + Number(i.price) * Number(i.quantity), 0);
    expect(Number(order?.subtotal)).toBeGreaterThan(0);
    expect(Number(order?.subtotal)).toBeCloseTo(itemsTotal, 2);
    // 55521609's invoice adds Tax 10.97 to its items.
    expect(Number(order?.final_total)).toBeCloseTo(itemsTotal + 10.97, 2);
  });

  it('reads the product catalogue once for several orders synced by the same warm client', async () => {
    const deps = h.deps();
    expect((await syncEvent('55521609', deps, opts)).status).toBe('injected');
    expect((await syncEvent('55521610', deps, opts)).status).toBe('injected');
    expect(revelRequests().filter((r) => r.startsWith('GET /resources/Product/'))).toHaveLength(1);
  });

  it('spends no Revel and no TripleSeat request on an event already injected and unchanged', async () => {
    await syncEvent('55521609', h.deps(), opts);
    const revelBefore = h.sandboxes.revel.requestLog().length;
    const tripleseatBefore = h.sandboxes.tripleseat.requestLog().length;
    const again = await syncEvent('55521609', h.deps(), opts);
    expect(again).toMatchObject({ status: 'skipped', reason: 'DUPLICATE' });
    expect(h.sandboxes.revel.requestLog().length).toBe(revelBefore);
    expect(h.sandboxes.tripleseat.requestLog().length).toBe(tripleseatBefore);
  });
});
