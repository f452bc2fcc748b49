import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import type { EventResult, SyncSummary } from '#functions/core/engine/results';
import { eventKey } from '#functions/platform/ledger-keys';
import { specialInstructions } from '../../../dev/sandbox/tripleseat-event';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { closeOrderAtTheTill } from '../../support/revel-till';
import { runScheduledToEnd } from '../../support/run-to-end';
import { dish, putEvent } from '../../support/sandbox-events';
import { type HandlerHarness, startHandlerHarness } from '../../support/scheduled-harness';

const ALLERGY = 55529101;
const ALERT_ONLY = 55529102;
const CLOSED = 55529103;
const UPGRADED = 55529104;

let h: EngineHarness;
let hh: HandlerHarness;

const orderOf = (eventId: number) =>
  h.sandboxes.revel.orders().find((o) => o.local_id === `Triple Seat_${eventId}`);
const notesPatches = (orderId: number | undefined) =>
  h.sandboxes.revel
    .requestLog()
    .filter((r) => r.method === 'PATCH' && r.path === `/resources/Order/${orderId}/`);
const alertsFor = (eventId: number) =>
  hh.mails().filter((m) => m.subject.includes(String(eventId)) && /changed in TripleSeat/.test(m.subject));

const allergies = (text: string) => [{ custom_field_name: 'Allergies', value: text }];
const menu = [dish('Maple Bar', 8, '2.50', 3001)];
const nutFree = {
  ...dish('Nut-free kitchen prep, EpiPen on site', 1, '0.00'),
  category: specialInstructions,
};

async function scheduledRun(deps: SyncHandlerDeps): Promise<Record<string, EventResult>> {
  const run = await runScheduledToEnd(deps, `sched-${Math.random()}`);
  if (run.status !== 'finished') throw new Error('the scheduled run did not run');
  const summary = (await deps.runs.getRun(run.runId))?.summary as SyncSummary;
  return Object.fromEntries(summary.events.map((e) => [e.id, e]));
}

/** The event now says there is a severe peanut allergy, and gains a special-instructions row. */
function addPeanutAllergy(id: number, hoursAgo = 1): void {
  putEvent(h.sandboxes, h.instant, {
    id,
    updatedHoursAgo: hoursAgo,
    customFields: allergies('SEVERE peanut allergy (3 guests)'),
    items: [...menu, nutFree],
  });
}

beforeAll(async () => {
  h = await startEngineHarness();
  hh = startHandlerHarness(h);
  for (const id of [ALLERGY, ALERT_ONLY, CLOSED, UPGRADED])
    putEvent(h.sandboxes, h.instant, { id, customFields: allergies('none'), items: menu });
  const first = await scheduledRun(hh.deps());
  for (const id of [ALLERGY, ALERT_ONLY, CLOSED, UPGRADED])
    expect(first[id]).toMatchObject({ status: 'injected' });
  expect(orderOf(ALLERGY)?.notes).toContain('Allergies: none');
});
afterAll(async () => {
  hh?.close();
  await h?.close();
});

describe('a change of the kitchen information after injection', () => {
  it('sends one alert naming the new text and rewrites the Revel order notes once', async () => {
    const orderId = orderOf(ALLERGY)?.id;
    addPeanutAllergy(ALLERGY);

    const second = await scheduledRun(hh.deps());
    await scheduledRun(hh.deps());

    expect(second[ALLERGY]?.drift?.fields).toEqual(['kitchen_notes']);
    const notes = String(orderOf(ALLERGY)?.notes);
    expect(notes).toContain('Allergies: SEVERE peanut allergy (3 guests)');
    expect(notes).toContain('Nut-free kitchen prep, EpiPen on site');
    expect(notes).not.toContain('Allergies: none');
    expect(notesPatches(orderId)).toHaveLength(1);
    const alerts = alertsFor(ALLERGY);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.subject).toContain('kitchen notes');
    expect(alerts[0]?.text).toContain('SEVERE peanut allergy (3 guests)');
    expect(alerts[0]?.text).toContain(`The kitchen notes of Revel order ${orderId} now read:`);
    // Money untouched.
    expect(orderOf(ALLERGY)?.final_total).toBeDefined();
  });

  it('only alerts under drift.notes alert, and writes nothing to Revel', async () => {
    const orderId = orderOf(ALERT_ONLY)?.id;
    const config = { ...h.config, drift: { ...h.config.drift, notes: 'alert' as const } };
    addPeanutAllergy(ALERT_ONLY);

    await scheduledRun(hh.deps(config));

    expect(orderOf(ALERT_ONLY)?.notes).toContain('Allergies: none');
    expect(notesPatches(orderId)).toHaveLength(0);
    const alerts = alertsFor(ALERT_ONLY);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.text).toContain('were not changed: tell the kitchen');
  });

  it('never rewrites the notes of a closed order, and says so in the alert', async () => {
    const order = orderOf(CLOSED);
    await closeOrderAtTheTill(h.sandboxes, order?.id ?? 0);
    addPeanutAllergy(CLOSED);

    await scheduledRun(hh.deps());

    expect(orderOf(CLOSED)?.notes).toContain('Allergies: none');
    expect(notesPatches(order?.id)).toHaveLength(0);
    expect(alertsFor(CLOSED)[0]?.text).toContain(`could not be updated (Revel order ${order?.id} is closed)`);
  });

  it('upgrades a fingerprint kept without kitchen information without a false alert, then watches it', async () => {
    const record = await h.ledger.get(String(UPGRADED));
    const { kitchen: _dropped, ...old } = JSON.parse(record?.fingerprint ?? '{}') as Record<string, unknown>;
    await h.table.client.send(
      new UpdateCommand({
        TableName: h.table.tableName,
        Key: { pk: eventKey(String(UPGRADED)) },
        UpdateExpression: 'SET fingerprint = :f',
        ExpressionAttributeValues: { ':f': JSON.stringify(old) },
      }),
    );
    // Saved again without a kitchen change: compared, nothing to say.
    putEvent(h.sandboxes, h.instant, {
      id: UPGRADED,
      updatedHoursAgo: 2,
      customFields: allergies('none'),
      items: menu,
    });
    const quiet = await scheduledRun(hh.deps());
    expect(quiet[UPGRADED]?.drift ?? null).toBeNull();
    expect(alertsFor(UPGRADED)).toHaveLength(0);

    addPeanutAllergy(UPGRADED);
    const changed = await scheduledRun(hh.deps());
    expect(changed[UPGRADED]?.drift?.fields).toEqual(['kitchen_notes']);
    expect(alertsFor(UPGRADED)).toHaveLength(1);
  });
});
