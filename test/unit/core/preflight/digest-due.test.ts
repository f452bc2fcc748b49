import { describe, expect, it } from 'vitest';
import type { PreflightCheck, PreflightReport } from '#functions/core/ports/preflight-store';
import { digestDue } from '#functions/core/preflight/run-preflight';

const problem = {
  eventId: '1',
  eventName: 'Party',
  date: '2026-12-02',
  location: 'Downtown',
  reason: 'UNMAPPED_ITEMS',
  detail: 'no Revel product for: Cake',
  fix: 'add a mapping',
};
const check = (checkedAt: string, hash = 'set-a', problems = [problem]): PreflightCheck => ({
  checkedAt,
  days: 7,
  eventsChecked: 1,
  tripleseatRequests: 3,
  problems,
  problemsHash: hash,
  notChecked: 0,
});
const mailed = (at: string, hash = 'set-a'): PreflightReport => ({
  ...check(at, hash),
  mailedAt: at,
  mailedHash: hash,
});

describe('when the preflight digest goes out', () => {
  it('goes out the first time there are problems', () => {
    expect(digestDue(check('2026-11-29T08:00:00Z'), undefined, 24)).toBe(true);
  });

  it('stays quiet while the same problems were mailed less than a day ago', () => {
    expect(digestDue(check('2026-11-29T23:59:00Z'), mailed('2026-11-29T00:00:00Z'), 24)).toBe(false);
  });

  it('reminds once a day while the same problems remain', () => {
    expect(digestDue(check('2026-11-30T00:00:00Z'), mailed('2026-11-29T00:00:00Z'), 24)).toBe(true);
  });

  it('goes out at once when the set of problems changes', () => {
    expect(digestDue(check('2026-11-29T00:45:00Z', 'set-b'), mailed('2026-11-29T00:00:00Z'), 24)).toBe(true);
  });

  it('never goes out without problems', () => {
    expect(digestDue(check('2026-11-29T00:45:00Z', 'none', []), mailed('2026-11-28T00:00:00Z'), 24)).toBe(
      false,
    );
  });
});
