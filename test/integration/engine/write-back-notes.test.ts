import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncConfig } from '#functions/core/config/sync-config';
import type { SyncTrigger } from '#functions/core/contract/sync-trigger';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { syncEvent } from '#functions/core/engine/sync-event';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { closeOrderAtTheTill } from '../../support/revel-till';
import { runScheduledToEnd } from '../../support/run-to-end';
import { dish, putEvent } from '../../support/sandbox-events';
import { type HandlerHarness, startHandlerHarness } from '../../support/scheduled-harness';

const ACROSS_WAYS_IN = 55529301;
const LOST_ANSWER = 55529302;
const REFUSED = 55529303;
const OFF = 55529304;
const PAID_UPFRONT = 55529305;

let h: EngineHarness;
let hh: HandlerHarness;
let on: SyncConfig;

const menu = [dish('Maple Bar', 8, '2.50', 3001)];
const notesOf = (eventId: number) => h.sandboxes.tripleseat.notes(eventId).map((n) => n.body);
const orderOf = (eventId: number) =>
  h.sandboxes.revel.orders().find((o) => o.local_id === `Triple Seat_${eventId}`);
const writeBackOf = (eventId: number) => hh.deps(on).engine.writeBack?.log.getWriteBack(String(eventId));

/** Each test's event appears only when the test starts, so earlier scheduled runs never inject it. */
const putTodaysEvent = (id: number) => putEvent(h.sandboxes, h.instant, { id, items: menu });

async function sync(eventId: number, trigger: SyncTrigger, config = on) {
  const deps = hh.deps(config).engine;
  return syncEvent(
    String(eventId),
    { ...deps, holderId: `test-${trigger}` },
    { correlationId: 'c', trigger },
  );
}

async function scheduledRun(deps: SyncHandlerDeps): Promise<void> {
  const run = await runScheduledToEnd(deps, `sched-${Math.random()}`);
  if (run.status !== 'finished') throw new Error('the scheduled run did not run');
}

/** Every way in, twice: the TripleSeat webhook, the scheduled run, a manual sync. */
async function everyWayIn(eventId: number, config = on): Promise<void> {
  for (let round = 0; round < 2; round += 1) {
    await sync(eventId, 'webhook', config);
    await scheduledRun(hh.deps(config));
    await sync(eventId, 'manual', config);
  }
}

beforeAll(async () => {
  h = await startEngineHarness();
  on = { ...h.config, writeBack: { tripleseatNotes: true } };
  hh = startHandlerHarness(h, on);
});
afterAll(async () => {
  hh?.close();
  await h?.close();
});

describe('TripleSeat sees the Revel order (writeBack.tripleseatNotes on)', () => {
  it('writes one "injected" note, then one "paid" note once the order is closed, across every way in', async () => {
    putTodaysEvent(ACROSS_WAYS_IN);
    expect(await sync(ACROSS_WAYS_IN, 'webhook')).toMatchObject({ status: 'injected' });
    const orderId = orderOf(ACROSS_WAYS_IN)?.id;
    await everyWayIn(ACROSS_WAYS_IN);

    const [injected, ...rest] = notesOf(ACROSS_WAYS_IN);
    expect(rest).toEqual([]);
    expect(injected).toContain(`Revel order ${orderId} was created for this event.`);
    expect(injected).toContain('Location: Downtown');
    expect(injected).toMatch(/Total: \$\d+\.\d{2} · Paid: \$\d+\.\d{2} · Due: \$\d+\.\d{2}/);
    expect(injected).toContain(`[revel-sync:injected:${orderId}]`);

    await closeOrderAtTheTill(h.sandboxes, Number(orderId));
    await everyWayIn(ACROSS_WAYS_IN);

    const notes = notesOf(ACROSS_WAYS_IN);
    expect(notes).toHaveLength(2);
    expect(notes[1]).toContain(`Revel order ${orderId} is closed in Revel.`);
    expect(notes[1]).toContain(`[revel-sync:paid:${orderId}]`);
    expect((await writeBackOf(ACROSS_WAYS_IN))?.notes.map((n) => n.kind)).toEqual(['injected', 'paid']);
  });

  it('writes both notes at once for an order paid in full in TripleSeat, and closed, when it is written', async () => {
    putEvent(h.sandboxes, h.instant, {
      id: PAID_UPFRONT,
      items: menu,
      money: {
        taxName: 'Tax',
        payments: [{ kind: 'payment', amount: '21.68', daysAgo: 1, method: 'Credit Card' }],
      },
    });
    expect(await sync(PAID_UPFRONT, 'webhook')).toMatchObject({ status: 'injected' });
    await everyWayIn(PAID_UPFRONT);
    const [injected, paid, ...rest] = notesOf(PAID_UPFRONT);
    expect(rest).toEqual([]);
    expect(injected).toContain('Total: $21.68 · Paid: $21.68 · Due: $0.00');
    expect(paid).toContain('is paid in full in Revel.');
  });

  it('finds a note whose answer was lost by its marker instead of writing it again', async () => {
    putTodaysEvent(LOST_ANSWER);
    const notesPath = `/v1/events/${LOST_ANSWER}/notes.json`;
    h.sandboxes.faults.add({
      vendor: 'tripleseat',
      method: 'POST',
      path: notesPath,
      action: { kind: 'commit-then-fail' },
    });
    expect(await sync(LOST_ANSWER, 'webhook')).toMatchObject({ status: 'injected' });
    expect(notesOf(LOST_ANSWER)).toHaveLength(1);
    expect((await writeBackOf(LOST_ANSWER))?.error).toMatchObject({ kind: 'injected', retryable: true });

    await sync(LOST_ANSWER, 'webhook');
    expect(notesOf(LOST_ANSWER)).toHaveLength(1);
    const found = await writeBackOf(LOST_ANSWER);
    expect(found?.notes).toMatchObject([{ kind: 'injected', found: true }]);
    expect(found?.error).toBeUndefined();

    h.sandboxes.faults.add({
      vendor: 'tripleseat',
      method: 'POST',
      path: notesPath,
      action: { kind: 'commit-then-fail' },
    });
    await closeOrderAtTheTill(h.sandboxes, Number(orderOf(LOST_ANSWER)?.id));
    await everyWayIn(LOST_ANSWER);
    expect(notesOf(LOST_ANSWER)).toHaveLength(2);
    expect((await writeBackOf(LOST_ANSWER))?.notes).toMatchObject([
      { kind: 'injected' },
      { kind: 'paid', found: true },
    ]);
  });

  it('keeps the injection when TripleSeat refuses the note, and records why for the console', async () => {
    putTodaysEvent(REFUSED);
    h.sandboxes.tripleseat.behave({ notesWritable: false });
    try {
      expect(await sync(REFUSED, 'manual')).toMatchObject({ status: 'injected' });
    } finally {
      h.sandboxes.tripleseat.behave({ notesWritable: true });
    }
    expect(notesOf(REFUSED)).toEqual([]);
    expect(await h.ledger.get(String(REFUSED))).toMatchObject({ status: 'injected' });
    const state = await writeBackOf(REFUSED);
    expect(state?.notes).toEqual([]);
    expect(state?.error).toMatchObject({ kind: 'injected', retryable: false });
    expect(state?.error?.message).toContain('403');
  });
});

describe('writeBack.tripleseatNotes off (the default)', () => {
  it('writes nothing to TripleSeat: only GETs and the token request, even after the order is paid', async () => {
    const off = h.config;
    expect(off.writeBack.tripleseatNotes).toBe(false);
    putTodaysEvent(OFF);
    const from = h.sandboxes.tripleseat.requestLog().length;
    expect(await sync(OFF, 'webhook', off)).toMatchObject({ status: 'injected' });
    await everyWayIn(OFF, off);
    await closeOrderAtTheTill(h.sandboxes, Number(orderOf(OFF)?.id));
    await everyWayIn(OFF, off);

    const requests = h.sandboxes.tripleseat.requestLog().slice(from);
    expect(requests.length).toBeGreaterThan(0);
    const writes = requests.filter((r) => r.method !== 'GET' && r.path !== '/oauth2/token');
    expect(writes).toEqual([]);
    expect(notesOf(OFF)).toEqual([]);
  });
});
