import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import type { EventResult, SyncSummary } from '#functions/core/engine/results';
import { handleEventMessage } from '#functions/core/events/handle-event-message';
import { startManualSync } from '#functions/sync/http/manual-sync-route';
import { legacyOrderId } from '../../../dev/sandbox';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { runScheduledToEnd } from '../../support/run-to-end';
import { dish, putEvent } from '../../support/sandbox-events';
import { type HandlerHarness, startHandlerHarness } from '../../support/scheduled-harness';
import { silentLogger } from '../../support/silent-logger';

// 55521617 is seeded in Revel under the old connector's local_id "Triple Seat 55521617".
const HELD = '55521617';

let h: EngineHarness;
let hh: HandlerHarness;
beforeEach(async () => {
  h = await startEngineHarness();
  hh = startHandlerHarness(h);
});
afterEach(async () => {
  hh.close();
  await h.close();
});

const heldByLegacy = {
  status: 'skipped',
  reason: 'DUPLICATE',
  revel_order_id: String(legacyOrderId),
};

/** Revel `local_id` look-ups naming the event, and TripleSeat requests naming it, from the marks on. */
function requestsFor(eventId: string, from: { revel: number; tripleseat: number }) {
  const lookUps = h.sandboxes.revel
    .requestLog()
    .slice(from.revel)
    .filter((r) => r.method === 'GET' && r.path === '/resources/Order/')
    .filter((r) => decodeURIComponent(r.query.replaceAll('+', ' ')).includes(eventId));
  const tripleseat = h.sandboxes.tripleseat
    .requestLog()
    .slice(from.tripleseat)
    .filter((r) => r.path.includes(eventId));
  return { revelLookUps: lookUps.length, tripleseat: tripleseat.length };
}

const marks = () => ({
  revel: h.sandboxes.revel.requestLog().length,
  tripleseat: h.sandboxes.tripleseat.requestLog().length,
});

async function scheduledRun(deps: SyncHandlerDeps = hh.deps()): Promise<Record<string, EventResult>> {
  const run = await runScheduledToEnd(deps, `sched-${Math.random()}`);
  if (run.status !== 'finished') throw new Error('the scheduled run did not run');
  const summary = (await deps.runs.getRun(run.runId))?.summary as SyncSummary;
  return Object.fromEntries(summary.events.map((e) => [e.id, e]));
}

/** The event as TripleSeat shows it after someone edits it: a later `updated_at`. */
function editInTripleSeat(eventId: string, updatedAt: string): void {
  const event = h.sandboxes.tripleseat.event(eventId);
  if (!event) throw new Error(`seed event ${eventId} missing`);
  h.sandboxes.tripleseat.setEvent({ ...event, updated_at: updatedAt });
}

async function syncNow(eventId: string): Promise<EventResult> {
  const answer = await startManualSync({ kind: 'single', eventId, dryRun: undefined }, hh.deps(), {
    holderId: 'it-operator',
    correlationId: `now-${Math.random()}`,
    logger: silentLogger,
    trigger: 'operator',
  });
  const summary = JSON.parse(answer.body ?? '{}') as SyncSummary;
  const [result] = summary.events;
  if (!result) throw new Error('the manual sync answered no event');
  return result;
}

describe("an event whose order the old connector made, on the scheduled run's every 45 minutes", () => {
  it('costs one shared look-up on the first run, then no Revel and no TripleSeat request while it is unchanged', async () => {
    const first = marks();
    expect((await scheduledRun())[HELD]).toMatchObject(heldByLegacy);
    expect(requestsFor(HELD, first)).toEqual({ revelLookUps: 1, tripleseat: 1 });

    // A new event in the window, so the second run does make a batched look-up: it must not name HELD.
    putEvent(h.sandboxes, h.instant, { id: 55529101, items: [dish('Maple Bar', 4, '2.50', 3001)] });
    const second = marks();
    const again = await scheduledRun();
    expect(again[HELD]).toMatchObject(heldByLegacy);
    expect(again[HELD]?.error).toContain(`Revel already has order ${legacyOrderId}`);
    expect(again['55529101']).toMatchObject({ status: 'injected' });
    expect(requestsFor(HELD, second)).toEqual({ revelLookUps: 0, tripleseat: 0 });
    expect(requestsFor('55529101', second).revelLookUps).toBe(1);
  });

  it('looks in Revel again once the event was edited in TripleSeat, then is answered from the ledger again', async () => {
    await scheduledRun();
    editInTripleSeat(HELD, new Date(h.instant.getTime() - 60_000).toISOString());
    const edited = marks();
    expect((await scheduledRun())[HELD]).toMatchObject(heldByLegacy);
    expect(requestsFor(HELD, edited)).toEqual({ revelLookUps: 1, tripleseat: 1 });

    const third = marks();
    expect((await scheduledRun())[HELD]).toMatchObject(heldByLegacy);
    expect(requestsFor(HELD, third)).toEqual({ revelLookUps: 0, tripleseat: 0 });
  });

  it('is answered from the ledger for a webhook carrying the recorded updated_at, and looked up for one carrying another', async () => {
    await scheduledRun();
    const updatedAt = h.sandboxes.tripleseat.event(HELD)?.updated_at;
    const message = (at: string | undefined) => ({
      kind: 'event' as const,
      eventId: HELD,
      trigger: 'UPDATE_EVENT' as const,
      receivedAt: h.instant.toISOString(),
      correlationId: `hook-${Math.random()}`,
      ...(at === undefined ? {} : { updatedAt: at }),
    });
    const delivery = { messageId: 'm-1', receiveCount: 1 };
    const same = marks();
    expect(await handleEventMessage(message(updatedAt), delivery, hh.deps(), 'it-queue', 5)).toBe(true);
    expect(requestsFor(HELD, same)).toEqual({ revelLookUps: 0, tripleseat: 0 });

    const later = new Date(h.instant.getTime() - 30_000).toISOString();
    editInTripleSeat(HELD, later);
    const changed = marks();
    expect(await handleEventMessage(message(later), delivery, hh.deps(), 'it-queue', 5)).toBe(true);
    expect(requestsFor(HELD, changed)).toEqual({ revelLookUps: 1, tripleseat: 1 });
  });
});

describe('the operator\'s "sync this event now" on such an event', () => {
  it('always looks in Revel again, and writes our order once the old one was deleted there', async () => {
    await scheduledRun();
    const asked = marks();
    expect(await syncNow(HELD)).toMatchObject(heldByLegacy);
    expect(requestsFor(HELD, asked).revelLookUps).toBe(1);

    expect(h.sandboxes.revel.removeOrder(legacyOrderId)).toBe(true);
    const injected = await syncNow(HELD);
    expect(injected.status).toBe('injected');
    const ours = h.sandboxes.revel.orders().filter((o) => String(o.local_id).endsWith(HELD));
    expect(ours.map((o) => [String(o.id), o.local_id])).toEqual([
      [injected.revel_order_id, `Triple Seat_${HELD}`],
    ]);
    // From then on it is an event we injected: answered from the ledger, naming our order.
    expect((await scheduledRun())[HELD]).toMatchObject({
      status: 'skipped',
      reason: 'DUPLICATE',
      revel_order_id: injected.revel_order_id,
    });
  });

  it('leaves the drift watch out of it: no drift is recorded or alerted for the foreign order', async () => {
    await scheduledRun();
    editInTripleSeat(HELD, new Date(h.instant.getTime() - 60_000).toISOString());
    const result = (await scheduledRun())[HELD];
    expect(result).toMatchObject(heldByLegacy);
    expect(result?.drift).toBeUndefined();
    expect(await hh.deps().engine.drift?.log.getDrift(HELD)).toBeUndefined();
    expect(hh.mails().filter((m) => m.subject.includes(HELD))).toEqual([]);
  });
});
