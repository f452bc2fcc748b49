import { describe, expect, it } from 'vitest';
import type {
  EventFingerprint,
  FingerprintLine,
  FingerprintPayment,
  FingerprintPayments,
} from '#functions/core/domain/event-fingerprint';
import {
  diffFingerprints,
  missingLines,
  movedPayments,
  parseFingerprint,
  paymentsOf,
  serializeFingerprint,
} from '#functions/core/drift/fingerprint';

const line = (name: string, quantity: number, unitPriceCents: number): FingerprintLine => ({
  name,
  quantity,
  unitPriceCents,
  totalCents: quantity * unitPriceCents,
});

const ordered: EventFingerprint = {
  status: 'DEFINITE',
  date: '2026-11-27',
  start: '2026-11-27T18:00:00',
  locationId: '101',
  guestCount: 12,
  deleted: false,
  lines: [line('Maple Bar', 8, 250), line('Glazed Donut', 12, 200)],
  money: { subtotalCents: 4400, grandTotalCents: 4769, discounts: [], charges: [], taxes: ['Tax 3.69'] },
};

describe('the fingerprint of what an order was built from', () => {
  it('finds no change in the same event', () => {
    expect(diffFingerprints(ordered, structuredClone(ordered))).toEqual([]);
  });

  it('says, field by field, what the event was and what it is now', () => {
    const now = {
      ...ordered,
      status: 'LOST',
      start: '2026-11-27T19:30:00',
      guestCount: 20,
      lines: [line('Maple Bar', 10, 250), line('Glazed Donut', 12, 200)],
    };

    expect(diffFingerprints(ordered, now)).toEqual([
      { field: 'status', before: 'DEFINITE', after: 'LOST' },
      { field: 'time', before: '2026-11-27T18:00:00', after: '2026-11-27T19:30:00' },
      { field: 'guest_count', before: '12', after: '20' },
      {
        field: 'items',
        before: '8 × Maple Bar @ 2.50; 12 × Glazed Donut @ 2.00',
        after: '10 × Maple Bar @ 2.50; 12 × Glazed Donut @ 2.00',
      },
    ]);
  });

  it('reports a deletion first', () => {
    expect(diffFingerprints(ordered, { ...ordered, deleted: true })).toEqual([
      { field: 'deleted', before: 'exists', after: 'deleted' },
    ]);
  });

  it('does not compare items it could not read', () => {
    expect(diffFingerprints(ordered, { ...ordered, lines: undefined, money: undefined })).toEqual([]);
  });

  it('survives the round trip through the ledger, and reads nothing from a damaged one', () => {
    expect(parseFingerprint(serializeFingerprint(ordered))).toEqual(ordered);
    expect(parseFingerprint('{"status": 1}')).toBeUndefined();
    expect(parseFingerprint('not json')).toBeUndefined();
    expect(parseFingerprint(undefined)).toBeUndefined();
  });
});

describe('lines missing from an order', () => {
  it('are new lines and the part of a quantity that grew, never what shrank or vanished', () => {
    const now = [line('Maple Bar', 10, 250), line('Apple Fritter', 6, 325)];

    expect(missingLines(ordered.lines ?? [], now)).toEqual([
      line('Maple Bar', 2, 250),
      line('Apple Fritter', 6, 325),
    ]);
  });

  it('treat a line whose price changed as a different line (nothing is repriced)', () => {
    expect(missingLines([line('Maple Bar', 8, 250)], [line('Maple Bar', 8, 275)])).toEqual([
      line('Maple Bar', 8, 275),
    ]);
  });

  it('are none when the order already holds everything', () => {
    expect(missingLines(ordered.lines ?? [], [line('maple bar ', 8, 250)])).toEqual([]);
  });
});

const deposit: FingerprintPayment = { cents: 1000, date: '2026-11-24', kind: 'deposit', id: '880101' };
const balance: FingerprintPayment = { cents: 3769, date: '2026-11-27', kind: 'payment', id: '880102' };
const paidSoFar = (list: FingerprintPayment[], dueCents: number | null): FingerprintPayments => ({
  paidCents: list.reduce((sum, p) => sum + p.cents, 0),
  dueCents,
  list,
});
const withPayments = (payments: FingerprintPayments | undefined): EventFingerprint => ({
  ...ordered,
  money: ordered.money && { ...ordered.money, payments },
});

describe('the payments in the fingerprint', () => {
  it('are read in TripleSeat order, only those that count, with what is due', () => {
    expect(
      paymentsOf({
        payments: [
          { cents: 1000, date: '2026-11-24', kind: 'deposit', id: '880101' },
          { cents: 0, date: undefined, kind: 'payment' },
          { cents: 500, date: undefined, kind: 'payment' },
        ],
        amountDueCents: 3269,
      }),
    ).toEqual({
      paidCents: 1500,
      dueCents: 3269,
      list: [
        { cents: 1000, date: '2026-11-24', kind: 'deposit', id: '880101' },
        { cents: 500, date: null, kind: 'payment', id: null },
      ],
    });
  });

  it('name a balance paid since, with the amount due before and after', () => {
    const before = withPayments(paidSoFar([deposit], 3769));
    const after = withPayments(paidSoFar([deposit, balance], 0));

    expect(diffFingerprints(before, after)).toEqual([
      {
        field: 'payments',
        before: 'paid 10.00; due 37.69; deposit 10.00 on 2026-11-24 #880101',
        after:
          'paid 47.69; due 0.00; deposit 10.00 on 2026-11-24 #880101; payment 37.69 on 2026-11-27 #880102',
      },
    ]);
  });

  it('are not compared when the order was built before they were kept', () => {
    const after = withPayments(paidSoFar([deposit, balance], 0));
    expect(diffFingerprints(withPayments(undefined), after)).toEqual([]);
  });

  it('leave an amount due that moved with the grand total to the money change', () => {
    const before = withPayments(paidSoFar([deposit], 3769));
    const after = {
      ...before,
      money: before.money && { ...before.money, grandTotalCents: 5269, payments: paidSoFar([deposit], 4269) },
    };
    expect(diffFingerprints(before, after).map((c) => c.field)).toEqual(['money']);
  });

  it('survive the round trip through the ledger', () => {
    const fingerprint = withPayments(paidSoFar([deposit, balance], 0));
    expect(parseFingerprint(serializeFingerprint(fingerprint))).toEqual(fingerprint);
  });
});

describe('how the payments moved', () => {
  it('finds a payment made since, with its place among the event payments', () => {
    expect(movedPayments(paidSoFar([deposit], 3769), paidSoFar([deposit, balance], 0))).toEqual({
      added: [{ payment: balance, index: 1 }],
      reduced: false,
    });
  });

  it('matches payments without ids by amount, day and kind', () => {
    const noIds = (p: FingerprintPayment) => ({ ...p, id: null });
    expect(
      movedPayments(paidSoFar([noIds(deposit)], 3769), paidSoFar([noIds(balance), noIds(deposit)], 0)),
    ).toEqual({ added: [{ payment: noIds(balance), index: 0 }], reduced: false });
  });

  it('calls a refund, a removed payment or a smaller one reduced', () => {
    const before = paidSoFar([deposit, balance], 0);
    expect(movedPayments(before, paidSoFar([balance], 1000)).reduced).toBe(true);
    expect(movedPayments(before, paidSoFar([{ ...deposit, cents: 400 }, balance], 600)).reduced).toBe(true);
    expect(movedPayments(before, paidSoFar([deposit, balance], 0))).toEqual({ added: [], reduced: false });
  });

  it('calls a refund reduced even when another payment came in at once', () => {
    const move = movedPayments(paidSoFar([deposit], 3769), paidSoFar([balance], 1000));
    expect(move.reduced).toBe(true);
  });
});
