import { describe, expect, it } from 'vitest';
import type { EventMessage } from '#functions/core/contract/queue-message';
import type { DriftAlert } from '#functions/core/deps/drift-deps';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { handleEventMessage } from '#functions/core/events/handle-event-message';
import type { DriftLog, DriftState } from '#functions/core/ports/drift-log';
import { tsEvent } from '../../../support/builders';
import { eventMessage, fakeSyncHandlerDeps } from '../../../support/fake-sync-handler-deps';

const EVENT_ID = '55521609';
const INJECTED_AT = '2026-11-27T10:00:00-08:00'; // tsEvent()'s updated_at

/** Drift records in a Map, counting reads: the cost of a duplicate delivery is the point here. */
class MemoryDriftLog implements DriftLog {
  readonly states = new Map<string, DriftState>();
  reads = 0;
  async getDrift(eventId: string): Promise<DriftState | undefined> {
    this.reads += 1;
    return this.states.get(eventId);
  }
  async putDrift(state: DriftState): Promise<void> {
    this.states.set(state.eventId, structuredClone(state));
  }
}

/** An injected event, drift watched; `deliver` hands one queue message to the sync side. */
async function injected() {
  const fake = fakeSyncHandlerDeps({ events: [tsEvent({ updatedAt: INJECTED_AT })] });
  const log = new MemoryDriftLog();
  const alerts: DriftAlert[] = [];
  const drift = {
    log,
    alert: async (alert: DriftAlert) => {
      alerts.push(alert);
    },
  };
  const deps: SyncHandlerDeps = { ...fake.deps, engine: { ...fake.deps.engine, drift } };
  let received = 0;
  const deliver = async (updatedAt?: string) => {
    received += 1;
    const extra: Partial<EventMessage> = updatedAt === undefined ? {} : { updatedAt };
    const message = eventMessage(EVENT_ID, extra) as EventMessage;
    const done = await handleEventMessage(
      message,
      { messageId: `msg-${received}`, receiveCount: 1 },
      deps,
      'holder',
      5,
    );
    expect(done).toBe(true);
  };
  await deliver(INJECTED_AT);
  expect((await fake.ledger.get(EVENT_ID))?.status).toBe('injected');
  // From here on, count only what a duplicate delivery costs.
  fake.tripleseat.calls = 0;
  log.reads = 0;
  return { ...fake, log, alerts, deliver };
}

describe('a webhook delivery of an event whose order already exists', () => {
  it('costs no TripleSeat fetch and no drift read when it carries the updated_at the order was built from', async () => {
    const { tripleseat, log, alerts, deliver, revel } = await injected();
    for (let i = 0; i < 5; i += 1) await deliver(INJECTED_AT);
    expect(tripleseat.calls).toBe(0);
    expect(log.reads).toBe(0);
    expect(alerts).toEqual([]);
    expect(revel.orders).toHaveLength(1);
  });

  it('fetches and compares when it carries no updated_at (a message queued before it was carried)', async () => {
    const { tripleseat, alerts, deliver } = await injected();
    await deliver();
    expect(tripleseat.calls).toBe(1);
    expect(alerts).toEqual([]);
  });

  it('fetches when its updated_at differs, and alerts a change once; the same updated_at again costs no fetch', async () => {
    const { tripleseat, alerts, deliver, revel } = await injected();
    const lostAt = '2026-11-27T17:30:00-08:00';
    tripleseat.events.set(EVENT_ID, tsEvent({ status: 'LOST', updatedAt: lostAt }));

    await deliver(lostAt);
    expect(tripleseat.calls).toBe(1);
    expect(alerts.map((a) => a.change.fields)).toEqual([['status']]);

    await deliver(lostAt);
    await deliver(lostAt);
    expect(tripleseat.calls).toBe(1);
    expect(alerts).toHaveLength(1);
    expect(revel.orders).toHaveLength(1);
  });

  it('fetches for an updated_at it has not seen even when TripleSeat turns out unchanged, then trusts it', async () => {
    const { tripleseat, alerts, deliver } = await injected();
    // Written in another format than the API's: equal instants, unequal text, so it is looked at once.
    await deliver('11/27/2026 10:00 AM');
    expect(tripleseat.calls).toBe(1);
    await deliver(INJECTED_AT);
    expect(tripleseat.calls).toBe(1);
    expect(alerts).toEqual([]);
  });
});
