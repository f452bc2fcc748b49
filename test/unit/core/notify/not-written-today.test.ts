import { describe, expect, it } from 'vitest';
import type { EventResult } from '#functions/core/engine/results';
import { notWrittenToday } from '#functions/core/notify/not-written-today';
import { testConfig } from '../../../support/builders';

const skipped = (id: string, reason: string, date: string) =>
  ({
    id,
    name: `Event ${id}`,
    date,
    status: 'skipped',
    revel_order_id: null,
    reason,
    error: 'why',
  }) as EventResult;

// 2026-12-07 15:00 UTC is 07:00 in Los Angeles and 08:00 in Denver: both on the 7th.
const now = new Date('2026-12-07T15:00:00Z');

describe('notWrittenToday', () => {
  it("picks today's TENTATIVE and unconfigured-location events, and nothing else", () => {
    const events = [
      skipped('1', 'STATUS_NOT_ELIGIBLE', '2026-12-07T19:00:00'),
      skipped('2', 'LOCATION_NOT_MAPPED', '2026-12-07T13:00:00'),
      skipped('3', 'STATUS_NOT_ELIGIBLE', '2026-12-08T19:00:00'),
      skipped('4', 'TOO_EARLY', '2026-12-07'),
      { ...skipped('5', 'STATUS_NOT_ELIGIBLE', '2026-12-07'), status: 'failed' } as EventResult,
    ];
    expect(notWrittenToday(events, testConfig(), now).map((e) => e.id)).toEqual(['1', '2']);
  });
});
