import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import type { EventResult, SyncSummary } from '#functions/core/engine/results';
import { eventKey } from '#functions/platform/ledger-keys';
import { processQueueBatch } from '#functions/sync/queue/queue-batch';
import { locations } from '../../../dev/sandbox/tripleseat-event';
import { computeEventMoney, type PaymentSpec } from '../../../dev/sandbox/tripleseat-money';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { eventMessage, sqsEvent, sqsRecord } from '../../support/fake-sync-handler-deps';
import { closedInRevel, closeOrderAtTheTill } from '../../support/revel-till';
import { runScheduledToEnd } from '../../support/run-to-end';
import { dish, putEvent } from '../../support/sandbox-events';
import { type HandlerHarness, startHandlerHarness } from '../../support/scheduled-harness';

const BALANCE_PAID = 55529201;
const REFUNDED = 55529202;
const ALERT_ONLY = 55529203;
const UPGRADED = 55529204;
const CLOSED = 55529205;
const ALL = [BALANCE_PAID, REFUNDED, ALERT_ONLY, UPGRADED, CLOSED];

let h: EngineHarness;
let hh: HandlerHarness;

const menu = [dish('Maple Bar', 8, '2.50', 3001)];
const deposit: PaymentSpec = { kind: 'deposit', amount: '10.00', daysAgo: 3, method: 'Credit Card' };
const grandTotalCents = computeEventMoney(
  [{ category: 'Food', totalCents: 2000 }],
  locations.downtown.taxPercent,
  { taxName: 'Tax' },
).grandTotalCents;
const balance: PaymentSpec = {
  kind: 'payment',
  amount: ((grandTotalCents - 1000) / 100).toFixed(2),
  daysAgo: 0,
  method: 'Credit Card',
};

const orderOf = (eventId: number) =>
  h.sandboxes.revel.orders().find((o) => o.local_id === `Triple Seat_${eventId}`);
/** The order's payments in cents, as the till lists them. */
const amountsPaid = (eventId: number) =>
  (orderOf(eventId)?.payments ?? []).map((p) => Math.round(Number(p.amount) * 100));
const balanceCents = grandTotalCents - 1000;
const alertsFor = (eventId: number) =>
  hh.mails().filter((m) => m.subject.includes(String(eventId)) && /changed in TripleSeat/.test(m.subject));
const revelWritesSince = (from: number) =>
  h.sandboxes.revel
    .requestLog()
    .slice(from)
    .filter((r) => r.method !== 'GET');

async function scheduledRun(deps: SyncHandlerDeps): Promise<Record<string, EventResult>> {
  const run = await runScheduledToEnd(deps, `sched-${Math.random()}`);
  if (run.status !== 'finished') throw new Error('the scheduled run did not run');
  const summary = (await deps.runs.getRun(run.runId))?.summary as SyncSummary;
  return Object.fromEntries(summary.events.map((e) => [e.id, e]));
}

/** A webhook delivery for the event, as the queue hands it to the sync function. */
const webhook = (eventId: number, messageId: string) =>
  processQueueBatch(
    sqsEvent(sqsRecord(eventMessage(String(eventId)), { messageId })),
    hh.deps(),
    `webhook-${messageId}`,
  );

/** The event saved again in TripleSeat with these payments (the items unchanged). */
function payments(id: number, list: PaymentSpec[], hoursAgo = 1): void {
  putEvent(h.sandboxes, h.instant, {
    id,
    updatedHoursAgo: hoursAgo,
    items: menu,
    money: { taxName: 'Tax', payments: list },
  });
}

beforeAll(async () => {
  h = await startEngineHarness();
  hh = startHandlerHarness(h);
  for (const id of ALL) payments(id, [deposit], 3);
  const first = await scheduledRun(hh.deps());
  for (const id of ALL) expect(first[id]).toMatchObject({ status: 'injected' });
  expect(amountsPaid(BALANCE_PAID)).toEqual([1000]);
  expect(closedInRevel(orderOf(BALANCE_PAID))).toBe(false);
});
afterAll(async () => {
  hh?.close();
  await h?.close();
});

describe('a payment made in TripleSeat after the order was written', () => {
  it('becomes one Revel payment, nothing due and the order closed, despite a lost answer and a webhook racing the schedule', async () => {
    payments(BALANCE_PAID, [deposit, balance]);
    h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'POST',
      path: '/resources/Payment',
      action: { kind: 'commit-then-fail' },
    });
    // Whoever writes holds the event's lease a while longer: the other delivery arrives meanwhile.
    h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'GET',
      path: `/resources/Order/${orderOf(BALANCE_PAID)?.id}/`,
      action: { kind: 'delay', ms: 1500 },
    });
    const from = h.sandboxes.revel.requestLog().length;

    const [scheduled, delivered] = await Promise.all([
      scheduledRun(hh.deps()),
      webhook(BALANCE_PAID, 'race'),
    ]);
    // The event's lease let one in: the other was told to come back (the queue redelivers it).
    const turnedAway = [
      scheduled[BALANCE_PAID]?.reason === 'LEASE_HELD',
      delivered.batchItemFailures.length === 1,
    ];
    expect(turnedAway.filter(Boolean)).toHaveLength(1);
    await scheduledRun(hh.deps());
    await webhook(BALANCE_PAID, 'redelivered');

    expect(amountsPaid(BALANCE_PAID)).toEqual([1000, balanceCents]);
    expect(Number(orderOf(BALANCE_PAID)?.remaining_due)).toBe(0);
    expect(closedInRevel(orderOf(BALANCE_PAID))).toBe(true);
    const paymentPosts = revelWritesSince(from).filter((r) => r.path.startsWith('/resources/Payment'));
    expect(paymentPosts).toHaveLength(1);
    expect(paymentPosts[0]?.fault).toBe('commit-then-fail');
    const alerts = alertsFor(BALANCE_PAID);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.subject).toContain('payments');
    expect(alerts[0]?.text).toContain(
      `now a payment on Revel order ${orderOf(BALANCE_PAID)?.id}: ${balance.amount}`,
    );
    expect(alerts[0]?.text).toContain('was closed: its payments make its total');
  });

  it('only alerts a refund, and writes nothing to Revel', async () => {
    const orderId = orderOf(REFUNDED)?.id;
    payments(REFUNDED, [{ ...deposit, refunded: '10.00' }]);
    const from = h.sandboxes.revel.requestLog().length;

    const seen = await scheduledRun(hh.deps());
    await scheduledRun(hh.deps());

    expect(seen[REFUNDED]?.drift?.fields).toEqual(['payments']);
    expect(revelWritesSince(from)).toEqual([]);
    expect(amountsPaid(REFUNDED)).toEqual([1000]);
    const alerts = alertsFor(REFUNDED);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.text).toContain('refunded, removed or reduced in TripleSeat');
    expect(alerts[0]?.text).toContain(`The payments of Revel order ${orderId} were not changed`);
  });

  it('only alerts under drift.payments alert, and writes nothing to Revel', async () => {
    const config = { ...h.config, drift: { ...h.config.drift, payments: 'alert' as const } };
    payments(ALERT_ONLY, [deposit, balance]);
    const from = h.sandboxes.revel.requestLog().length;

    await scheduledRun(hh.deps(config));

    expect(revelWritesSince(from)).toEqual([]);
    expect(amountsPaid(ALERT_ONLY)).toEqual([1000]);
    const alerts = alertsFor(ALERT_ONLY);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.text).toContain('drift.payments: alert');
  });

  it('writes nothing to an order closed at the till, and says so', async () => {
    const orderId = orderOf(CLOSED)?.id ?? 0;
    await closeOrderAtTheTill(h.sandboxes, orderId);
    payments(CLOSED, [deposit, balance]);
    const from = h.sandboxes.revel.requestLog().length;

    await scheduledRun(hh.deps());

    expect(revelWritesSince(from)).toEqual([]);
    expect(amountsPaid(CLOSED)).toEqual([1000]);
    expect(alertsFor(CLOSED)[0]?.text).toContain(`were not changed (Revel order ${orderId} is closed)`);
  });

  it('upgrades a fingerprint kept without payments without a false alert, then writes the next payment', async () => {
    const record = await h.ledger.get(String(UPGRADED));
    const stored = JSON.parse(record?.fingerprint ?? '{}') as { money: Record<string, unknown> };
    const { payments: _dropped, ...oldMoney } = stored.money;
    await h.table.client.send(
      new UpdateCommand({
        TableName: h.table.tableName,
        Key: { pk: eventKey(String(UPGRADED)) },
        UpdateExpression: 'SET fingerprint = :f',
        ExpressionAttributeValues: { ':f': JSON.stringify({ ...stored, money: oldMoney }) },
      }),
    );
    // Saved again without a payment: compared, nothing to say.
    payments(UPGRADED, [deposit], 2);
    const quiet = await scheduledRun(hh.deps());
    expect(quiet[UPGRADED]?.drift ?? null).toBeNull();
    expect(alertsFor(UPGRADED)).toHaveLength(0);

    payments(UPGRADED, [deposit, balance]);
    const changed = await scheduledRun(hh.deps());
    expect(changed[UPGRADED]?.drift?.fields).toEqual(['payments']);
    expect(alertsFor(UPGRADED)).toHaveLength(1);
    expect(amountsPaid(UPGRADED)).toEqual([1000, balanceCents]);
  });
});
