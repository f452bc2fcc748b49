import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '#functions/core/domain/errors';
import { spreadCents } from '#functions/core/money/money-plan';
import { ORDER_NOTES_LIMIT, pickupTimeFor, truncate } from '#functions/core/order/order-plan';
import {
  buildOrderPlan,
  callNameFor,
  deterministicUuid,
  localTimestamp,
  type OrderPlanInput,
  orderNotesFor,
} from '#functions/core/order/order-writer';
import { moneyInput, orderPlanInput } from '../../../support/builders';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const input = (overrides: Partial<OrderPlanInput> = {}): OrderPlanInput =>
  orderPlanInput({
    revel: { establishmentId: 4, stationId: 4, userId: 1, diningOption: 113 },
    ...overrides,
  });

describe('deterministicUuid', () => {
  it('gives a valid version-5 UUID that depends only on its parts', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 4 }), (parts) => {
        const uuid = deterministicUuid(...parts);
        expect(uuid).toMatch(UUID);
        expect(deterministicUuid(...parts)).toBe(uuid);
      }),
    );
  });

  it('keeps the parts apart, so joined and split parts differ', () => {
    expect(deterministicUuid('a,b')).not.toBe(deterministicUuid('a', 'b'));
    expect(deterministicUuid('ab', 'c')).not.toBe(deterministicUuid('a', 'bc'));
  });
});

describe('buildOrderPlan', () => {
  it('gives the same uuids when the same plan is built twice', () => {
    const a = buildOrderPlan(input());
    const b = buildOrderPlan(input());
    expect(b).toEqual(a);
    expect(a.orderUuid).toMatch(UUID);
    expect(new Set([a.orderUuid, ...a.lines.map((l) => l.uuid)]).size).toBe(3);
  });

  it('gives a different event different uuids', () => {
    const a = buildOrderPlan(input());
    const b = buildOrderPlan(input({ localId: 'Triple Seat_1' }));
    expect(b.orderUuid).not.toBe(a.orderUuid);
    expect(b.lines[0]?.uuid).not.toBe(a.lines[0]?.uuid);
  });

  it('keeps the TripleSeat prices and sums the lines into the subtotal', () => {
    const plan = buildOrderPlan(input());
    expect(
      plan.lines.map((l) => [l.productId, l.quantity, l.unitPriceCents, l.totalCents, l.nameOverride]),
    ).toEqual([
      [579, 6, 170, 1020, undefined],
      [900, 1, 4500, 4500, 'Chef Tasting'],
    ]);
    expect(plan.subtotalCents).toBe(5520);
    expect(plan).toMatchObject({ establishmentId: 4, stationId: 4, userId: 1, diningOption: 113 });
  });

  it('plans the items alone, nothing paid and the whole total due, when TripleSeat stated no money', () => {
    const plan = buildOrderPlan(input());
    expect(plan).toMatchObject({ payments: [], serviceFees: [], taxCents: 0, close: false });
    expect(plan).toMatchObject({ finalTotalCents: 5520, remainingDueCents: 5520 });
    expect(plan.discount).toBeUndefined();
  });

  it('plans one payment per TripleSeat payment with the tender, its amount, a naive local date and a stable uuid', () => {
    const money = moneyInput({
      payments: [
        { cents: 2000, date: '2025-12-20', kind: 'deposit' },
        { cents: 1000, date: undefined, kind: 'payment' },
      ],
      amountDueCents: 2980,
    });
    const plan = buildOrderPlan(input({ money }));
    expect(plan.payments).toEqual([
      {
        paymentTypeId: 7,
        uuid: expect.stringMatching(UUID),
        amountCents: 2000,
        createdDate: '2025-12-20T12:00:00',
      },
      {
        paymentTypeId: 7,
        uuid: expect.stringMatching(UUID),
        amountCents: 1000,
        createdDate: '2025-12-28T12:00:01',
      },
    ]);
    expect(buildOrderPlan(input({ money })).payments).toEqual(plan.payments);
    expect(plan).toMatchObject({ finalTotalCents: 5980, remainingDueCents: 2980, close: false });
  });

  it("spreads TripleSeat's tax over the items so the parts add up to the cent", () => {
    const plan = buildOrderPlan(input({ money: moneyInput({ taxes: [{ name: 'Sales Tax', cents: 461 }] }) }));
    expect(plan.taxCents).toBe(461);
    // 10.20 and 45.00 of 55.20: 85.17 and 375.83 cents, rounded by largest remainder.
    expect(plan.lines.map((l) => l.taxCents)).toEqual([85, 376]);
  });

  it('splits cents by largest remainder, whatever the weights', () => {
    expect(spreadCents(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(spreadCents(7, [0, 0])).toEqual([7, 0]);
    expect(spreadCents(1508, [18000, 0, 2000]).reduce((a, b) => a + b, 0)).toBe(1508);
    expect(spreadCents(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
  });

  it('plans the order discount with a reason naming it, a service fee, and a fee product as a line of its own', () => {
    const money = moneyInput({
      discounts: [{ name: 'Loyalty', cents: 500 }],
      discountId: 3358,
      charges: [
        { name: 'Service Charge (20%)', kind: 'service_charge', cents: 1000, target: { serviceFeeId: 41 } },
        { name: 'Room fee', kind: 'fee', cents: 300, target: { productId: 999 } },
      ],
      grandTotalCents: 5520 - 500 + 1300 + 460,
      amountDueCents: 4780,
    });
    const plan = buildOrderPlan(input({ money }));
    expect(plan.discount).toEqual({ discountId: 3358, amountCents: 500, reason: 'Triple Seat: Loyalty' });
    expect(plan.serviceFees).toEqual([
      {
        uuid: expect.stringMatching(UUID),
        name: 'Service Charge (20%)',
        serviceFeeId: 41,
        amountCents: 1000,
      },
    ]);
    expect(plan.lines.at(-1)).toMatchObject({
      productId: 999,
      nameOverride: 'Room fee',
      quantity: 1,
      totalCents: 300,
      charge: 'Room fee',
    });
    expect(plan.subtotalCents).toBe(5820);
    expect(plan.finalTotalCents).toBe(6780);
  });

  it('closes the order only when nothing is due and closeWhenPaid is on', () => {
    const paid = moneyInput({
      payments: [{ cents: 5980, date: '2025-12-20', kind: 'payment' }],
      amountDueCents: 0,
    });
    expect(buildOrderPlan(input({ money: paid })).close).toBe(true);
    expect(buildOrderPlan(input({ money: { ...paid, closeWhenPaid: false } })).close).toBe(false);
  });

  it('never closes an order whose payments do not make its total, whatever TripleSeat says is due', () => {
    const unpaid = moneyInput({ payments: [], amountDueCents: 0 });
    const plan = buildOrderPlan(input({ money: unpaid }));
    expect(plan.payments).toEqual([]);
    expect(plan.close).toBe(false);
    const short = moneyInput({
      payments: [{ cents: 5000, date: '2025-12-20', kind: 'payment' }],
      amountDueCents: 0,
    });
    expect(buildOrderPlan(input({ money: short })).close).toBe(false);
  });

  it("leaves the tax out in tax mode none: the total is TripleSeat's less its tax", () => {
    const plan = buildOrderPlan(input({ money: moneyInput({ taxMode: 'none' }) }));
    expect(plan).toMatchObject({ taxCents: 0, finalTotalCents: 5520, remainingDueCents: 3520 });
    expect(plan.lines.every((l) => !l.taxCents)).toBe(true);
  });

  it('refuses a timestamp with a zone, which Revel would file under the wrong day', () => {
    expect(() => buildOrderPlan(input({ timestampLocal: '2025-12-29T02:00:00Z' }))).toThrow(InputError);
  });
});

describe('order plan helpers', () => {
  it('expresses an instant as naive local time in the establishment zone', () => {
    expect(localTimestamp(new Date('2025-12-29T02:00:00Z'), 'America/Los_Angeles')).toBe(
      '2025-12-28T18:00:00',
    );
  });

  it('writes notes and a call name the kitchen can read', () => {
    expect(orderNotesFor({ id: '55521609', name: 'Lee rehearsal dinner' })).toBe(
      'Triple Seat Event #55521609 — Lee rehearsal dinner',
    );
    const contact = { firstName: 'Ann', lastName: 'Lee', email: undefined, phone: '555-0100' };
    expect(callNameFor({ name: 'Dinner', contact })).toBe('Ann Lee | 555-0100');
    expect(callNameFor({ name: 'Dinner', contact: undefined })).toBe('Dinner');
  });

  it("puts allergies, special instructions, the pickup time and the guest count in the order's notes", () => {
    const notes = orderNotesFor(
      {
        id: '55521619',
        name: 'Lindqvist Awards Luncheon',
        guestCount: 16,
        kitchenNotes: [{ label: 'Allergies', text: 'Tree nuts (one guest)' }],
      },
      { instructions: ['No nuts please'], pickupTime: '2026-11-30T12:00:00' },
    );
    expect(notes).toBe(
      [
        'Triple Seat Event #55521619 — Lindqvist Awards Luncheon',
        'Allergies: Tree nuts (one guest)',
        'No nuts please',
        'Pickup Mon Nov 30, 12:00 PM · 16 guests',
      ].join('\n'),
    );
  });

  it('cuts notes longer than the field limit with "…"', () => {
    const notes = orderNotesFor({ id: '1', name: 'Party' }, { instructions: ['x'.repeat(400)] });
    expect([...notes]).toHaveLength(ORDER_NOTES_LIMIT);
    expect(notes.endsWith('x…')).toBe(true);
    expect(truncate('short', 10)).toBe('short');
  });

  it("takes the pickup time from the event's start, in the location's zone, without an offset", () => {
    const start = {
      startUtc: '2026-11-30T20:00:00Z',
      startLocal: '2026-11-30T12:00:00',
      timeZone: undefined,
    };
    expect(pickupTimeFor(start, 'America/Los_Angeles')).toBe('2026-11-30T12:00:00');
    expect(pickupTimeFor(start, 'America/Denver')).toBe('2026-11-30T13:00:00');
    const localOnly = { startUtc: undefined, startLocal: '2026-11-30T09:00:00', timeZone: 'America/Denver' };
    expect(pickupTimeFor(localOnly, 'America/Denver')).toBe('2026-11-30T09:00:00');
    expect(
      pickupTimeFor({ startUtc: undefined, startLocal: undefined, timeZone: undefined }, 'UTC'),
    ).toBeUndefined();
  });
});
