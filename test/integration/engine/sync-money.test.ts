import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moneyEventIds } from '../../../dev/sandbox/tripleseat-seed';
import { syncEvent } from '../../../functions/core/engine/sync-event';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

/**
 * The five money events (docs/vendors/sandbox-money.md) are seeded for tomorrow: with the engine's
 * clock a day ahead they are today's events. Today the engine orders their items only (the money is
 * written by a later change) after checking that their figures add up.
 */
let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(async () => {
  await h.close();
});

const opts = { correlationId: 'it-money' };
const ordersFor = (eventId: string) =>
  h.sandboxes.revel.orders().filter((o) => String(o.local_id).endsWith(`_${eventId}`));
const revelWrites = () => h.sandboxes.revel.requestLog().filter((r) => r.method !== 'GET');
/** "2026-11-30T12:00:00-08:00" → "2026-11-30T12:00:00": the start as the location's clock shows it. */
const localStartOf = (eventId: string) =>
  h.sandboxes.tripleseat.event(eventId)?.event_start_iso8601.slice(0, 19);

describe('syncEvent on the money events, the day they happen', () => {
  it.each([
    ['55521619', 4],
    ['55521620', 3],
    ['55521621', 3],
    ['55521622', 4],
  ])('injects event %s, whose figures add up, with its %i items', async (eventId, itemCount) => {
    const result = await syncEvent(eventId, h.deps(), opts);
    expect(result).toMatchObject({ status: 'injected', reason: null });
    const [order, ...others] = ordersFor(eventId);
    expect(others).toHaveLength(0);
    expect(order?.items).toHaveLength(itemCount);
  });

  it('orders the items a proposal and an invoice repeat once (event 55521623)', async () => {
    const result = await syncEvent('55521623', h.deps(), opts);
    expect(result.status).toBe('injected');
    const items = ordersFor('55521623')[0]?.items ?? [];
    expect(items.map((i) => i.quantity).sort()).toEqual([20, 24]);
  });

  it("puts the allergy note, the special instruction, the pickup time and the guest count in the order's notes", async () => {
    await syncEvent('55521619', h.deps(), opts);
    const order = ordersFor('55521619')[0];
    const notes = String(order?.notes);
    expect(notes).toContain('Triple Seat Event #55521619 — Lindqvist Awards Luncheon');
    expect(notes).toContain('Allergies: Tree nuts (one guest)');
    expect(notes).toContain('No nuts please');
    expect(notes).toContain('12:00 PM');
    expect(notes).toContain('16 guests');
    expect(order?.pickup_time).toBe(localStartOf('55521619'));
  });

  it("sets a Denver event's pickup time in Denver's zone, without an offset", async () => {
    await syncEvent('55521620', h.deps(), opts);
    const pickup = ordersFor('55521620')[0]?.pickup_time;
    expect(pickup).toBe(localStartOf('55521620'));
    expect(String(pickup)).toMatch(/^\d{4}-\d{2}-\d{2}T09:00:00$/);
  });

  it('fails TOTALS_DO_NOT_ADD_UP, naming the figures, and writes nothing to Revel when the grand total is off', async () => {
    const event = h.sandboxes.tripleseat.event('55521619');
    if (!event) throw new Error('seeded event 55521619 is missing');
    h.sandboxes.tripleseat.setEvent({
      ...event,
      grand_total: '241.08',
      amount_due: '191.08',
      billing_totals: event.billing_totals.map((row) =>
        row.name === 'Grand Total' ? { ...row, total: '241.08' } : row,
      ),
    });
    const result = await syncEvent('55521619', h.deps(), opts);
    expect(result).toMatchObject({ status: 'failed', reason: 'TOTALS_DO_NOT_ADD_UP', retryable: false });
    expect(result.error).toContain('231.08');
    expect(result.error).toContain('241.08');
    expect(ordersFor('55521619')).toHaveLength(0);
    expect(revelWrites()).toEqual([]);
  });

  it('fails BAD_LINE naming the row and writes nothing to Revel when a line total is unexplained', async () => {
    const event = h.sandboxes.tripleseat.event('55521621');
    const first = event?.documents[0]?.line_items?.[0];
    if (!event || !first) throw new Error('seeded event 55521621 has no line items');
    Object.assign(first, { total_price: '999.00', discount: undefined, grand_total: undefined });
    h.sandboxes.tripleseat.setEvent(event);
    const result = await syncEvent('55521621', h.deps(), opts);
    expect(result).toMatchObject({ status: 'failed', reason: 'BAD_LINE', retryable: false });
    expect(result.error).toContain('row 1');
    expect(revelWrites()).toEqual([]);
  });

  it('covers every seeded money event', () => {
    expect([...moneyEventIds].sort()).toEqual(['55521619', '55521620', '55521621', '55521622', '55521623']);
  });
});
