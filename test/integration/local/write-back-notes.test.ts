import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVEL_WEBHOOK_PATH } from '#functions/core/contract/routes';
import { eventually } from '../../support/eventually';
import { startTestRuntime, type TestRuntime } from '../../support/local-runtime';
import { closeOrderAtTheTill } from '../../support/revel-till';
import { postSignedWebhook } from '../../support/signed-webhook';

// The whole system as `npm start` runs it, with writeBack.tripleseatNotes switched on in its config.
const EVENT = '55521610';
let local: TestRuntime;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'write-back-'));
  const example = JSON.parse(readFileSync('config/sync.example.json', 'utf8')) as Record<string, unknown>;
  const config = join(dir, 'sync.json');
  // The sandboxes are local: a faster Revel pace keeps the scheduled runs short (as engine-harness.ts does).
  const rateLimits = { ...(example.rateLimits as object), revelPerSecond: 50 };
  writeFileSync(config, JSON.stringify({ ...example, rateLimits, writeBack: { tripleseatNotes: true } }));
  local = await startTestRuntime({ env: { SYNC_CONFIG: config } });
});
afterAll(async () => {
  await local?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sandboxes = () => {
  const running = local.runtime.sandboxes;
  if (!running) throw new Error('the local runtime runs without its sandboxes');
  return running;
};
const notes = () =>
  sandboxes()
    .tripleseat.notes(EVENT)
    .map((n) => n.body);
const orderId = () =>
  sandboxes()
    .revel.orders()
    .find((o) => o.local_id === `Triple Seat_${EVENT}`)?.id;
const synced = () => local.logs().filter((l) => l.message === 'event synced' && l.event_id === EVENT).length;

async function webhook(updatedAt: string): Promise<void> {
  const response = await postSignedWebhook(local.runtime, {
    eventId: EVENT,
    trigger: 'UPDATE_EVENT',
    updatedAt,
  });
  expect(((await response.json()) as { status: string }).status).toBe('queued');
}

/** Revel's order.finalized for the event's order, signed as we read Revel's sample (HMAC-SHA1 hex). */
async function revelFinalized(secret = local.runtime.env.REVEL_WEBHOOK_SECRETS ?? '') {
  const order = sandboxes()
    .revel.orders()
    .find((o) => o.id === orderId());
  const body = JSON.stringify({
    orderInfo: { id: orderId(), local_id: order?.local_id, closed: true },
    items: [],
    payments: [],
    history: [],
  });
  const response = await fetch(`${local.runtime.url}${REVEL_WEBHOOK_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-revel-signature': createHmac('sha1', secret).update(body).digest('hex'),
      'x-revel-instance': 'acme',
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function operator(method: 'GET' | 'POST', path: string) {
  const response = await fetch(`${local.runtime.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${local.runtime.variables.OPERATOR_TOKEN ?? ''}` },
  });
  expect(response.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: the answer is read field by field, as the console does
  return (await response.json()) as any;
}

/** A TripleSeat webhook (through the queue), a scheduled run, an operator's "sync now". */
async function everyWayIn(round: number): Promise<void> {
  const before = synced();
  await webhook(`2026-01-01T1${round}:00:00Z`);
  await eventually(() => expect(synced()).toBeGreaterThan(before), 15_000);
  await local.runtime.scheduler.fireNow();
  await operator('POST', `/api/events/${EVENT}/sync`);
}

describe('TripleSeat sees the Revel order, end to end', () => {
  it('has one "injected" and one "paid" note across webhooks (TripleSeat and Revel), schedule and operator runs, with a lost answer', async () => {
    sandboxes().faults.add({
      vendor: 'tripleseat',
      method: 'POST',
      path: `/v1/events/${EVENT}/notes.json`,
      action: { kind: 'commit-then-fail' },
    });
    await everyWayIn(1);
    expect(notes()).toHaveLength(1);
    expect(notes()[0]).toContain(`[revel-sync:injected:${orderId()}]`);

    await closeOrderAtTheTill(sandboxes(), Number(orderId()));
    expect(await revelFinalized('not-the-revel-webhook-secret-0123')).toMatchObject({ status: 401 });
    expect(notes()).toHaveLength(1);
    expect(await revelFinalized()).toEqual({
      status: 200,
      body: { status: 'paid_noted', event_id: EVENT },
    });
    expect(notes()).toHaveLength(2);
    expect((await revelFinalized()).body.status).toBe('paid_noted');
    await everyWayIn(2);
    await everyWayIn(3);
    expect(notes()).toHaveLength(2);
    expect(notes()[1]).toContain(`[revel-sync:paid:${orderId()}]`);

    const detail = await operator('GET', `/api/events/${EVENT}`);
    expect(detail.write_back).toEqual({
      enabled: true,
      revel_order_id: String(orderId()),
      notes: [
        expect.objectContaining({ kind: 'injected', found: true }),
        expect.objectContaining({ kind: 'paid', found: false }),
      ],
      error: null,
    });
  }, 60_000);
});
