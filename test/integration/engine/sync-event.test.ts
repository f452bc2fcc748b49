import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncEvent } from '#functions/core/engine/sync-event';
import { legacyOrderId } from '../../../dev/sandbox';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(async () => {
  await h.close();
});

const opts = { correlationId: 'it-corr' };
const ordersFor = (eventId: string) =>
  h.sandboxes.revel.orders().filter((o) => String(o.local_id).endsWith(`_${eventId}`));
const revelWrites = () => h.sandboxes.revel.requestLog().filter((r) => r.method !== 'GET');

describe('syncEvent against the vendor sandboxes and the DynamoDB ledger', () => {
  it('injects an event with its line items as one Revel order and records it in the ledger', async () => {
    const result = await syncEvent('55521609', h.deps(), opts);
    expect(result).toMatchObject({ status: 'injected', reason: null });
    const [order, ...others] = ordersFor('55521609');
    expect(others).toHaveLength(0);
    expect(String(order?.id)).toBe(result.revel_order_id);
    // Maple Bar, Glazed Donut, Coffee Service and the freehand Fruit Platter; Special Instructions dropped.
    expect(order?.items).toHaveLength(4);
    expect(order?.histories).toHaveLength(1);
    expect(await h.ledger.get('55521609')).toMatchObject({
      status: 'injected',
      revelOrderId: result.revel_order_id,
      correlationId: 'it-corr',
    });
  });

  it('creates exactly one order when twenty syncs race for the same event', async () => {
    const racers = Array.from({ length: 20 }, (_, i) => h.deps({ holderId: `racer-${i}` }));
    const results = await Promise.all(racers.map((deps) => syncEvent('55521609', deps, opts)));
    expect(ordersFor('55521609')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'injected')).toHaveLength(1);
    for (const r of results) expect(['injected', 'in_progress', 'skipped']).toContain(r.status);
    expect(results.filter((r) => r.status === 'failed')).toEqual([]);
  });

  it('completes the same order, every item exactly once, after an item write committed but answered 504', async () => {
    // The second OrderItem is written, then the gateway answers 504; the re-check cannot list items either.
    h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'POST',
      path: '/resources/OrderItem/',
      skip: 1,
      action: { kind: 'commit-then-fail' },
    });
    h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'GET',
      path: '/resources/OrderItem/',
      times: 50,
      action: { kind: 'fail', status: 503 },
    });
    const first = await syncEvent('55521609', h.deps(), opts);
    expect(first).toMatchObject({ status: 'failed', reason: 'REVEL_UNAVAILABLE', retryable: true });
    expect(ordersFor('55521609')[0]?.items).toHaveLength(2);

    h.sandboxes.faults.clear();
    const second = await syncEvent('55521609', h.deps(), opts);
    expect(second.status).toBe('injected');
    const orders = ordersFor('55521609');
    expect(orders).toHaveLength(1);
    expect(String(orders[0]?.id)).toBe(second.revel_order_id);
    const uuids = orders[0]?.items.map((i) => i.uuid) ?? [];
    expect(uuids).toHaveLength(4);
    expect(new Set(uuids).size).toBe(4);
  });

  it('recovers within the same run when an item write commits but its answer is lost', async () => {
    h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'POST',
      path: '/resources/OrderItem/',
      skip: 1,
      action: { kind: 'commit-then-fail', status: 502 },
    });
    const result = await syncEvent('55521609', h.deps(), opts);
    expect(result.status).toBe('injected');
    expect(ordersFor('55521609')[0]?.items).toHaveLength(4);
  });

  it('finds an order whose create response was lost by its local_id instead of creating another', async () => {
    h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'POST',
      path: '/resources/Order/',
      action: { kind: 'commit-then-fail' },
    });
    const result = await syncEvent('55521609', h.deps(), opts);
    expect(result.status).toBe('injected');
    const orders = ordersFor('55521609');
    expect(orders).toHaveLength(1);
    expect(String(orders[0]?.id)).toBe(result.revel_order_id);
    expect(orders[0]?.items).toHaveLength(4);
  });

  it('absorbs 429 bursts from both vendors without failing', async () => {
    const tsBurst = h.sandboxes.faults.add({
      vendor: 'tripleseat',
      path: /^\/v1\/events\//,
      times: 3,
      action: { kind: 'fail', status: 429, retryAfterSeconds: 0 },
    });
    const revelBurst = h.sandboxes.faults.add({
      vendor: 'revel',
      path: /^\/resources\/OrderItem/,
      method: 'POST',
      times: 4,
      action: { kind: 'fail', status: 429 },
    });
    const result = await syncEvent('55521609', h.deps(), opts);
    expect(result).toMatchObject({ status: 'injected', error: null });
    expect(h.sandboxes.faults.hits(tsBurst)).toBe(3);
    expect(h.sandboxes.faults.hits(revelBurst)).toBe(4);
    expect(ordersFor('55521609')[0]?.items).toHaveLength(4);
  });

  it('fails an event with an unmapped item, naming it, and writes nothing to Revel', async () => {
    const result = await syncEvent('55521611', h.deps(), opts);
    expect(result).toMatchObject({ status: 'failed', reason: 'UNMAPPED_ITEMS', retryable: false });
    expect(result.error).toContain('Unicorn Cake');
    expect(revelWrites()).toEqual([]);
    expect(await h.ledger.get('55521611')).toMatchObject({ status: 'failed', reason: 'UNMAPPED_ITEMS' });
  });

  it('counts an order under the legacy local_id format as a duplicate', async () => {
    const result = await syncEvent('55521617', h.deps(), opts);
    expect(result).toMatchObject({
      status: 'skipped',
      reason: 'DUPLICATE',
      revel_order_id: String(legacyOrderId),
    });
    expect(revelWrites()).toEqual([]);
  });

  it('builds the order from the invoice page when the API sends no line items', async () => {
    const result = await syncEvent('55521610', h.deps(), opts);
    expect(result.status).toBe('injected');
    const order = ordersFor('55521610')[0];
    expect(order?.items.length).toBeGreaterThan(0);
    const itemTotal = (order?.items ?? []).reduce(
      (sum, i) => sum + Math.round(Number(i.price) * 100) * Number(i.quantity),
      0,
    );
    expect(Math.round(Number(order?.subtotal) * 100)).toBe(itemTotal);
  });

  it('fails with TRIPLESEAT_AUTH, not retryable, when the credentials are wrong — without hammering the API', async () => {
    const deps = h.deps();
    const wrong = {
      ...deps,
      ...(await import('#functions/sync/build-vendor-clients')).createVendorClients(
        {
          TRIPLESEAT_API_URL: h.sandboxes.env.TRIPLESEAT_API_URL,
          TRIPLESEAT_CLIENT_ID: 'sandbox-client-id',
          TRIPLESEAT_CLIENT_SECRET: 'wrong-secret',
          REVEL_API_URL: h.sandboxes.env.REVEL_API_URL,
          REVEL_API_KEY: 'k',
          REVEL_API_SECRET: 's',
        },
        h.config,
      ),
    };
    const result = await syncEvent('55521609', wrong, opts);
    expect(result).toMatchObject({ status: 'failed', reason: 'TRIPLESEAT_AUTH', retryable: false });
    expect(h.sandboxes.tripleseat.requestLog().length).toBeLessThanOrEqual(2);
    expect(result.error).not.toContain('wrong-secret');
  });

  it('leaves an injected order alone when the event changes afterwards', async () => {
    const first = await syncEvent('55521609', h.deps(), opts);
    h.sandboxes.tripleseat.updateEvent('55521609', { guest_count: 40 });
    const again = await syncEvent('55521609', h.deps(), { ...opts, knownUpdatedAt: 'something newer' });
    expect(again).toMatchObject({
      status: 'skipped',
      reason: 'DUPLICATE',
      revel_order_id: first.revel_order_id,
    });
    expect(ordersFor('55521609')).toHaveLength(1);
    expect(ordersFor('55521609')[0]?.items).toHaveLength(4);
  });
});
