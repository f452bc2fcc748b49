import { describe, expect, it } from 'vitest';
import { checkEligibility } from '#functions/core/engine/eligibility';
import { testConfig, tsEvent } from '../../../support/builders';

// 2026-11-27 20:00 in Los Angeles = 2026-11-28 04:00 UTC = 2026-11-27 21:00 in Denver.
const laEvening = new Date('2026-11-28T04:00:00Z');

describe('checkEligibility', () => {
  it('accepts a DEFINITE event on its own day in the location time zone', () => {
    const verdict = checkEligibility(tsEvent(), testConfig(), laEvening);
    expect(verdict).toMatchObject({ eligible: true });
  });

  it('judges the day by the location zone, not UTC: 8 pm in Los Angeles is still the event day', () => {
    // In UTC it is already the 28th; the event is on the 27th in LA.
    expect(checkEligibility(tsEvent(), testConfig(), laEvening).eligible).toBe(true);
  });

  it('says TOO_EARLY for tomorrow and EVENT_DAY_PASSED for yesterday', () => {
    const config = testConfig();
    expect(checkEligibility(tsEvent({ eventDate: '2026-11-28' }), config, laEvening)).toMatchObject({
      eligible: false,
      reason: 'TOO_EARLY',
    });
    expect(checkEligibility(tsEvent({ eventDate: '2026-11-26' }), config, laEvening)).toMatchObject({
      eligible: false,
      reason: 'EVENT_DAY_PASSED',
    });
  });

  it('honours configured days ahead and grace days', () => {
    const config = testConfig({ eligibility: { daysAhead: 1, graceDays: 2 } });
    expect(checkEligibility(tsEvent({ eventDate: '2026-11-28' }), config, laEvening).eligible).toBe(true);
    expect(checkEligibility(tsEvent({ eventDate: '2026-11-29' }), config, laEvening)).toMatchObject({
      reason: 'TOO_EARLY',
    });
    expect(checkEligibility(tsEvent({ eventDate: '2026-11-25' }), config, laEvening).eligible).toBe(true);
    expect(checkEligibility(tsEvent({ eventDate: '2026-11-24' }), config, laEvening)).toMatchObject({
      reason: 'EVENT_DAY_PASSED',
    });
  });

  it('rejects statuses outside the allowed list, case-insensitively', () => {
    expect(checkEligibility(tsEvent({ status: 'TENTATIVE' }), testConfig(), laEvening)).toMatchObject({
      reason: 'STATUS_NOT_ELIGIBLE',
    });
    expect(checkEligibility(tsEvent({ status: 'closed' }), testConfig(), laEvening).eligible).toBe(true);
    const onlyClosed = testConfig({ eligibility: { statuses: ['closed'] } });
    expect(checkEligibility(tsEvent(), onlyClosed, laEvening)).toMatchObject({
      reason: 'STATUS_NOT_ELIGIBLE',
    });
  });

  it('reports LOCATION_NOT_MAPPED for a location missing from the config', () => {
    expect(checkEligibility(tsEvent({ locationId: '999' }), testConfig(), laEvening)).toMatchObject({
      reason: 'LOCATION_NOT_MAPPED',
    });
  });

  it('reports CONNECTOR_DISABLED before anything else when the connector is off', () => {
    const off = testConfig({ connector: { enabled: false } });
    expect(checkEligibility(tsEvent({ status: 'LOST' }), off, laEvening)).toMatchObject({
      reason: 'CONNECTOR_DISABLED',
    });
  });

  it('skips a deleted event', () => {
    expect(checkEligibility(tsEvent({ deleted: true }), testConfig(), laEvening)).toMatchObject({
      reason: 'EVENT_DELETED',
    });
  });

  it('uses Denver’s calendar for a Denver location', () => {
    // 23:30 in Denver on the 27th is 06:30 UTC on the 28th.
    const denverLate = new Date('2026-11-28T06:30:00Z');
    const event = tsEvent({ locationId: '102', eventDate: '2026-11-27' });
    expect(checkEligibility(event, testConfig(), denverLate).eligible).toBe(true);
    const afterMidnight = new Date('2026-11-28T07:30:00Z');
    expect(checkEligibility(event, testConfig(), afterMidnight)).toMatchObject({
      reason: 'EVENT_DAY_PASSED',
    });
  });
});
