import { describe, expect, it } from 'vitest';
import { failuresKey, scheduledDigestDue } from '#functions/core/bulk/digest-due';
import type { EventResult, SyncSummary } from '#functions/core/engine/results';

const failed = (id: string, reason = 'UNMAPPED_ITEMS', error = 'no Revel product for "Unicorn Cake"') =>
  ({ id, status: 'failed', reason, error }) as EventResult;
const run = (events: EventResult[], injected = 0, incomplete = false): SyncSummary => ({
  success: true,
  mode: 'bulk',
  correlation_id: 'c',
  dry_run: false,
  summary: {
    queried: events.length + injected,
    injected,
    skipped: 0,
    failed: events.length,
    in_progress: 0,
    would_inject: 0,
  },
  events,
  ...(incomplete ? { incomplete: { not_started: 3 } } : {}),
});
const at = (iso: string) => new Date(iso);
const mailed = (summary: SyncSummary, mailedAt: string) => ({ failures: failuresKey(summary), mailedAt });

describe('scheduledDigestDue', () => {
  const once = run([failed('55521611')]);

  it('mails failures never mailed before', () => {
    expect(scheduledDigestDue(once, undefined, at('2026-12-07T10:00:00Z'), 24)).toBe(true);
  });

  it('does not mail the same failures again within the reminder time, and does after it', () => {
    const previous = mailed(once, '2026-12-07T10:00:00Z');
    expect(scheduledDigestDue(once, previous, at('2026-12-07T10:45:00Z'), 24)).toBe(false);
    expect(scheduledDigestDue(once, previous, at('2026-12-08T09:59:00Z'), 24)).toBe(false);
    expect(scheduledDigestDue(once, previous, at('2026-12-08T10:00:00Z'), 24)).toBe(true);
  });

  it('mails when the failures change: another event, another reason or another message', () => {
    const previous = mailed(once, '2026-12-07T10:00:00Z');
    const now = at('2026-12-07T10:45:00Z');
    expect(scheduledDigestDue(run([failed('55521611'), failed('55521612')]), previous, now, 24)).toBe(true);
    expect(scheduledDigestDue(run([failed('55521611', 'BAD_LINE')]), previous, now, 24)).toBe(true);
    expect(scheduledDigestDue(run([failed('55521611', 'UNMAPPED_ITEMS', 'other')]), previous, now, 24)).toBe(
      true,
    );
  });

  it('always mails a run that injected something or stopped at its time limit, never one with nothing to say', () => {
    const previous = mailed(once, '2026-12-07T10:00:00Z');
    const now = at('2026-12-07T10:45:00Z');
    expect(scheduledDigestDue(run([failed('55521611')], 2), previous, now, 24)).toBe(true);
    expect(scheduledDigestDue(run([failed('55521611')], 0, true), previous, now, 24)).toBe(true);
    expect(scheduledDigestDue(run([]), previous, now, 24)).toBe(false);
  });
});

describe('scheduledDigestDue, with events that will not reach Revel today', () => {
  const tentative = {
    id: '55521614',
    status: 'skipped',
    reason: 'STATUS_NOT_ELIGIBLE',
    error: 'status TENTATIVE is not one of DEFINITE, CLOSED',
  } as EventResult;
  const now = at('2026-12-07T15:00:00Z');

  it('mails a run with nothing injected or failed when a party today will not reach Revel', () => {
    expect(scheduledDigestDue(run([]), undefined, now, 24)).toBe(false);
    expect(scheduledDigestDue(run([]), undefined, now, 24, [tentative])).toBe(true);
  });

  it('does not mail the same such events again within the reminder time', () => {
    const previous = { failures: failuresKey(run([]), [tentative]), mailedAt: '2026-12-07T14:15:00Z' };
    expect(scheduledDigestDue(run([]), previous, now, 24, [tentative])).toBe(false);
  });
});
