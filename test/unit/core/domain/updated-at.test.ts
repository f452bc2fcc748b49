import { describe, expect, it } from 'vitest';
import { sameUpdatedAt } from '#functions/core/domain/updated-at';

describe('sameUpdatedAt', () => {
  it('takes the same text as the same save, whatever its format', () => {
    expect(sameUpdatedAt('2026-11-27T10:00:00-08:00', '2026-11-27T10:00:00-08:00')).toBe(true);
    expect(sameUpdatedAt('12/28/2025 12:56 PM', '12/28/2025 12:56 PM')).toBe(true);
  });

  it('takes one instant written with another offset or with milliseconds as the same save', () => {
    expect(sameUpdatedAt('2026-11-27T10:00:00-08:00', '2026-11-27T18:00:00Z')).toBe(true);
    expect(sameUpdatedAt('2026-11-27T18:00:00.000Z', '2026-11-27T18:00:00Z')).toBe(true);
    expect(sameUpdatedAt('2026-11-27T18:00:00+0000', '2026-11-27T18:00:00Z')).toBe(true);
  });

  it('tells two saves apart, even a second apart', () => {
    expect(sameUpdatedAt('2026-11-27T18:00:00Z', '2026-11-27T18:00:01Z')).toBe(false);
    expect(sameUpdatedAt('12/28/2025 12:56 PM', '12/28/2025 12:57 PM')).toBe(false);
  });

  it('does not read a date without an offset as an instant: its zone is the site’s, not ours', () => {
    expect(sameUpdatedAt('12/28/2025 12:56 PM', '2025-12-28T12:56:00Z')).toBe(false);
    expect(sameUpdatedAt('2025-12-28T12:56:00', '2025-12-28T12:56:00Z')).toBe(false);
  });

  it('never takes an unknown save as the same as anything', () => {
    expect(sameUpdatedAt(undefined, undefined)).toBe(false);
    expect(sameUpdatedAt('2026-11-27T18:00:00Z', undefined)).toBe(false);
    expect(sameUpdatedAt(undefined, '2026-11-27T18:00:00Z')).toBe(false);
  });
});
