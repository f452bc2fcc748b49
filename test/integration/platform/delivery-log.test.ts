import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbDeliveryLog } from '#functions/platform/delivery-log-dynamodb';
import { type LedgerTable, manualClock, startLedgerTable } from '../../support/dynalite';

const DAY_MS = 86_400_000;
let table: LedgerTable;

beforeAll(async () => {
  table = await startLedgerTable();
});
afterAll(async () => {
  await table.close();
});

const logAt = (clock: { now: () => number }) =>
  new DynamoDbDeliveryLog({ client: table.client, tableName: table.tableName, now: clock.now });

describe('DynamoDbDeliveryLog', () => {
  it('remembers a delivery the first time and calls the second one a duplicate', async () => {
    const log = logAt(manualClock());

    expect(await log.rememberDelivery('UPDATE_EVENT:55521001:2025-06-01T10:00:00Z', 3)).toBe(true);
    expect(await log.rememberDelivery('UPDATE_EVENT:55521001:2025-06-01T10:00:00Z', 3)).toBe(false);
  });

  it('counts its own committed put as remembered when the SDK retries it after a slow answer', async () => {
    // The first send commits; its answer is "lost" and the SDK sends the very same request again.
    const retrying = {
      send: async (command: Parameters<typeof table.client.send>[0]) => {
        await table.client.send(command);
        return table.client.send(command);
      },
    } as Pick<typeof table.client, 'send'>;
    const log = new DynamoDbDeliveryLog({
      client: retrying,
      tableName: table.tableName,
      now: manualClock().now,
    });
    expect(await log.rememberDelivery('UPDATE_EVENT:55521099:2025-06-01T10:00:00Z', 3)).toBe(true);
    expect(await logAt(manualClock()).rememberDelivery('UPDATE_EVENT:55521099:2025-06-01T10:00:00Z', 3)).toBe(
      false,
    );
  });

  it('tells deliveries with different keys apart', async () => {
    const log = logAt(manualClock());

    expect(await log.rememberDelivery('UPDATE_EVENT:55521002:2025-06-01T10:00:00Z', 3)).toBe(true);
    expect(await log.rememberDelivery('UPDATE_EVENT:55521002:2025-06-01T11:00:00Z', 3)).toBe(true);
  });

  it('still knows a delivery on its last day and forgets it once expired, although TTL has not deleted it', async () => {
    const clock = manualClock();
    const log = logAt(clock);
    await log.rememberDelivery('CREATE_EVENT:55521003:t1', 3);

    clock.advance(3 * DAY_MS - 1000);
    expect(await log.rememberDelivery('CREATE_EVENT:55521003:t1', 3)).toBe(false);

    clock.advance(2000);
    expect(await log.rememberDelivery('CREATE_EVENT:55521003:t1', 3)).toBe(true);
  });

  it('accepts a delivery again after it was forgotten', async () => {
    const log = logAt(manualClock());
    await log.rememberDelivery('UPDATE_EVENT:55521004:t1', 3);

    await log.forgetDelivery('UPDATE_EVENT:55521004:t1');

    expect(await log.rememberDelivery('UPDATE_EVENT:55521004:t1', 3)).toBe(true);
  });

  it('lets exactly one of twenty simultaneous identical deliveries through', async () => {
    const clock = manualClock();
    const first = await Promise.all(
      Array.from({ length: 20 }, () => logAt(clock).rememberDelivery('UPDATE_EVENT:55521005:t1', 3)),
    );

    expect(first.filter(Boolean)).toHaveLength(1);
  });

  it('stores the key hashed, with an expiry in epoch seconds for DynamoDB TTL', async () => {
    const clock = manualClock();
    await logAt(clock).rememberDelivery('UPDATE_EVENT:55521006:t1', 3);
    const pk = `DELIVERY#${createHash('sha256').update('UPDATE_EVENT:55521006:t1').digest('hex')}`;

    const { Item } = await table.client.send(new GetCommand({ TableName: table.tableName, Key: { pk } }));

    expect(Item).toEqual({
      pk,
      deliveredAt: '2025-06-01T12:00:00.000Z',
      expiresAt: Math.floor(clock.now() / 1000) + 3 * 86_400,
      attempt: expect.any(String),
    });
  });

  it('refuses a retention that is not a whole number of days', async () => {
    await expect(logAt(manualClock()).rememberDelivery('UPDATE_EVENT:55521007:t1', 0.5)).rejects.toThrow(
      'ttlDays',
    );
  });
});
