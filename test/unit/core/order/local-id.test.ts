import { describe, expect, it } from 'vitest';
import { formatLocalId, localIdsFor } from '#functions/core/order/local-id';

describe('local ids', () => {
  it('replaces {eventId} in the format', () => {
    expect(formatLocalId('Triple Seat_{eventId}', '55521609')).toBe('Triple Seat_55521609');
  });

  it('lists the current local id first, then the legacy ones', () => {
    const ids = localIdsFor(
      {
        localIdFormat: 'Triple Seat_{eventId}',
        legacyLocalIdFormats: ['Triple Seat {eventId}', 'TS-{eventId}'],
      },
      '7',
    );
    expect(ids).toEqual({ current: 'Triple Seat_7', all: ['Triple Seat_7', 'Triple Seat 7', 'TS-7'] });
  });

  it('does not repeat a legacy format equal to the current one', () => {
    const ids = localIdsFor(
      { localIdFormat: 'Triple Seat {eventId}', legacyLocalIdFormats: ['Triple Seat {eventId}'] },
      '7',
    );
    expect(ids.all).toEqual(['Triple Seat 7']);
  });
});
