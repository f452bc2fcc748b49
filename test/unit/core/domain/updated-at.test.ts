import { describe, expect, it } from 'vitest';
import { sameSave, sameUpdatedAt } from '#functions/core/domain/updated-at';

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

describe('sameSave', () => {
  it('takes a value written to the second as the same save whenever it names the same moment', () => {
    expect(sameSave('2026-12-07T14:30:05Z', '2026-12-07T14:30:05Z', '2026-12-07T14:30:06Z')).toBe(true);
    expect(sameSave('2026-12-07T06:30:05-08:00', '2026-12-07T14:30:05.000Z', undefined)).toBe(true);
    expect(sameSave('2026-12-07T14:30:05Z', '2026-12-07T14:30:06Z', '2026-12-08T00:00:00Z')).toBe(false);
  });

  it('takes a US value read while its minute may still run as possibly another save', () => {
    expect(sameSave('12/07/2026 2:30 PM', '12/07/2026 2:30 PM', '2026-12-07T14:30:20Z')).toBe(false);
    // 14 hours + 60 s after 14:30 read as UTC is 04:31 the next day: not yet past it.
    expect(sameSave('12/07/2026 2:30 PM', '12/07/2026 2:30 PM', '2026-12-08T04:31:00Z')).toBe(false);
  });

  it('takes a US value read once its minute has passed in every zone as the same save', () => {
    expect(sameSave('12/07/2026 2:30 PM', '12/07/2026 2:30 PM', '2026-12-08T04:31:01Z')).toBe(true);
    expect(sameSave('12/07/2026 12:05 AM', '12/07/2026 12:05 AM', '2026-12-07T14:06:01Z')).toBe(true);
    expect(sameSave('12/07/2026 2:30 PM', '12/07/2026 2:31 PM', '2026-12-09T00:00:00Z')).toBe(false);
  });

  it('takes an ISO value to the minute as the same save only once read 60 s after its instant', () => {
    expect(sameSave('2026-12-07T14:30Z', '2026-12-07T14:30Z', '2026-12-07T14:30:59Z')).toBe(false);
    expect(sameSave('2026-12-07T14:30Z', '2026-12-07T14:30Z', '2026-12-07T14:31:01Z')).toBe(true);
  });

  it('fetches when the read instant or the format is unknown', () => {
    expect(sameSave('12/07/2026 2:30 PM', '12/07/2026 2:30 PM', undefined)).toBe(false);
    expect(sameSave('Dec 7 2026', 'Dec 7 2026', '2027-01-01T00:00:00Z')).toBe(false);
    expect(sameSave(undefined, undefined, '2027-01-01T00:00:00Z')).toBe(false);
  });
});
