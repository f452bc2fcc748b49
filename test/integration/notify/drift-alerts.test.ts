import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import type { EventResult, SyncSummary } from '#functions/core/engine/results';
import { handleEventMessage } from '#functions/core/events/handle-event-message';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { closedInRevel, closeOrderAtTheTill } from '../../support/revel-till';
import { runScheduledToEnd } from '../../support/run-to-end';
import { dish, putEvent } from '../../support/sandbox-events';
import { type HandlerHarness, startHandlerHarness } from '../../support/scheduled-harness';

const ALERTED = 55529001;
const APPENDED = 55529002;
const LOST = 55529003;
const CLOSED = 55529004;
const TWICE = 55529005;
const REFUSED = 55529006;
const NAMED = 55529007;

let h: EngineHarness;
let hh: HandlerHarness;

const ordersOf = (eventId: number) =>
  h.sandboxes.revel.orders().filter((o) => o.local_id === `Triple Seat_${eventId}`);

async function scheduledRun(deps: SyncHandlerDeps): Promise<Record<string, EventResult>> {
  const run = await runScheduledToEnd(deps, `sched-${Math.random()}`);
  if (run.status !== 'finished') throw new Error('the scheduled run did not run');
  const summary = (await deps.runs.getRun(run.runId))?.summary as SyncSummary;
  return Object.fromEntries(summary.events.map((e) => [e.id, e]));
}

beforeAll(async () => {
  h = await startEngineHarness();
  hh = startHandlerHarness(h);
  putEvent(h.sandboxes, h.instant, {
    id: ALERTED,
    items: [dish('Maple Bar', 8, '2.50', 3001), dish('Glazed Donut', 12, '2.00', 3002)],
  });
  putEvent(h.sandboxes, h.instant, { id: APPENDED, items: [dish('Maple Bar', 4, '2.50', 3001)] });
  putEvent(h.sandboxes, h.instant, { id: LOST, items: [dish('Bagel Platter', 1, '38.00', 3005)] });
  putEvent(h.sandboxes, h.instant, { id: CLOSED, items: [dish('Fruit Platter', 1, '45.00', 3004)] });
  putEvent(h.sandboxes, h.instant, { id: TWICE, items: [dish('Maple Bar', 4, '2.50', 3001)] });
  putEvent(h.sandboxes, h.instant, { id: REFUSED, items: [dish('Maple Bar', 4, '2.50', 3001)] });
  putEvent(h.sandboxes, h.instant, { id: NAMED, items: [dish('Maple Bar', 4, '2.50', 3001)] });
  const first = await scheduledRun(hh.deps());
  for (const id of [ALERTED, APPENDED, LOST, CLOSED, TWICE, REFUSED, NAMED])
    expect(first[id]).toMatchObject({ status: 'injected' });
});
afterAll(async () => {
  hh?.close();
  await h?.close();
});

const driftMails = () => hh.mails().filter((m) => /changed in TripleSeat|marked|deleted in/.test(m.subject));

describe('an event that changes after its order exists', () => {
  it('sends exactly one alert with the before and after of the items, and leaves the order untouched', async () => {
    const order = ordersOf(ALERTED)[0];
    putEvent(h.sandboxes, h.instant, {
      id: ALERTED,
      updatedHoursAgo: 1,
      items: [
        dish('Maple Bar', 8, '2.50', 3001),
        dish('Glazed Donut', 12, '2.00', 3002),
        dish('Apple Fritter', 6, '3.25'),
      ],
    });

    const second = await scheduledRun(hh.deps());

    const alerts = driftMails().filter((m) => m.subject.includes(String(ALERTED)));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.subject).toContain(`after Revel order ${order?.id} was written: items`);
    expect(alerts[0]?.text).toContain('6 × Apple Fritter');
    expect(alerts[0]?.text).toContain('left as written');
    expect(second[ALERTED]).toMatchObject({
      status: 'skipped',
      reason: 'DUPLICATE',
      revel_order_id: String(order?.id),
      error: null,
      drift: { fields: ['items', 'money'] },
    });
    expect(ordersOf(ALERTED)).toHaveLength(1);
    expect(ordersOf(ALERTED)[0]?.items).toHaveLength(order?.items.length ?? -1);
  });

  it('sends no second alert on the next runs, which still report the change', async () => {
    const before = driftMails().length;
    const tsRequests = h.sandboxes.tripleseat.requestLog().length;

    const third = await scheduledRun(hh.deps());

    expect(driftMails()).toHaveLength(before);
    expect(third[ALERTED]?.drift?.fields).toEqual(['items', 'money']);
    // The listing's updated_at was already compared: no fetch of the event itself.
    const fetched = h.sandboxes.tripleseat
      .requestLog()
      .slice(tsRequests)
      .filter((r) => r.path.includes(`/events/${ALERTED}`));
    expect(fetched).toHaveLength(0);
  });

  it('under append-missing-items adds the missing item exactly once, even when its POST commits and then fails', async () => {
    const config = { ...h.config, drift: { ...h.config.drift, policy: 'append-missing-items' as const } };
    const order = ordersOf(APPENDED)[0];
    const itemsBefore = order?.items.length ?? 0;
    putEvent(h.sandboxes, h.instant, {
      id: APPENDED,
      updatedHoursAgo: 1,
      items: [dish('Maple Bar', 4, '2.50', 3001), dish('Bear Claw', 3, '3.25')],
    });
    const commitThenFail = h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'POST',
      path: '/resources/OrderItem/',
      action: { kind: 'commit-then-fail' },
    });

    const second = await scheduledRun(hh.deps(config));
    await scheduledRun(hh.deps(config));

    expect(h.sandboxes.faults.hits(commitThenFail)).toBe(1);
    const items = ordersOf(APPENDED)[0]?.items ?? [];
    expect(items).toHaveLength(itemsBefore + 1);
    expect(items.filter((i) => i.product === '/resources/Product/591/')).toHaveLength(1);
    expect(ordersOf(APPENDED)).toHaveLength(1);
    expect(second[APPENDED]?.drift?.fields).toEqual(['items', 'money']);
    const alerts = driftMails().filter((m) => m.subject.includes(String(APPENDED)));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.text).toContain(`Added to Revel order ${order?.id}: 3 × Bear Claw`);
  });

  it("under append-missing-items writes an added item's TripleSeat name in the field revel.itemNameField names", async () => {
    const config = {
      ...h.config,
      drift: { ...h.config.drift, policy: 'append-missing-items' as const },
      items: {
        ...h.config.items,
        mapping: [
          ...h.config.items.mapping,
          { name: 'Twelve Donuts', revelProductId: 600, establishmentId: 4 },
        ],
      },
      revel: { ...h.config.revel, itemNameField: 'special_request' as const },
    };
    putEvent(h.sandboxes, h.instant, {
      id: NAMED,
      updatedHoursAgo: 1,
      items: [dish('Maple Bar', 4, '2.50', 3001), dish('Twelve Donuts', 1, '24.00')],
    });

    await scheduledRun(hh.deps(config));

    const added = (ordersOf(NAMED)[0]?.items ?? []).filter((i) => i.product === '/resources/Product/600/');
    expect(added).toEqual([
      expect.objectContaining({ special_request: 'Twelve Donuts', product_name_override: null }),
    ]);
  });

  it('under append-missing-items adds each missing item once across successive changes', async () => {
    const config = { ...h.config, drift: { ...h.config.drift, policy: 'append-missing-items' as const } };
    const bearClaws = () =>
      (ordersOf(TWICE)[0]?.items ?? [])
        .filter((i) => i.product === '/resources/Product/591/')
        .reduce((sum, i) => sum + Number(i.quantity), 0);
    const change = async (spec: { guests?: number; bearClaws: number }, hoursAgo: number) => {
      putEvent(h.sandboxes, h.instant, {
        id: TWICE,
        updatedHoursAgo: hoursAgo,
        ...(spec.guests === undefined ? {} : { guests: spec.guests }),
        items: [dish('Maple Bar', 4, '2.50', 3001), dish('Bear Claw', spec.bearClaws, '3.25')],
      });
      await scheduledRun(hh.deps(config));
    };

    await change({ bearClaws: 3 }, 2);
    expect(bearClaws()).toBe(3);
    // Only the guest count moves: nothing is missing any more.
    await change({ guests: 25, bearClaws: 3 }, 1.5);
    expect(bearClaws()).toBe(3);
    // Two more Bear Claws: those two, and only those, are added.
    await change({ guests: 25, bearClaws: 5 }, 1);
    expect(bearClaws()).toBe(5);
    expect(ordersOf(TWICE)).toHaveLength(1);
    const alerts = driftMails().filter((m) => m.subject.includes(String(TWICE)));
    expect(alerts).toHaveLength(3);
    expect(alerts[1]?.text).not.toContain('Added to Revel order');
    expect(alerts[2]?.text).toContain('2 × Bear Claw');
  });

  it('under append-missing-items still alerts every change when Revel refuses the append', async () => {
    const config = { ...h.config, drift: { ...h.config.drift, policy: 'append-missing-items' as const } };
    const refuse = h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'POST',
      path: '/resources/OrderItem/',
      times: Number.POSITIVE_INFINITY,
      action: { kind: 'fail', status: 400, body: '{"error":"product is not available"}' },
    });
    const itemsBefore = ordersOf(REFUSED)[0]?.items.length ?? -1;
    for (const [bearClaws, hoursAgo] of [
      [2, 2],
      [3, 1],
    ] as const) {
      putEvent(h.sandboxes, h.instant, {
        id: REFUSED,
        updatedHoursAgo: hoursAgo,
        items: [dish('Maple Bar', 4, '2.50', 3001), dish('Bear Claw', bearClaws, '3.25')],
      });
      const run = await scheduledRun(hh.deps(config));
      expect(run[REFUSED]?.drift?.fields).toEqual(['items', 'money']);
    }
    expect(h.sandboxes.faults.hits(refuse)).toBe(2);
    h.sandboxes.faults.clear();

    expect(ordersOf(REFUSED)[0]?.items).toHaveLength(itemsBefore);
    const alerts = driftMails().filter((m) => m.subject.includes(String(REFUSED)));
    expect(alerts).toHaveLength(2);
    for (const alert of alerts) expect(alert.text).toContain('could not be added');
    expect(alerts[1]?.text).toContain('product is not available');
  });

  it('under append-missing-items adds nothing to a closed order, and still alerts', async () => {
    const config = { ...h.config, drift: { ...h.config.drift, policy: 'append-missing-items' as const } };
    const order = ordersOf(CLOSED)[0];
    await closeOrderAtTheTill(h.sandboxes, order?.id ?? 0);
    // The sandbox leaves Order.closed as it is (closeFlipsOrder off): only the history row says closed.
    expect(closedInRevel(ordersOf(CLOSED)[0])).toBe(true);
    putEvent(h.sandboxes, h.instant, {
      id: CLOSED,
      updatedHoursAgo: 1,
      items: [dish('Fruit Platter', 1, '45.00', 3004), dish('Bear Claw', 2, '3.25')],
    });

    await scheduledRun(hh.deps(config));

    expect(ordersOf(CLOSED)[0]?.items).toHaveLength(order?.items.length ?? -1);
    const alerts = driftMails().filter((m) => m.subject.includes(String(CLOSED)));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.text).toContain('left as written');
  });

  it('alerts once when a webhook delivers a status change to LOST', async () => {
    const order = ordersOf(LOST)[0];
    h.sandboxes.tripleseat.updateEvent(LOST, { status: 'LOST' });
    const message = {
      kind: 'event',
      eventId: String(LOST),
      trigger: 'STATUS_CHANGE_EVENT',
      receivedAt: h.instant.toISOString(),
      correlationId: 'webhook-lost',
    } as const;
    const delivery = { messageId: 'm-lost', receiveCount: 1 };

    expect(await handleEventMessage(message, delivery, hh.deps(), 'queue-1', 5)).toBe(true);
    expect(
      await handleEventMessage({ ...message, correlationId: 'again' }, delivery, hh.deps(), 'queue-2', 5),
    ).toBe(true);

    const alerts = driftMails().filter((m) => m.subject.includes(String(LOST)));
    expect(alerts.map((m) => m.subject)).toEqual([
      `[TripleSeat→Revel] Event ${LOST} (Drift test ${LOST}) marked LOST in TripleSeat; Revel order ${order?.id} still exists`,
    ]);
    expect(alerts[0]?.text).toContain('DEFINITE | LOST');
  });

  it('alerts once when the event is then deleted, through the same alert', async () => {
    const order = ordersOf(LOST)[0];
    const message = {
      kind: 'event',
      eventId: String(LOST),
      trigger: 'DELETE_EVENT',
      receivedAt: h.instant.toISOString(),
      correlationId: 'webhook-delete',
    } as const;
    const delivery = { messageId: 'm-del', receiveCount: 1 };

    await handleEventMessage(message, delivery, hh.deps(), 'queue-3', 5);
    await handleEventMessage(message, delivery, hh.deps(), 'queue-4', 5);

    const deleted = driftMails().filter((m) => m.subject.includes('deleted in TripleSeat'));
    expect(deleted.map((m) => m.subject)).toEqual([
      `[TripleSeat→Revel] Event ${LOST} deleted in TripleSeat; Revel order ${order?.id} still exists`,
    ]);
  });
});
