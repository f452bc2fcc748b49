import { describe, expect, it } from 'vitest';
import {
  diffFingerprints,
  type EventFingerprint,
  type FingerprintLine,
  missingLines,
  parseFingerprint,
  serializeFingerprint,
} from '../../../../functions/core/drift/fingerprint';

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
