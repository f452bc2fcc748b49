import { describe, expect, it } from 'vitest';
import { syncRecent } from '#functions/core/bulk/sync-recent';
import type { SyncConfig } from '#functions/core/config/sync-config';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { VendorError } from '#functions/core/domain/errors';
import { type InvoicePage, noMoney, type TripleSeatEvent } from '#functions/core/domain/model';
import { syncEvent } from '#functions/core/engine/sync-event';
import type { TripleSeatApi } from '#functions/core/ports/tripleseat-api';
import { createJsonLogger } from '#functions/platform/logger';
import { item, testConfig, tsEvent, withItem } from '../../../support/builders';
import { FakeRevel } from '../../../support/fake-revel';
import { MemoryLedger } from '../../../support/memory-ledger';
import { silentLogger } from '../../../support/silent-logger';

const now = new Date('2026-11-28T02:00:00Z'); // 18:00 on 2026-11-27 in Los Angeles

class FakeTripleSeat implements TripleSeatApi {
  readonly events = new Map<string, TripleSeatEvent>();
  calls = 0;
  constructor(...events: TripleSeatEvent[]) {
    for (const e of events) this.events.set(e.id, e);
  }
  async getEvent(id: string): Promise<TripleSeatEvent> {
    this.calls += 1;
    const event = this.events.get(id);
    if (!event)
      throw new VendorError('tripleseat', 'TRIPLESEAT_NOT_FOUND', 404, false, `event ${id} not found`);
    return event;
  }
  async searchEvents(): Promise<TripleSeatEvent[]> {
    return [...this.events.values()];
  }
  async fetchInvoice(): Promise<InvoicePage> {
    return { items: [], money: noMoney() };
  }
}

function setup(options: { events?: TripleSeatEvent[]; config?: SyncConfig } = {}) {
  const tripleseat = new FakeTripleSeat(...(options.events ?? [tsEvent()]));
  const revel = new FakeRevel({
    4: [
      { id: 579, name: 'Maple Bar', priceCents: 250, active: true },
      { id: 580, name: 'Glazed Donut', priceCents: 150, active: true },
    ],
  });
  const ledger = new MemoryLedger(() => now.getTime());
  const deps: EngineDeps = {
    config: options.config ?? testConfig(),
    tripleseat,
    revel,
    ledger,
    clock: { now: () => now },
    logger: silentLogger,
    holderId: 'test',
    totalsNotKeptOnCreate: new Set<number>(),
  };
  return { deps, tripleseat, revel, ledger };
}

const opts = { correlationId: 'corr-1' };

/** An order the old connector made for 55521609 (its `Triple Seat {id}` local_id, no uuid). */
const seedLegacyOrder = (revel: FakeRevel) =>
  revel.seedOrder({
    establishment: '/enterprise/Establishment/4/',
    local_id: 'Triple Seat 55521609',
    final_total: 0,
    tax: 0,
    subtotal: 0,
    remaining_due: 0,
    surcharge: 0,
  });

describe('syncEvent', () => {
  it('injects an eligible event as one order with its items, in the location’s local time', async () => {
    const { deps, revel, ledger } = setup();
    const result = await syncEvent('55521609', deps, opts);
    expect(result).toMatchObject({ status: 'injected', reason: null, name: 'Jon Ponder - Birthday' });
    expect(revel.orders).toHaveLength(1);
    expect(revel.orders[0]).toMatchObject({
      local_id: 'Triple Seat_55521609',
      created_date: '2026-11-27T18:00:00',
    });
    expect(revel.orderItems.map((i) => i.quantity)).toEqual([8, 12]);
    expect(result.revel_order_id).toBe(String(revel.orders[0]?.id));
    const record = await ledger.get('55521609');
    expect(record).toMatchObject({
      status: 'injected',
      revelOrderId: result.revel_order_id,
      correlationId: 'corr-1',
    });
    expect(record?.leaseHolder).toBeUndefined();
  });

  it('reports the injected order’s money for the mail: location, items, totals, and no guest details', async () => {
    const config = testConfig({ revel: { payment: { enabled: true, paymentTypeId: 7 } } });
    const { deps } = setup({ config });
    const result = await syncEvent('55521609', deps, opts);
    expect(result.money).toEqual({
      location: 'Downtown',
      establishmentId: 4,
      items: [
        { quantity: 8, name: 'Maple Bar', unitCents: 250, totalCents: 2000 },
        { quantity: 12, name: 'Glazed Donut', unitCents: 150, totalCents: 1800 },
      ],
      subtotalCents: 3800,
      discounts: [],
      charges: [],
      taxCents: 0,
      totalCents: 3800,
      paidCents: 0,
      dueCents: 3800,
      tender: 'Revel payment type 7',
    });
    expect(JSON.stringify(result)).not.toMatch(/jon@example\.com|555-0100|Ponder"/);
  });

  it('fails TOTALS_DO_NOT_ADD_UP with the figures for the mail, writing nothing', async () => {
    const event = tsEvent({ grandTotalCents: 4800 });
    const { deps, revel } = setup({ events: [event] });
    const result = await syncEvent('55521609', deps, opts);
    expect(result).toMatchObject({ status: 'failed', reason: 'TOTALS_DO_NOT_ADD_UP' });
    expect(result.details?.figures).toContainEqual({ label: 'Grand total', tripleseatCents: 4800 });
    expect(result.money).toBeUndefined();
    expect(revel.orders).toHaveLength(0);
  });

  it('answers a second sync from the ledger alone, without calling either vendor', async () => {
    const { deps, revel, tripleseat } = setup();
    const first = await syncEvent('55521609', deps, opts);
    const callsBefore = revel.calls.length;
    const second = await syncEvent('55521609', deps, opts);
    expect(second).toMatchObject({
      status: 'skipped',
      reason: 'DUPLICATE',
      revel_order_id: first.revel_order_id,
    });
    expect(tripleseat.calls).toBe(1);
    expect(revel.calls.length).toBe(callsBefore);
  });

  it('reports in_progress and does nothing while another holder has the lease', async () => {
    const { deps, revel, ledger } = setup();
    await ledger.acquireLease('55521609', 'someone-else', 60_000);
    const result = await syncEvent('55521609', deps, opts);
    expect(result).toMatchObject({ status: 'in_progress', reason: 'LEASE_HELD' });
    expect(revel.orders).toHaveLength(0);
  });

  it('fails with UNMAPPED_ITEMS naming the items and writes nothing to Revel', async () => {
    const event = withItem(tsEvent(), item('Unicorn Cake', 1, 4500));
    const { deps, revel } = setup({ events: [event] });
    const result = await syncEvent('55521609', deps, opts);
    expect(result).toMatchObject({ status: 'failed', reason: 'UNMAPPED_ITEMS', retryable: false });
    expect(result.error).toContain('Unicorn Cake');
    expect(revel.orders).toHaveLength(0);
    expect(revel.orderItems).toHaveLength(0);
  });

  it('skips an event already in Revel under a legacy local_id, naming that order', async () => {
    const { deps, revel } = setup();
    const legacy = seedLegacyOrder(revel);
    const result = await syncEvent('55521609', deps, opts);
    expect(result).toMatchObject({
      status: 'skipped',
      reason: 'DUPLICATE',
      revel_order_id: String(legacy.id),
    });
    expect(revel.orders).toHaveLength(1);
  });

  it('previews with would_inject on a dry run and leaves Revel and the ledger untouched', async () => {
    const { deps, revel, ledger } = setup();
    const result = await syncEvent('55521609', deps, { ...opts, dryRun: true });
    expect(result.status).toBe('would_inject');
    expect(revel.orders).toHaveLength(0);
    expect(await ledger.get('55521609')).toBeUndefined();
  });

  it('sends every order to the test establishment when the override is set', async () => {
    const config = testConfig({
      connector: { testLocation: { establishmentId: 4, stationId: 4, userId: 1, diningOption: 7 } },
    });
    const denverEvent = tsEvent({ id: '55521616', locationId: '102' });
    const { deps, revel } = setup({ events: [denverEvent], config });
    const result = await syncEvent('55521616', deps, opts);
    expect(result.status).toBe('injected');
    expect(revel.orders[0]).toMatchObject({
      establishment: '/enterprise/Establishment/4/',
      dining_option: 7,
    });
  });

  it('records a vendor failure with its code and whether retrying can help', async () => {
    const { deps, ledger } = setup({ events: [] });
    const result = await syncEvent('404404', deps, opts);
    expect(result).toMatchObject({ status: 'failed', reason: 'TRIPLESEAT_NOT_FOUND', retryable: false });
    expect(await ledger.get('404404')).toMatchObject({ status: 'failed', reason: 'TRIPLESEAT_NOT_FOUND' });
  });

  it('resumes a half-written order after a crash instead of skipping it or writing a second one', async () => {
    const { deps, revel } = setup();
    revel.failNext('createOrderItem', 'rejected');
    const first = await syncEvent('55521609', deps, opts);
    expect(first.status).toBe('failed');
    expect(revel.orders).toHaveLength(1);
    const second = await syncEvent('55521609', deps, opts);
    expect(second).toMatchObject({ status: 'injected', revel_order_id: String(revel.orders[0]?.id) });
    expect(revel.orders).toHaveLength(1);
    expect(revel.orderItems).toHaveLength(2);
  });

  it('adopts its own complete order when the ledger was lost, reporting DUPLICATE with no write', async () => {
    const first = setup();
    await syncEvent('55521609', first.deps, opts);
    // Same Revel, brand-new ledger (e.g. the CLI's in-memory ledger on a second run).
    const fresh = { ...first.deps, ledger: new MemoryLedger(() => now.getTime()) };
    const writesBefore = first.revel.calls.filter(
      (c) => c.startsWith('create') || c === 'setOrderTotals',
    ).length;
    const again = await syncEvent('55521609', fresh, opts);
    expect(again).toMatchObject({
      status: 'skipped',
      reason: 'DUPLICATE',
      revel_order_id: String(first.revel.orders[0]?.id),
    });
    const writesAfter = first.revel.calls.filter(
      (c) => c.startsWith('create') || c === 'setOrderTotals',
    ).length;
    expect(writesAfter).toBe(writesBefore);
  });

  it('skips an event with nothing but excluded categories as NO_ITEMS', async () => {
    const event = tsEvent();
    const doc = event.documents[0];
    if (doc) doc.lineItems = [item('No nuts please', 1, 0, { category: 'Special Instructions' })];
    const { deps } = setup({ events: [event] });
    expect(await syncEvent('55521609', deps, opts)).toMatchObject({ status: 'skipped', reason: 'NO_ITEMS' });
  });

  it('never downgrades an injected event, even when a listing says it changed (no second write, ever)', async () => {
    const { deps, revel, tripleseat, ledger } = setup();
    const first = await syncEvent('55521609', deps, opts);
    const event = tripleseat.events.get('55521609');
    const line = event?.documents[0]?.lineItems?.[0];
    if (line) line.quantity = 10;
    for (let run = 0; run < 3; run++) {
      const again = await syncEvent('55521609', deps, { ...opts, knownUpdatedAt: `edited-${run}` });
      expect(again).toMatchObject({
        status: 'skipped',
        reason: 'DUPLICATE',
        revel_order_id: first.revel_order_id,
      });
      expect(again.error).toContain('changed in TripleSeat after injection');
    }
    expect((await ledger.get('55521609'))?.status).toBe('injected');
    expect(revel.orders).toHaveLength(1);
    expect(revel.orderItems).toHaveLength(2);
    expect(tripleseat.calls).toBe(1);
  });

  it('fails HALF_WRITTEN_ORDER instead of appending when the event changed under a half-written order', async () => {
    const { deps, revel, tripleseat } = setup();
    revel.failNext('createOrderItem', 'rejected');
    expect((await syncEvent('55521609', deps, opts)).status).toBe('failed');
    // One Maple Bar more: a consistent edit, so only the half-written order stands in the way.
    const changed = tripleseat.events.get('55521609');
    const line = changed?.documents[0]?.lineItems?.[0];
    if (changed && line) {
      line.quantity = 9;
      line.totalCents += line.unitPriceCents;
      changed.grandTotalCents = (changed.grandTotalCents ?? 0) + line.unitPriceCents;
    }
    const again = await syncEvent('55521609', deps, opts);
    expect(again).toMatchObject({ status: 'failed', reason: 'HALF_WRITTEN_ORDER', retryable: false });
    expect(again.error).toContain(String(revel.orders[0]?.id));
    expect(revel.orderItems).toHaveLength(0);
  });

  it('fails HALF_WRITTEN_ORDER naming the totals when the event changed under a half-written order so it no longer adds up', async () => {
    const { deps, revel, tripleseat } = setup();
    revel.failNext('createOrderItem', 'rejected');
    expect((await syncEvent('55521609', deps, opts)).status).toBe('failed');
    const changed = tripleseat.events.get('55521609');
    const line = changed?.documents[0]?.lineItems?.[0];
    if (line) {
      line.quantity = 9;
      line.totalCents += line.unitPriceCents; // the grand totals still say 38.00
    }

    const again = await syncEvent('55521609', deps, opts);

    expect(again).toMatchObject({ status: 'failed', reason: 'HALF_WRITTEN_ORDER', retryable: false });
    expect(again.error).toContain(`Revel order ${revel.orders[0]?.id}`);
    expect(again.error).toContain('TOTALS_DO_NOT_ADD_UP');
    expect(revel.orderItems).toHaveLength(0);
  });

  it('keeps a settings failure’s own reason under a half-written order, so fixing the setting lets it finish', async () => {
    const { deps, revel } = setup();
    revel.failNext('createOrderItem', 'rejected');
    expect((await syncEvent('55521609', deps, opts)).status).toBe('failed');
    const unmapped = {
      ...deps,
      revel: Object.assign(Object.create(revel), { listProducts: async () => [] }),
    };

    const again = await syncEvent('55521609', unmapped, opts);

    expect(again).toMatchObject({ status: 'failed', reason: 'UNMAPPED_ITEMS' });
  });

  it('finishes a half-written order after the event day has passed instead of abandoning it', async () => {
    const { deps, revel } = setup();
    revel.failNext('createOrderItem', 'rejected');
    await syncEvent('55521609', deps, opts);
    const nextDay = { ...deps, clock: { now: () => new Date('2026-11-29T02:00:00Z') } };
    const again = await syncEvent('55521609', nextDay, opts);
    expect(again.status).toBe('injected');
    expect(revel.orders).toHaveLength(1);
    expect(revel.orderItems).toHaveLength(2);
  });

  it('skips a half-written order while the connector is off, keeping its progress, and finishes it once it is on', async () => {
    const { deps, revel } = setup();
    revel.failNext('createOrderItem', 'rejected');
    await syncEvent('55521609', deps, opts);
    const off = {
      ...deps,
      config: { ...deps.config, connector: { ...deps.config.connector, enabled: false } },
    };

    const paused = await syncEvent('55521609', off, opts);
    expect(paused).toMatchObject({ status: 'skipped', reason: 'CONNECTOR_DISABLED' });

    const resumed = await syncEvent('55521609', deps, opts);
    expect(resumed).toMatchObject({ status: 'injected', revel_order_id: String(revel.orders[0]?.id) });
    expect(revel.orders).toHaveLength(1);
    expect(revel.orderItems).toHaveLength(2);
  });

  it('never adds a line again to a half-written order someone finished by hand in Revel', async () => {
    const { deps, revel } = setup();
    revel.failNext('createOrderItem', 'rejected');
    await syncEvent('55521609', deps, opts);
    const orderId = revel.orders[0]?.id;
    // Following the mail, a person adds the missing lines at the till (Revel's own uuids).
    for (const [i, product] of [579, 580].entries())
      revel.orderItems.push({
        id: 900 + i,
        resource_uri: `/resources/OrderItem/${900 + i}/`,
        uuid: `till-${i}`,
        order: `/resources/Order/${orderId}/`,
        product: `/resources/Product/${product}/`,
      });

    const again = await syncEvent('55521609', deps, opts);

    expect(again).toMatchObject({ status: 'failed', reason: 'HALF_WRITTEN_ORDER', retryable: false });
    expect(again.error).toContain('changed in Revel by hand');
    expect(again.error).not.toContain('it will not be changed automatically');
    expect(revel.orderItems).toHaveLength(2);
  });

  it('says truthfully in HALF_WRITTEN_ORDER what happens next', async () => {
    const { deps, revel, tripleseat } = setup();
    revel.failNext('createOrderItem', 'rejected');
    await syncEvent('55521609', deps, opts);
    tripleseat.events.set('55521609', tsEvent({ status: 'TENTATIVE' }));

    const flagged = await syncEvent('55521609', deps, opts);

    expect(flagged).toMatchObject({ status: 'failed', reason: 'HALF_WRITTEN_ORDER' });
    expect(flagged.error).toContain(
      'The sync finishes it automatically only if the event becomes eligible again unchanged',
    );
    expect(flagged.error).toContain('and nobody changes the order in Revel');
  });

  it('refuses to adopt its own order from Revel when that order holds items the event no longer plans', async () => {
    const first = setup();
    first.revel.failNext('createOrderItem', 'rejected');
    await syncEvent('55521609', first.deps, opts);
    first.revel.orderItems.push({
      id: 1,
      resource_uri: '/resources/OrderItem/1/',
      uuid: 'foreign',
      order: `/resources/Order/${first.revel.orders[0]?.id}/`,
    });
    const fresh = { ...first.deps, ledger: new MemoryLedger(() => now.getTime()) };
    const again = await syncEvent('55521609', fresh, opts);
    expect(again).toMatchObject({ status: 'failed', reason: 'HALF_WRITTEN_ORDER' });
    expect(first.revel.orderItems).toHaveLength(1);
  });

  it('logs every outcome with its status, failures included, so log queries find them', async () => {
    const { deps } = setup({ events: [] });
    const lines: Record<string, unknown>[] = [];
    const logger = createJsonLogger({ write: (line) => lines.push(JSON.parse(line)) });
    await syncEvent('404404', { ...deps, logger }, opts);
    expect(lines).toContainEqual(
      expect.objectContaining({ event_id: '404404', status: 'failed', reason: 'TRIPLESEAT_NOT_FOUND' }),
    );
  });

  it('lets a bulk run finish a half-written order whose day has passed, instead of skipping it from the listing', async () => {
    const { deps, revel } = setup();
    revel.failNext('createOrderItem', 'rejected');
    await syncEvent('55521609', deps, opts);
    const nextDay = { ...deps, clock: { now: () => new Date('2026-11-29T02:00:00Z') } };
    const results = await syncRecent(nextDay, { hoursBack: 48, correlationId: 'bulk' });
    expect(results.find((r) => r.id === '55521609')).toMatchObject({ status: 'injected' });
    expect(revel.orderItems).toHaveLength(2);
  });
});

describe("syncEvent for an event someone else's order holds (the old connector's)", () => {
  const listed = '2026-11-27T10:00:00-08:00'; // tsEvent()'s updated_at
  function withLegacyOrder() {
    const s = setup();
    const legacy = seedLegacyOrder(s.revel);
    return { ...s, legacy };
  }

  it('records the DUPLICATE as a foreign order, then answers it from the ledger while the listing shows the same updated_at', async () => {
    const { deps, revel, tripleseat, ledger, legacy } = withLegacyOrder();
    await syncEvent('55521609', deps, { ...opts, knownUpdatedAt: listed });
    expect(await ledger.get('55521609')).toMatchObject({ foreignOrder: true, eventUpdatedAt: listed });
    const calls = { revel: revel.calls.length, tripleseat: tripleseat.calls };
    const again = await syncEvent('55521609', deps, { ...opts, knownUpdatedAt: listed });
    expect(again).toMatchObject({
      status: 'skipped',
      reason: 'DUPLICATE',
      revel_order_id: String(legacy.id),
    });
    expect(again.error).toContain(`Revel already has order ${legacy.id}`);
    expect({ revel: revel.calls.length, tripleseat: tripleseat.calls }).toEqual(calls);
  });

  it('answers from the ledger when the listing writes the same updated_at in UTC', async () => {
    const { deps, revel, tripleseat } = withLegacyOrder();
    await syncEvent('55521609', deps, { ...opts, knownUpdatedAt: listed });
    const calls = { revel: revel.calls.length, tripleseat: tripleseat.calls };
    const again = await syncEvent('55521609', deps, { ...opts, knownUpdatedAt: '2026-11-27T18:00:00.000Z' });
    expect(again).toMatchObject({ status: 'skipped', reason: 'DUPLICATE' });
    expect({ revel: revel.calls.length, tripleseat: tripleseat.calls }).toEqual(calls);
  });

  it('looks in Revel again when the event was edited since (another updated_at)', async () => {
    const { deps, revel, ledger } = withLegacyOrder();
    await syncEvent('55521609', deps, { ...opts, knownUpdatedAt: listed });
    const edited = '2026-11-27T11:00:00-08:00';
    deps.tripleseat = new FakeTripleSeat(tsEvent({ updatedAt: edited }));
    const lookUps = revel.callCount('findOrdersByLocalId');
    const again = await syncEvent('55521609', deps, { ...opts, knownUpdatedAt: edited });
    expect(again).toMatchObject({ status: 'skipped', reason: 'DUPLICATE' });
    expect(revel.callCount('findOrdersByLocalId')).toBe(lookUps + 1);
    expect(await ledger.get('55521609')).toMatchObject({ foreignOrder: true, eventUpdatedAt: edited });
  });

  it('looks in Revel again when the caller knows no updated_at ("sync now"), and writes ours once the foreign order is gone', async () => {
    const { deps, revel, ledger, legacy } = withLegacyOrder();
    await syncEvent('55521609', deps, { ...opts, knownUpdatedAt: listed });
    // A person deletes the old connector's order in Revel.
    revel.orders.splice(
      revel.orders.findIndex((o) => o.id === legacy.id),
      1,
    );
    const now = await syncEvent('55521609', deps, { ...opts, trigger: 'operator' });
    expect(now.status).toBe('injected');
    expect(revel.orders.map((o) => o.local_id)).toEqual(['Triple Seat_55521609']);
    expect((await ledger.get('55521609'))?.foreignOrder).toBeUndefined();
  });

  it('does not mark as foreign our own complete order adopted from Revel, nor answer it as one', async () => {
    const first = setup();
    await syncEvent('55521609', first.deps, opts);
    const ledger = new MemoryLedger(() => now.getTime());
    const adopted = await syncEvent(
      '55521609',
      { ...first.deps, ledger },
      { ...opts, knownUpdatedAt: listed },
    );
    expect(adopted).toMatchObject({ status: 'skipped', reason: 'DUPLICATE' });
    expect((await ledger.get('55521609'))?.foreignOrder).toBeUndefined();
  });

  it('looks again at a DUPLICATE recorded without the mark (before it was kept), then marks it', async () => {
    const { deps, revel, ledger, legacy } = withLegacyOrder();
    await ledger.acquireLease('55521609', 'earlier', 60_000);
    await ledger.recordOutcome('55521609', 'earlier', {
      status: 'skipped',
      reason: 'DUPLICATE',
      revelOrderId: String(legacy.id),
      eventUpdatedAt: listed,
    });
    await ledger.releaseLease('55521609', 'earlier');
    await syncEvent('55521609', deps, { ...opts, knownUpdatedAt: listed });
    expect(revel.callCount('findOrdersByLocalId')).toBe(1);
    expect((await ledger.get('55521609'))?.foreignOrder).toBe(true);
  });
});

describe('syncEvent with a Revel create whose outcome is unknown', () => {
  const settled = new Date(now.getTime() + 10 * 60_000 + 1); // past the default 10-minute settle time
  /** The order a lost create made after all, as Revel would hold it. */
  const landLate = async ({ revel, ledger }: ReturnType<typeof setup>) => {
    const pending = (await ledger.get('55521609'))?.progress.pending;
    revel.seedOrder({
      uuid: pending?.uuid,
      local_id: 'Triple Seat_55521609',
      establishment: '/enterprise/Establishment/4/',
    });
  };

  it('answers in_progress WRITE_SETTLING, not failed, and releases the lease without re-sending', async () => {
    const s = setup();
    s.revel.failNext('createOrder', 'unavailable');
    const first = await syncEvent('55521609', s.deps, opts);
    expect(first).toMatchObject({ status: 'in_progress', reason: 'WRITE_SETTLING' });
    const other = await syncEvent('55521609', { ...s.deps, holderId: 'manual' }, opts);
    expect(other).toMatchObject({ status: 'in_progress', reason: 'WRITE_SETTLING' });
    expect(s.revel.callCount('createOrder')).toBe(1);
    const record = await s.ledger.get('55521609');
    expect(record?.leaseHolder).toBeUndefined();
    expect(record?.progress.pending).toMatchObject({ step: 'order', since: now.toISOString() });
  });

  it('logs the settling create as a pause at info, not as a failed sync', async () => {
    const s = setup();
    const lines: { level: string; message: string; reason?: unknown }[] = [];
    const record =
      (level: string) =>
      (message: string, fields?: Record<string, unknown>): void => {
        lines.push({ level, message, reason: fields?.reason });
      };
    const logger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    };
    s.revel.failNext('createOrder', 'unavailable');

    await syncEvent('55521609', { ...s.deps, logger }, opts);

    expect(lines).toContainEqual({ level: 'info', message: 'event sync paused', reason: 'WRITE_SETTLING' });
    expect(lines.filter((l) => l.message === 'event sync failed')).toEqual([]);
    expect(lines.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
  });

  it('creates the order after the settle time when the lost create never landed', async () => {
    const s = setup();
    s.revel.failNext('createOrder', 'unavailable');
    await syncEvent('55521609', s.deps, opts);
    const result = await syncEvent('55521609', { ...s.deps, clock: { now: () => settled } }, opts);
    expect(result.status).toBe('injected');
    expect(s.revel.orders).toHaveLength(1);
    expect(s.revel.orderItems).toHaveLength(2);
  });

  it('finishes an orphaned order found in Revel although the event day has passed meanwhile', async () => {
    const s = setup();
    s.revel.failNext('createOrder', 'unavailable');
    await syncEvent('55521609', s.deps, opts);
    await landLate(s);
    const nextDay = { ...s.deps, clock: { now: () => new Date('2026-11-29T02:00:00Z') } };
    const result = await syncEvent('55521609', nextDay, opts);
    expect(result).toMatchObject({ status: 'injected', revel_order_id: String(s.revel.orders[0]?.id) });
    expect(s.revel.orders).toHaveLength(1);
    expect(s.revel.orderItems).toHaveLength(2);
  });

  it('flags an orphaned order HALF_WRITTEN_ORDER when the event is no longer eligible, instead of skipping it', async () => {
    const s = setup();
    s.revel.failNext('createOrder', 'unavailable');
    await syncEvent('55521609', s.deps, opts);
    await landLate(s);
    s.tripleseat.events.set('55521609', tsEvent({ status: 'LOST' }));
    const result = await syncEvent('55521609', s.deps, opts);
    expect(result).toMatchObject({ status: 'failed', reason: 'HALF_WRITTEN_ORDER', retryable: false });
    expect(result.error).toContain(String(s.revel.orders[0]?.id));
    expect(s.revel.orderItems).toHaveLength(0);
  });

  it('does not skip an ineligible event while its lost create may still land, and skips it once settled', async () => {
    const s = setup();
    s.revel.failNext('createOrder', 'unavailable');
    await syncEvent('55521609', s.deps, opts);
    s.tripleseat.events.set('55521609', tsEvent({ status: 'LOST' }));
    expect(await syncEvent('55521609', s.deps, opts)).toMatchObject({
      status: 'in_progress',
      reason: 'WRITE_SETTLING',
    });
    const later = await syncEvent('55521609', { ...s.deps, clock: { now: () => settled } }, opts);
    expect(later).toMatchObject({ status: 'skipped', reason: 'STATUS_NOT_ELIGIBLE' });
    expect(s.revel.orders).toHaveLength(0);
  });
});
