import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { buildOrderPlan, writeOrder } from '#functions/core/order/order-writer';
import { emptyProgress, type SagaProgress } from '#functions/core/ports/ledger';
import { DynamoDbLedger } from '#functions/platform/ledger-dynamodb';
import { item } from '../../support/builders';
import { useLedgerTable } from '../../support/dynalite';
import { FakeRevel } from '../../support/fake-revel';

const { table } = useLedgerTable();

const LINES = 5_000;
/** DynamoDB's item size limit; the old per-line record passed it near 4,600–7,800 lines (issue 9). */
const DYNAMODB_ITEM_LIMIT = 400 * 1024;

const plan = buildOrderPlan({
  eventId: '88005000',
  localId: 'Triple Seat_88005000',
  revel: { establishmentId: 4, stationId: 5, userId: 1, diningOption: 113 },
  timestampLocal: '2025-12-28T18:00:00',
  notes: 'Triple Seat Event #88005000',
  callName: 'Gala | 555-0100',
  lines: Array.from({ length: LINES }, (_, i) => ({
    item: item(`Canapé ${i + 1}`, 1 + (i % 7), 350 + i),
    productId: 579,
    nameOverride: undefined,
    via: 'name' as const,
  })),
  orderHistory: true,
});

const saga = { clock: { now: () => new Date('2025-12-28T17:00:00Z') }, settleMs: 600_000 };

describe('the saga record of a 5,000-line order in DynamoDB', () => {
  it('stays the same small size from the first line to the last, and a crash halfway resumes without doubling a line', async () => {
    const ledger = new DynamoDbLedger({ client: table().client, tableName: table().tableName });
    const revel = new FakeRevel({ 4: [{ id: 579, name: 'Canapé', priceCents: 350, active: true }] });
    const storedSize = async () => {
      const key = { pk: `EVENT#${plan.eventId}` };
      const { Item } = await table().client.send(new GetCommand({ TableName: table().tableName, Key: key }));
      return Buffer.byteLength(JSON.stringify(Item ?? {}));
    };
    const sizes: number[] = [];
    let crashed = false;
    let dead = false;
    // Every 250th progress goes to DynamoDB and is measured there (dynalite takes ~6 ms a write; all
    // 5,000 would make this test slow without showing more), and so does the last one before the crash.
    const save = async (p: SagaProgress) => {
      // The Lambda dies once, halfway through the items, after item 2,500 committed but before it was counted.
      if (dead || (!crashed && p.itemsWritten === LINES / 2)) {
        crashed = true;
        dead = true;
        throw new Error('Lambda timed out');
      }
      if (p.itemsWritten % 250 !== 0 && p.itemsWritten !== LINES / 2 - 1) return;
      await ledger.saveProgress(plan.eventId, 'worker-a', p);
      sizes.push(await storedSize());
    };
    await ledger.acquireLease(plan.eventId, 'worker-a', 600_000);

    await expect(writeOrder(plan, emptyProgress(), revel, save, saga)).rejects.toThrow('Lambda timed out');
    dead = false;
    const resumeFrom = (await ledger.get(plan.eventId))?.progress ?? emptyProgress();
    const result = await writeOrder(plan, resumeFrom, revel, save, saga);
    sizes.push(await storedSize());

    const uuids = revel.orderItems.map((row) => row.uuid);
    expect(uuids).toHaveLength(LINES);
    expect(new Set(uuids).size).toBe(LINES);
    expect(result.progress).toMatchObject({ itemsWritten: LINES, historyDone: true });
    expect(resumeFrom).toMatchObject({ itemsWritten: LINES / 2 - 1, pending: { step: 'item' } });
    expect(sizes.length).toBeGreaterThanOrEqual(20);
    expect(Math.max(...sizes)).toBeLessThan(1_024);
    expect(Math.max(...sizes)).toBeLessThan(DYNAMODB_ITEM_LIMIT / 100);
  }, 30_000);
});
