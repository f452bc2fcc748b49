import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncRecent } from '#functions/core/bulk/sync-recent';
import type { EventResult } from '#functions/core/engine/results';
import { legacyOrderId } from '../../../dev/sandbox';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

let h: EngineHarness;
let first: EventResult[];
beforeAll(async () => {
  h = await startEngineHarness();
  first = await syncRecent(h.deps(), { hoursBack: 48, correlationId: 'bulk-1' });
});
afterAll(async () => {
  await h.close();
});

const byId = (results: EventResult[]) => Object.fromEntries(results.map((r) => [r.id, r]));

describe('syncRecent over the seeded sandboxes', () => {
  it('injects exactly the eligible events and reports every other one with its reason', () => {
    const r = byId(first);
    expect(first).toHaveLength(15);
    for (const id of h.sandboxes.seededEventIds.eligible) expect(r[id]).toMatchObject({ status: 'injected' });
    expect(r['55521611']).toMatchObject({ status: 'failed', reason: 'UNMAPPED_ITEMS' });
    expect(r['55521612']).toMatchObject({ status: 'skipped', reason: 'TOO_EARLY' });
    expect(r['55521613']).toMatchObject({ status: 'skipped', reason: 'EVENT_DAY_PASSED' });
    expect(r['55521614']).toMatchObject({ status: 'skipped', reason: 'STATUS_NOT_ELIGIBLE' });
    expect(r['55521615']).toMatchObject({ status: 'skipped', reason: 'LOCATION_NOT_MAPPED' });
    expect(r['55521617']).toMatchObject({
      status: 'skipped',
      reason: 'DUPLICATE',
      revel_order_id: String(legacyOrderId),
    });
    expect(r['55521618']).toMatchObject({ status: 'skipped', reason: 'NO_ITEMS' });
    // The money events are today's, written with their discounts, charges, tax and payments.
    for (const id of ['55521619', '55521620', '55521621', '55521622', '55521623'])
      expect(r[id]).toMatchObject({ status: 'injected', reason: null });
  });

  it('puts the Denver event in the Denver establishment, mapped through the explicit menu item mapping', () => {
    const denver = h.sandboxes.revel.orders().find((o) => o.local_id === 'Triple Seat_55521616');
    expect(denver?.establishment).toBe('/enterprise/Establishment/7/');
    expect(denver?.items.map((i) => i.product)).toContain('/resources/Product/1203/');
  });

  it('injects nothing on a second run: each earlier event is a DUPLICATE with the same order id', async () => {
    const writesBefore = h.sandboxes.revel.requestLog().filter((x) => x.method !== 'GET').length;
    const second = byId(await syncRecent(h.deps(), { hoursBack: 48, correlationId: 'bulk-2' }));
    for (const earlier of first.filter((e) => e.status === 'injected')) {
      expect(second[earlier.id]).toMatchObject({
        status: 'skipped',
        reason: 'DUPLICATE',
        revel_order_id: earlier.revel_order_id,
        name: earlier.name,
      });
    }
    expect(h.sandboxes.revel.requestLog().filter((x) => x.method !== 'GET').length).toBe(writesBefore);
  });

  it('still names the order of an injected event that has since become ineligible', async () => {
    const injected = first.find((e) => e.id === '55521609');
    h.sandboxes.tripleseat.updateEvent('55521609', { status: 'LOST' });
    const again = byId(await syncRecent(h.deps(), { hoursBack: 48, correlationId: 'bulk-lost' }));
    expect(again['55521609']).toMatchObject({
      status: 'skipped',
      reason: 'DUPLICATE',
      revel_order_id: injected?.revel_order_id,
    });
    expect(again['55521609']?.error).toContain('STATUS_NOT_ELIGIBLE');
  });

  it('pages through more than one page of search results', async () => {
    const filler = h.sandboxes.tripleseat.addFillerEvents(60);
    const results = await syncRecent(h.deps(), { hoursBack: 48, correlationId: 'bulk-3', dryRun: true });
    const ids = new Set(results.map((r) => r.id));
    for (const id of filler) expect(ids.has(id)).toBe(true);
    expect(results.find((r) => r.id === filler[0])).toMatchObject({
      status: 'skipped',
      reason: 'STATUS_NOT_ELIGIBLE',
    });
  });
});
