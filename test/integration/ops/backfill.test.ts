import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { syncEvent } from '#functions/core/engine/sync-event';
import { backfillLedger } from '#functions/core/ops/backfill';
import { eventKey } from '#functions/platform/ledger-keys';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

// The Order create answers after the client gives up (TIMEOUT_MS) and commits later (DELAY_MS):
// our own order exists in Revel, empty, while the ledger says its create is still settling.
const TIMEOUT_MS = 250;
const DELAY_MS = 1_500;
const SETTLE_MS = 10 * 60_000;
const EVENT = '55521619';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(async () => {
  await h.close();
});

const ordersFor = (eventId: string) =>
  h.sandboxes.revel.orders().filter((o) => String(o.local_id).endsWith(`_${eventId}`));
const since = () => new Date(h.instant.getTime() - 3 * 86_400_000).toISOString().slice(0, 10);

async function startSettlingOrder() {
  h.sandboxes.faults.add({
    vendor: 'revel',
    method: 'POST',
    path: '/resources/Order/',
    action: { kind: 'delay', ms: DELAY_MS },
  });
  const first = await syncEvent(EVENT, h.deps({ holderId: 'queue', revelTimeoutMs: TIMEOUT_MS }), {
    correlationId: 'first',
  });
  expect(first).toMatchObject({ status: 'in_progress', reason: 'WRITE_SETTLING' });
  await vi.waitFor(() => expect(ordersFor(EVENT)).toHaveLength(1), { timeout: DELAY_MS * 4, interval: 25 });
}

describe('a backfill', () => {
  it('leaves our own still-settling order to the engine, says why, and the next sync finishes it', async () => {
    await startSettlingOrder();
    const report = await backfillLedger(h.deps({ holderId: 'backfill' }), {
      since: since(),
      correlationId: 'backfill',
      dryRun: false,
    });
    expect(report.recorded.map((r) => r.event_id)).not.toContain(EVENT);
    expect(report.left_alone).toContainEqual({
      event_id: EVENT,
      reason: expect.stringMatching(/our order create sent at .* is still settling/),
    });
    const afterSettling = { now: () => new Date(h.instant.getTime() + SETTLE_MS + 1_000) };
    const later = await syncEvent(EVENT, h.deps({ holderId: 'schedule', clock: afterSettling }), {
      correlationId: 'later',
    });
    expect(later.status).toBe('injected');
    expect(ordersFor(EVENT)).toHaveLength(1);
    expect(ordersFor(EVENT)[0]?.items.length).toBeGreaterThan(0);
  });

  it('never records an order under our own uuid, even when the ledger lost its record', async () => {
    await startSettlingOrder();
    await h.table.client.send(
      new DeleteCommand({ TableName: h.table.tableName, Key: { pk: eventKey(EVENT) } }),
    );
    const report = await backfillLedger(h.deps({ holderId: 'backfill' }), {
      since: since(),
      correlationId: 'backfill',
      dryRun: true,
    });
    expect(report.recorded.map((r) => r.event_id)).not.toContain(EVENT);
    expect(report.left_alone).toContainEqual({
      event_id: EVENT,
      reason: expect.stringContaining('is ours (our uuid)'),
    });
  });
});
