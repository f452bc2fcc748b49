import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '#functions/core/ports/runs';
import { DynamoDbLedger } from '#functions/platform/ledger-dynamodb';
import { LedgerItemInvalidError } from '#functions/platform/ledger-item';
import { type LedgerTable, manualClock, startLedgerTable } from '../../support/dynalite';

let table: LedgerTable;
let ledger: DynamoDbLedger;

beforeAll(async () => {
  table = await startLedgerTable();
  ledger = new DynamoDbLedger({ client: table.client, tableName: table.tableName, now: manualClock().now });
});
afterAll(async () => {
  await table.close();
});

const running: RunRecord = {
  runId: 'run-20250601-1200-a1',
  state: 'running',
  trigger: 'manual',
  hoursBack: 48,
  dryRun: false,
  correlationId: 'corr-run-1',
  createdAt: '2025-06-01T12:00:00.000Z',
  updatedAt: '2025-06-01T12:00:05.000Z',
  processed: 3,
};

describe('DynamoDbLedger as the run store', () => {
  it('returns a stored run exactly as it was put', async () => {
    await ledger.putRun(running);

    expect(await ledger.getRun(running.runId)).toEqual(running);
  });

  it('replaces the progress of a running run with its final summary', async () => {
    const runId = 'run-20250601-1200-b2';
    await ledger.putRun({ ...running, runId });
    const finished: RunRecord = {
      ...running,
      runId,
      state: 'finished',
      processed: 7,
      updatedAt: '2025-06-01T12:01:00.000Z',
      summary: { queried: 7, injected: 2, skipped: 5, failed: 0, events: [] },
    };

    await ledger.putRun(finished);

    expect(await ledger.getRun(runId)).toEqual(finished);
  });

  it('keeps the error of a failed run', async () => {
    const failed: RunRecord = { ...running, runId: 'run-failed', state: 'failed', error: 'TRIPLESEAT_AUTH' };
    await ledger.putRun(failed);

    expect((await ledger.getRun('run-failed'))?.error).toBe('TRIPLESEAT_AUTH');
  });

  it('answers undefined for a run never stored', async () => {
    expect(await ledger.getRun('run-never')).toBeUndefined();
  });

  it('reports a stored run with an unknown state as an invalid item', async () => {
    await ledger.putRunRecord('run-odd', { ...running, runId: 'run-odd', state: 'paused' });

    await expect(ledger.getRun('run-odd')).rejects.toBeInstanceOf(LedgerItemInvalidError);
  });

  it('reports a run item that holds another run as an invalid item', async () => {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { pk: 'RUN#run-copy', summary: JSON.stringify({ ...running, runId: 'run-original' }) },
      }),
    );

    await expect(ledger.getRun('run-copy')).rejects.toThrow('belongs to another run');
  });
});

describe('DynamoDbLedger as the run store of a fanned-out run', () => {
  const planned = (runId: string): RunRecord => ({ ...running, runId, processed: 1, listed: 4, queued: 3 });
  const result = (id: string, status = 'injected') => ({ id, status, name: null, date: null });

  it('adds each event’s result once, however often it is recorded, and counts them into processed', async () => {
    const runId = 'run-fan-out-a';
    await ledger.putRun(planned(runId));
    expect(await ledger.recordRunResults(runId, [result('1')])).toBe(1);
    expect(await ledger.recordRunResults(runId, [result('1', 'failed')])).toBe(1);
    await Promise.all(['2', '3'].map((id) => ledger.recordRunResults(runId, [result(id)])));
    expect(await ledger.getRun(runId)).toMatchObject({ state: 'running', processed: 4 });
    expect(await ledger.runResults(runId)).toHaveLength(3);
    expect(await ledger.runResults(runId)).toContainEqual(result('1'));
  });

  it('lets only the first finish land, and keeps the summary and not the results after it', async () => {
    const runId = 'run-fan-out-b';
    await ledger.putRun(planned(runId));
    await ledger.recordRunResults(runId, [result('1')]);
    const finished: RunRecord = { ...planned(runId), state: 'finished', summary: { events: [result('1')] } };
    const finishes = await Promise.all([ledger.finishRun(finished), ledger.finishRun(finished)]);
    expect(finishes.filter(Boolean)).toHaveLength(1);
    expect(await ledger.getRun(runId)).toMatchObject({
      state: 'finished',
      summary: { events: [result('1')] },
    });
    expect(await ledger.runResults(runId)).toEqual([]);
    expect(await ledger.recordRunResults(runId, [result('2')])).toBe(0);
  });

  it('counts every result once a run has outgrown its 400 KB item, keeping the late ones as short entries', async () => {
    const runId = 'run-fan-out-full';
    const events = 40;
    await ledger.putRun({ ...running, runId, processed: 0, listed: events, queued: events });
    // ~20 KB a result: the item is full after about 20 of them.
    const big = (id: string) => ({
      ...result(id, 'failed'),
      reason: 'RECONCILIATION_MISMATCH',
      revel_order_id: `9${id}`,
      error: 'x'.repeat(20_000),
    });
    const ids = Array.from({ length: events }, (_, i) => String(1000 + i));
    for (const id of ids) await ledger.recordRunResults(runId, [big(id)]);
    // Redelivered messages still count once, whether their event is in the map or a short entry.
    expect(await ledger.recordRunResults(runId, [big(ids[0] ?? ''), big(ids.at(-1) ?? '')])).toBe(events);

    expect(await ledger.getRun(runId)).toMatchObject({ state: 'running', processed: events });
    const stored = (await ledger.runResults(runId)) as { id: string; status: string; error?: string }[];
    expect(stored.map((r) => r.id).sort()).toEqual(ids);
    const short = stored.filter((r) => r.error === undefined);
    expect(short.length).toBeGreaterThan(0);
    expect(short[0]).toEqual({
      id: expect.any(String),
      status: 'failed',
      reason: 'RECONCILIATION_MISMATCH',
      revel_order_id: `9${short[0]?.id}`,
    });

    const finished: RunRecord = {
      ...running,
      runId,
      state: 'finished',
      processed: events,
      summary: { events: [] },
    };
    expect(await ledger.finishRun(finished)).toBe(true);
    expect(await ledger.runResults(runId)).toEqual([]);
    expect(await ledger.getRun(runId)).toMatchObject({ state: 'finished', processed: events });
  });

  it('keeps no more once even short entries would not fit, and the run then finishes at its time limit', async () => {
    const runId = 'run-fan-out-brim';
    // Planning's lines already take ~390 KB of the item.
    const planningResults = Array.from({ length: 39 }, (_, i) => ({
      ...result(String(500 + i), 'skipped'),
      error: 'y'.repeat(10_000),
    }));
    await ledger.putRun({ ...running, runId, processed: 39, listed: 49, queued: 10, planningResults });
    const ids = Array.from({ length: 10 }, (_, i) => String(2000 + i));

    for (const id of ids) await ledger.recordRunResults(runId, [result(id)]);

    const run = await ledger.getRun(runId);
    expect(run?.processed).toBeLessThan(49);
    expect(await ledger.runResults(runId)).toHaveLength((run?.processed ?? 0) - 39);
  });

  it('keeps the preflight beside the run, untouched by the run’s later writes', async () => {
    const runId = 'run-fan-out-c';
    await ledger.putRun(planned(runId));
    await ledger.attachPreflight(runId, { checked: 2 });
    await ledger.finishRun({ ...planned(runId), state: 'finished' });
    expect(await ledger.getRun(runId)).toMatchObject({ state: 'finished', preflight: { checked: 2 } });
  });
});
