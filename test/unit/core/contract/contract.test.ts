import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { eventIdSchema } from '#functions/core/contract/event-id';
import { DEFAULT_HOURS_BACK, hoursBackSchema } from '#functions/core/contract/hours-back';
import { eventMessageSchema, MAX_RECEIVE_COUNT } from '#functions/core/contract/queue-message';
import {
  MANUAL_SYNC_PATH,
  RUN_STATUS_PATH,
  runStatusPath,
  WEBHOOK_PATH,
} from '#functions/core/contract/routes';
import { DELETE_EVENT } from '#functions/core/contract/triggers';

const accepts = (schema: z.ZodMiniType, value: unknown) => z.safeParse(schema, value).success;

describe('the contract between TripleSeat, operators, the two Lambdas and the stack', () => {
  it('keeps the URLs that TripleSeat’s webhook settings and operators’ scripts already name', () => {
    expect(WEBHOOK_PATH).toBe('/webhooks/tripleseat');
    expect(MANUAL_SYNC_PATH).toBe('/api/sync/tripleseat');
    expect(RUN_STATUS_PATH).toBe('/api/sync/runs/{id}');
    expect(runStatusPath('manual-1')).toBe('/api/sync/runs/manual-1');
  });

  it('gives a failing message at least five receives before the dead-letter queue', () => {
    expect(MAX_RECEIVE_COUNT).toBeGreaterThanOrEqual(5);
  });

  it('accepts event ids of 1 to 15 digits and nothing else', () => {
    expect(['1', '55521609', '9'.repeat(15)].map((id) => accepts(eventIdSchema, id))).toEqual([
      true,
      true,
      true,
    ]);
    expect(['', '9'.repeat(16), '12a', ' 12', '-1'].some((id) => accepts(eventIdSchema, id))).toBe(false);
  });

  it('looks back 1 to 168 whole hours, 48 unless told otherwise', () => {
    expect([1, 48, 168].every((h) => accepts(hoursBackSchema, h))).toBe(true);
    expect([0, 169, 1.5, Number.NaN].some((h) => accepts(hoursBackSchema, h))).toBe(false);
    expect(DEFAULT_HOURS_BACK).toBe(48);
  });

  it('carries only triggers the verifier enqueues on an event message', () => {
    const message = { kind: 'event', eventId: '1', receivedAt: '2026-01-01T00:00:00Z', correlationId: 'c' };
    expect(accepts(eventMessageSchema, { ...message, trigger: DELETE_EVENT })).toBe(true);
    expect(accepts(eventMessageSchema, { ...message, trigger: 'CREATE_LEAD' })).toBe(false);
  });

  it('carries the event’s updated_at when the webhook had one, and still reads messages without it', () => {
    const message = {
      kind: 'event',
      eventId: '1',
      trigger: 'UPDATE_EVENT',
      receivedAt: '2026-01-01T00:00:00Z',
      correlationId: 'c',
    };
    expect(accepts(eventMessageSchema, message)).toBe(true);
    expect(accepts(eventMessageSchema, { ...message, updatedAt: '2026-01-01T09:00:00Z' })).toBe(true);
    expect(accepts(eventMessageSchema, { ...message, updatedAt: '' })).toBe(false);
  });
});
