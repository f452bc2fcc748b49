import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHalfWritten } from '../../support/half-written';
import { startTestRuntime, type TestRuntime } from '../../support/local-runtime';
import { operatorCall } from '../../support/operator-call';

// A Revel order we started and may not finish (HALF_WRITTEN_ORDER), released through the operator API.
const EVENT = '55521609';
let local: TestRuntime;

beforeAll(async () => {
  local = await startTestRuntime();
});
afterAll(async () => {
  await local?.stop();
});

const call = (method: string, path: string, body?: unknown) =>
  operatorCall(local.runtime, method, path, body);

const ordersFor = (eventId: string) =>
  (local.runtime.sandboxes?.revel.orders() ?? []).filter((o) => o.local_id === `Triple Seat_${eventId}`);

describe('releasing a half-written order', () => {
  it('refuses without a confirmation, and any action but adopt, saying why', async () => {
    const unconfirmed = await call('POST', `/api/events/${EVENT}/release`, { action: 'adopt' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error).toContain('confirm must be true');
    const voiding = await call('POST', `/api/events/${EVENT}/release`, { action: 'void', confirm: true });
    expect(voiding.status).toBe(400);
    expect(voiding.body.error).toContain('void it in Revel by hand');
  });

  it('refuses an event that no half-written order holds', async () => {
    const answer = await call('POST', '/api/events/55521610/release', { action: 'adopt', confirm: true });
    expect([400, 404]).toContain(answer.status);
  });

  it('adopts the order as Revel holds it, audited, and every later sync leaves it as the one order', async () => {
    await makeHalfWritten(local.runtime, EVENT);
    expect(ordersFor(EVENT)).toHaveLength(1);

    const released = await call('POST', `/api/events/${EVENT}/release`, { action: 'adopt', confirm: true });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({
      status: 'injected',
      reason: 'ADOPTED_AS_WRITTEN',
      revel_order_id: String(ordersFor(EVENT)[0]?.id),
      revel_holds: { items: 0 },
    });
    expect(released.body.next).toContain('in Revel by hand');

    local.runtime.sandboxes?.tripleseat.updateEvent(EVENT, { status: 'DEFINITE' });
    const later = await call('POST', `/api/events/${EVENT}/sync`);
    expect(later.body.events[0]).toMatchObject({ status: 'skipped', reason: 'DUPLICATE' });
    expect(ordersFor(EVENT)).toHaveLength(1);

    const audit = (await call('GET', '/api/audit')).body.entries;
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'release',
        outcome: 'applied',
        change: expect.objectContaining({ event_id: EVENT, how: 'adopt' }),
      }),
    );
  });
});
