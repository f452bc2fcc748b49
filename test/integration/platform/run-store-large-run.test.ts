import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planBulkRun } from '#functions/core/bulk/plan-bulk-run';
import { tallyRun } from '#functions/core/bulk/run-tally';
import { syncAnswerSchema } from '#functions/core/contract/operator-api/sync-answer';
import type { TripleSeatEvent } from '#functions/core/domain/model';
import { SkipReason } from '#functions/core/domain/reasons';
import type { EventResult } from '#functions/core/engine/results';
import { notWrittenToday } from '#functions/core/notify/not-written-today';
import { DynamoDbLedger } from '#functions/platform/ledger-dynamodb';
import { runKey } from '#functions/platform/ledger-keys';
import { testConfig, tsEvent } from '../../support/builders';
import { type LedgerTable, startLedgerTable } from '../../support/dynalite';
import { fakeSyncHandlerDeps, NOTIFICATIONS, NOW } from '../../support/fake-sync-handler-deps';

let table: LedgerTable;
let ledger: DynamoDbLedger;

beforeAll(async () => {
  table = await startLedgerTable('ledger-large-run');
  ledger = new DynamoDbLedger({ client: table.client, tableName: table.tableName, now: () => NOW.getTime() });
});
afterAll(async () => {
  await table.close();
});

const config = testConfig({ notifications: NOTIFICATIONS, sync: { hoursBack: 24 } });

/** NOW is 2026-11-27 18:00 in Los Angeles: tomorrow's events are too early, last week's passed. */
function listing(count: number): TripleSeatEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const id = String(100_000 + i);
    const name = `Guest ${i} - Company holiday party with a long name`;
    if (i < 10) return tsEvent({ id, name, status: 'TENTATIVE' });
    if (i % 3 === 0) return tsEvent({ id, name, eventDate: '2026-11-20', startLocal: '2026-11-20T18:00:00' });
    if (i % 3 === 1) return tsEvent({ id, name, eventDate: '2026-12-02', startLocal: '2026-12-02T18:00:00' });
    return tsEvent({
      id,
      name,
      status: 'TENTATIVE',
      eventDate: '2026-12-03',
      startLocal: '2026-12-03T18:00:00',
    });
  });
}

async function storedItemBytes(runId: string): Promise<number> {
  const { Item } = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: { pk: runKey(runId) } }),
  );
  return Buffer.byteLength(JSON.stringify(Item ?? {}));
}

describe.each([2_000, 5_000])('a bulk run of %i listed events, nearly all routine skips', (count) => {
  const runId = `run-large-${count}`;

  it('finishes with a run record far below the 400 KB item limit and the right counts', async () => {
    const { deps } = fakeSyncHandlerDeps({ config, events: listing(count) });
    const request = {
      runId,
      trigger: 'manual',
      hoursBack: 24,
      dryRun: false,
      correlationId: 'corr-large',
    } as const;

    await planBulkRun(request, { ...deps, runs: ledger }, 'holder-large');

    const run = await ledger.getRun(runId);
    expect(run?.state).toBe('finished');
    expect(await storedItemBytes(runId)).toBeLessThan(100_000);
    const summary = syncAnswerSchema.parse(run?.summary);
    expect(summary.summary).toEqual({
      queried: count,
      injected: 0,
      skipped: count,
      failed: 0,
      in_progress: 0,
      would_inject: 0,
    });
    expect(summary.events).toHaveLength(10);
    expect(summary.events_omitted).toBe(count - 10);
    expect(run && (await tallyRun(run, ledger))).toMatchObject({
      listed: count,
      skipped: count,
      still_queued: 0,
    });
  });

  it("keeps today's unconfirmed events for the digest's not-written-today list", async () => {
    const run = await ledger.getRun(runId);
    const events = syncAnswerSchema.parse(run?.summary).events as EventResult[];

    const notWritten = notWrittenToday(events, config, NOW);

    expect(notWritten.map((e) => e.reason)).toEqual(Array(10).fill(SkipReason.STATUS_NOT_ELIGIBLE));
  });
});
