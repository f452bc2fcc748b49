import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncConfig } from '#functions/core/config/sync-config';
import { syncEvent } from '#functions/core/engine/sync-event';
import { moneyEventIds } from '../../../dev/sandbox/tripleseat-seed';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { closedInRevel } from '../../support/revel-till';

/**
 * The five money events (docs/vendors/sandbox-money.md), seeded for today, written to the Revel
 * sandbox over HTTP with their discounts, charges, tax and payments, then read back.
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
/** `revel.totalsWithCreate: false`: the totals PATCHed after the items, so a fault can hit the PATCH. */
const patchingTotals = () =>
  h.deps({ config: { ...h.config, revel: { ...h.config.revel, totalsWithCreate: false } } });
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

const sum = (values: readonly unknown[]) => values.reduce<number>((total, v) => total + Number(v), 0);
/** Each location with one money setting taken away. */
const without = (setting: 'discountId' | 'tenderId' | 'charges'): SyncConfig => ({
  ...h.config,
  revel: { ...h.config.revel, payment: undefined },
  locations: h.config.locations.map((l) => {
    const { [setting]: _gone, ...revel } = l.revel;
    return { ...l, revel: { ...revel, charges: setting === 'charges' ? { mapping: [] } : l.revel.charges } };
  }),
});

describe('the Revel order of each money event matches its invoice', () => {
  // docs/vendors/sandbox-money.md, "Seeded money events".
  it.each([
    { id: '55521619', total: 231.08, tax: 15.08, paid: 50, due: 181.08, discount: 20, fees: [36] },
    { id: '55521620', total: 229.19, tax: 18.56, paid: 0, due: 229.19, discount: 0, fees: [32.13] },
    { id: '55521621', total: 367.79, tax: 23.99, paid: 367.79, due: 0, discount: 0, fees: [57.3] },
    { id: '55521622', total: 437.76, tax: 28.56, paid: 100, due: 337.76, discount: 40, fees: [68.2] },
    { id: '55521623', total: 140.89, tax: 10.89, paid: 0, due: 140.89, discount: 0, fees: [] },
  ])(
    'event $id: final total $total, tax $tax, paid $paid, due $due, closed only when nothing is due',
    async ({ id, total, tax, paid, due, discount, fees }) => {
      const result = await syncEvent(id, h.deps(), opts);
      expect(result).toMatchObject({ status: 'injected', reason: null });
      const [order, ...others] = ordersFor(id);
      expect(others).toHaveLength(0);
      expect(order).toMatchObject({ final_total: total, tax, remaining_due: due });
      expect(closedInRevel(order)).toBe(due === 0);
      expect(sum(order?.items.map((i) => i.tax_amount) ?? [])).toBeCloseTo(tax, 2);
      expect(sum(order?.payments.map((p) => p.amount) ?? [])).toBeCloseTo(paid, 2);
      expect(Number(order?.discount_amount)).toBe(discount);
      expect(order?.applied_discounts).toHaveLength(discount === 0 ? 0 : 1);
      expect(order?.serviceFees.map((f) => f.amount)).toEqual(fees);
      expect(order?.histories).toHaveLength(1);
    },
  );

  it('pays each TripleSeat payment with the tender on its own day, as naive local time', async () => {
    await syncEvent('55521621', h.deps(), opts);
    const payments = ordersFor('55521621')[0]?.payments ?? [];
    expect(payments.map((p) => [p.payment_type, p.amount])).toEqual([
      [236, 100],
      [236, 267.79],
    ]);
    for (const p of payments) expect(String(p.created_date)).toMatch(/^\d{4}-\d{2}-\d{2}T12:00:0\d$/);
  });

  it('puts the line discount on its line (event 55521620, one burrito free)', async () => {
    await syncEvent('55521620', h.deps(), opts);
    const discounted = ordersFor('55521620')[0]?.items.filter((i) => Number(i.discount_amount) > 0) ?? [];
    expect(discounted.map((i) => [i.discount, Number(i.discount_amount)])).toEqual([
      ['/resources/Discount/3359/', 13],
    ]);
  });

  it("writes no tax in tax mode none: the total is TripleSeat's less its tax, the due less what was paid", async () => {
    const config: SyncConfig = { ...h.config, tax: { mode: 'none' } };
    expect((await syncEvent('55521619', h.deps({ config }), opts)).status).toBe('injected');
    const order = ordersFor('55521619')[0];
    expect(order).toMatchObject({ tax: 0, final_total: 216, remaining_due: 166 });
    expect(order?.items.every((i) => i.tax_amount === 0)).toBe(true);
  });

  it('leaves a fully paid order open when closeWhenPaid is off', async () => {
    const config = { ...h.config, revel: { ...h.config.revel, closeWhenPaid: false } };
    await syncEvent('55521621', h.deps({ config }), opts);
    expect(ordersFor('55521621')[0]).toMatchObject({ remaining_due: 0 });
    expect(closedInRevel(ordersFor('55521621')[0])).toBe(false);
  });

  it.each([
    { setting: 'discountId', id: '55521619', reason: 'DISCOUNT_NOT_CONFIGURED', names: 'Discount 20.00' },
    { setting: 'charges', id: '55521619', reason: 'UNMAPPED_CHARGES', names: 'Service Charge (20%)' },
    { setting: 'tenderId', id: '55521619', reason: 'PAYMENT_NOT_CONFIGURED', names: 'deposit 50.00' },
    { setting: 'charges', id: '55521620', reason: 'UNMAPPED_CHARGES', names: 'Gratuity' },
  ] as const)(
    'fails $reason naming the money, with no Revel request at all, when $setting is missing (event $id)',
    async ({ setting, id, reason, names }) => {
      const result = await syncEvent(id, h.deps({ config: without(setting) }), opts);
      expect(result).toMatchObject({ status: 'failed', reason, retryable: false });
      expect(result.error).toContain(names);
      expect(h.sandboxes.revel.requestLog()).toEqual([]);
    },
  );
});

describe('money steps whose answer is lost after Revel committed them', () => {
  it('end in one order with one fee and each payment once, found by tender, amount and date when Revel keeps no payment uuid', async () => {
    h.sandboxes.revel.behave({ dropPaymentUuids: true });
    const lost = { kind: 'commit-then-fail' } as const;
    for (const path of ['/resources/AppliedServiceFee/', '/resources/OrderHistory/'])
      h.sandboxes.faults.add({ vendor: 'revel', method: 'POST', path, action: lost });
    h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'POST',
      path: '/resources/Payment/',
      times: 2,
      action: lost,
    });
    h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'PATCH',
      path: /^\/resources\/Order\/\d+\/$/,
      action: lost,
    });

    const result = await syncEvent('55521621', patchingTotals(), opts);
    expect(result).toMatchObject({ status: 'injected', reason: null });
    expect(h.sandboxes.faults.hits()).toBe(5);
    const [order, ...others] = ordersFor('55521621');
    expect(others).toHaveLength(0);
    expect(order?.serviceFees).toHaveLength(1);
    expect(order?.payments.map((p) => [p.uuid, p.amount])).toEqual([
      [null, 100],
      [null, 267.79],
    ]);
    expect(order?.histories).toHaveLength(1);
    expect(order).toMatchObject({ final_total: 367.79, remaining_due: 0 });
    expect(closedInRevel(order)).toBe(true);
  });

  it('sends the discount once however often the totals are re-sent (event 55521622)', async () => {
    h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'PATCH',
      path: /^\/resources\/Order\/\d+\/$/,
      times: 2,
      action: { kind: 'commit-then-fail' },
    });
    expect((await syncEvent('55521622', patchingTotals(), opts)).status).toBe('injected');
    expect(h.sandboxes.faults.hits()).toBe(2);
    const order = ordersFor('55521622')[0];
    expect(order?.applied_discounts).toEqual([
      { name: 'Triple Seat Discount', discount: '/resources/Discount/3358/', amount: '40.000000' },
    ]);
    expect(order).toMatchObject({ discount_reason: 'Triple Seat: Discount', final_total: 437.76 });
  });
});

describe('the read-back after writing', () => {
  it('fails RECONCILIATION_MISMATCH, not retryable, showing both figures, when Revel keeps another tax; later syncs leave the order alone', async () => {
    h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'PATCH',
      path: /^\/resources\/Order\/\d+\/$/,
      action: { kind: 'alter-body', set: { tax: 0 } },
    });
    const result = await syncEvent('55521619', patchingTotals(), opts);
    const order = ordersFor('55521619')[0];
    expect(result).toMatchObject({
      status: 'failed',
      reason: 'RECONCILIATION_MISMATCH',
      retryable: false,
      revel_order_id: String(order?.id),
    });
    expect(result.error).toContain('tax: TripleSeat 15.08, Revel 0.00');
    expect(result.details?.figures).toContainEqual({
      label: 'tax',
      tripleseatCents: 1508,
      revelCents: 0,
    });
    expect(result.details?.figures).toContainEqual({
      label: 'final total',
      tripleseatCents: 23108,
      revelCents: 23108,
    });
    expect(await h.ledger.get('55521619')).toMatchObject({
      status: 'failed',
      reason: 'RECONCILIATION_MISMATCH',
    });

    const requestsBefore = h.sandboxes.revel.requestLog().length;
    const again = await syncEvent('55521619', h.deps(), opts);
    expect(again).toMatchObject({ status: 'skipped', revel_order_id: String(order?.id) });
    expect(h.sandboxes.revel.requestLog()).toHaveLength(requestsBefore);
    expect(ordersFor('55521619')).toHaveLength(1);
  });
});
