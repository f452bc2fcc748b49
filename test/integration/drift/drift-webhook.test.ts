import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually';
import { startTestRuntime, type TestRuntime } from '../../support/local-runtime';
import { parseEml } from '../../support/parse-eml';
import { postSignedWebhook } from '../../support/signed-webhook';

// The whole webhook path as `npm start` runs it: gateway → verifier → queue → poller → sync handler.
let local: TestRuntime;

beforeAll(async () => {
  local = await startTestRuntime();
});
afterAll(async () => {
  await local?.stop();
});

const EVENT = '55521610';

async function webhook(trigger: string, updatedAt: string): Promise<void> {
  const response = await postSignedWebhook(local.runtime, { eventId: EVENT, trigger, updatedAt });
  expect(((await response.json()) as { status: string }).status).toBe('queued');
}

const ordersOf = () =>
  (local.runtime.sandboxes?.revel.orders() ?? []).filter((o) => o.local_id === `Triple Seat_${EVENT}`);
const subjects = () => local.mails().map((m) => parseEml(m).subject);
const lostAlerts = () => subjects().filter((s) => s.includes(`Event ${EVENT}`) && s.includes('marked LOST'));
const handled = (status: string) =>
  local.logs().filter((l) => l.message === 'event synced' && l.event_id === EVENT && l.status === status);

describe('a status change to LOST after injection, delivered by webhook', () => {
  it('sends one alert naming the Revel order, and no second one for the next delivery', async () => {
    await webhook('UPDATE_EVENT', '2026-01-01T12:00:00Z');
    // The injection mail goes out after the event's lease is released: the next delivery is not
    // answered LEASE_HELD.
    await eventually(
      () => expect(subjects().filter((s) => s.includes(`Injected event ${EVENT}`))).toHaveLength(1),
      15_000,
    );
    const orderId = ordersOf()[0]?.id;

    local.runtime.sandboxes?.tripleseat.updateEvent(EVENT, { status: 'LOST' });
    await webhook('STATUS_CHANGE_EVENT', '2026-01-01T13:00:00Z');
    await eventually(() => expect(lostAlerts()).toHaveLength(1), 15_000);
    await webhook('UPDATE_EVENT', '2026-01-01T14:00:00Z');
    await eventually(() => expect(handled('skipped')).toHaveLength(2), 15_000);

    expect(lostAlerts()).toEqual([
      `[TripleSeat→Revel] Event ${EVENT} (Alvarez Sales Kickoff) marked LOST in TripleSeat; Revel order ${orderId} still exists`,
    ]);
    expect(ordersOf()).toHaveLength(1);
  });
});
