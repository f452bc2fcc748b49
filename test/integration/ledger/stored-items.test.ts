import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashFingerprints } from '#functions/core/order/plan-hash';
import { emptyProgress } from '#functions/core/ports/ledger';
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

const putItem = (item: Record<string, unknown>) =>
  table.client.send(new PutCommand({ TableName: table.tableName, Item: item }));
const getItem = async (pk: string) =>
  (await table.client.send(new GetCommand({ TableName: table.tableName, Key: { pk } }))).Item;

describe('reading stored event items', () => {
  it('answers undefined for an event the ledger has never seen', async () => {
    expect(await ledger.get('7000')).toBeUndefined();
  });

  it('reads an item with junk in its descriptive fields, using "unknown" for them', async () => {
    await putItem({
      pk: 'EVENT#7001',
      status: 'injected',
      revelOrderId: 98765,
      reason: { nested: true },
      error: ['not', 'text'],
      correlationId: null,
      createdAt: 20250601,
      updatedAt: '2025-06-01T12:00:00.000Z',
      leaseHolder: 42,
      leaseExpiresAt: 'soon',
      notes: 'edited by hand in the console',
    });

    expect(await ledger.get('7001')).toEqual({
      eventId: '7001',
      status: 'injected',
      revelOrderId: '98765',
      reason: undefined,
      error: undefined,
      correlationId: undefined,
      eventUpdatedAt: undefined,
      progress: emptyProgress(),
      createdAt: '2025-06-01T12:00:00.000Z',
      updatedAt: '2025-06-01T12:00:00.000Z',
      leaseHolder: undefined,
      leaseExpiresAt: undefined,
    });
  });

  it('fills the missing steps of a partial progress map with "not done"', async () => {
    await putItem({ pk: 'EVENT#7002', status: 'writing', progress: { orderId: '314', totalsDone: true } });

    expect((await ledger.get('7002'))?.progress).toEqual({
      orderId: 314,
      itemsWritten: 0,
      totalsDone: true,
      paymentDone: false,
      historyDone: false,
    });
  });

  it('reads progress of the earlier per-line format: fingerprints become the plan hash, items are re-listed', async () => {
    const plannedItems = ['u-1|579|6|170|1020|', 'u-2|581|2|1250|2500|'];
    await putItem({
      pk: 'EVENT#7003',
      status: 'writing',
      progress: { orderId: 314, itemsDone: new Set(['u-1', 'u-2']), plannedItems, establishmentId: 4 },
    });

    expect((await ledger.get('7003'))?.progress).toEqual({
      orderId: 314,
      // Counted as none: a resumed saga lists the order's items in Revel before writing (order-writer.ts).
      itemsWritten: 0,
      totalsDone: false,
      paymentDone: false,
      historyDone: false,
      planHash: hashFingerprints([...plannedItems].reverse()),
      establishmentId: 4,
    });
  });

  it('stores the new shape on the next save, dropping the per-line lists', async () => {
    await putItem({ pk: 'EVENT#7008', status: 'writing', progress: { orderId: 314, itemsDone: ['u-1'] } });
    const leased = await ledger.acquireLease('7008', 'worker-a', 60_000);
    await ledger.saveProgress('7008', 'worker-a', {
      ...(leased?.progress ?? emptyProgress()),
      itemsWritten: 1,
    });

    const stored = await getItem('EVENT#7008');
    expect(stored?.progress).toEqual({
      orderId: 314,
      itemsWritten: 1,
      totalsDone: false,
      paymentDone: false,
      historyDone: false,
    });
  });

  it('reads an item with no status as new', async () => {
    await putItem({ pk: 'EVENT#7004' });

    expect(await ledger.get('7004')).toMatchObject({
      status: 'new',
      createdAt: '',
      progress: emptyProgress(),
    });
  });

  it('refuses an unknown status with an error naming the field and the stored value', async () => {
    await putItem({ pk: 'EVENT#7005', status: 'DONE' });

    const read = ledger.get('7005');

    await expect(read).rejects.toBeInstanceOf(LedgerItemInvalidError);
    await expect(read).rejects.toThrow(
      'ledger item EVENT#7005 is invalid: status: not a known ledger status (stored: "DONE")',
    );
  });

  it('refuses progress it cannot trust rather than guess which saga steps are done', async () => {
    await putItem({ pk: 'EVENT#7006', status: 'writing', progress: { orderId: 12, totalsDone: 'yes' } });

    await expect(ledger.get('7006')).rejects.toMatchObject({
      code: 'LEDGER_ITEM_INVALID',
      field: 'progress.totalsDone',
      retryable: false,
    });
  });

  it('refuses the same junk when the lease is taken, so the engine never sees it', async () => {
    await putItem({ pk: 'EVENT#7007', status: 'writing', progress: { itemsDone: 'u-1,u-2' } });

    await expect(ledger.acquireLease('7007', 'worker-a', 60_000)).rejects.toMatchObject({
      field: 'progress.itemsDone',
    });
  });
});
