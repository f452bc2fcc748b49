import { describe, expect, it } from 'vitest';
import { mapSharingReadBack } from '#functions/core/concurrency/map-sharing-read-back';
import { BatchReadBack } from '#functions/core/order/batch-read-back';
import type { RevelApi } from '#functions/core/ports/revel-api';
import { FakeRevel } from '../../../support/fake-revel';
import { silentLogger } from '../../../support/silent-logger';

/** A Revel whose order list answers every id asked for, counting the shared reads. */
function countingRevel() {
  const asked: number[][] = [];
  const revel = new FakeRevel();
  revel.listOrdersById = async (_establishmentId, ids) => {
    asked.push([...ids]);
    return ids.map((id) => ({
      id,
      uuid: undefined,
      localId: undefined,
      establishmentId: 4,
      subtotalCents: 0,
      finalTotalCents: 0,
      taxCents: 0,
      remainingDueCents: 0,
      discountCents: 0,
      serviceFeeFieldsCents: 0,
      closed: false,
    }));
  };
  revel.listItemsOfOrders = async () => [];
  return { revel: revel as RevelApi, asked };
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('mapSharingReadBack', () => {
  it('reads the orders of every item together, though only two work at once', async () => {
    const { revel, asked } = countingRevel();
    const readBack = new BatchReadBack(revel, silentLogger);
    let working = 0;
    let most = 0;
    const { results } = await mapSharingReadBack(
      [1, 2, 3, 4, 5],
      2,
      readBack,
      undefined,
      async (id, shared) => {
        working += 1;
        most = Math.max(most, working);
        await pause();
        working -= 1;
        const rows = await shared.read({ establishmentId: 4, orderId: id, payments: false });
        return rows?.order.id;
      },
    );
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([[1, 2, 3, 4, 5]]);
    expect(most).toBe(2);
  });

  it('reads at most the batch size together', async () => {
    const { revel, asked } = countingRevel();
    const readBack = new BatchReadBack(revel, silentLogger, 3);
    await mapSharingReadBack([1, 2, 3, 4, 5], 5, readBack, undefined, (id, shared) =>
      shared.read({ establishmentId: 4, orderId: id, payments: false }),
    );
    expect(asked.map((ids) => ids.length)).toEqual([3, 2]);
  });

  it('does not wait for items never started once told to stop', async () => {
    const { revel, asked } = countingRevel();
    const readBack = new BatchReadBack(revel, silentLogger);
    let started = 0;
    const run = await mapSharingReadBack(
      [1, 2, 3, 4, 5],
      2,
      readBack,
      () => started >= 3,
      (id, shared) => {
        started += 1;
        return shared.read({ establishmentId: 4, orderId: id, payments: false });
      },
    );
    expect(run.notStarted).toBe(2);
    expect(asked).toEqual([[1, 2, 3]]);
  });

  it('does not keep the others waiting for an item that passes (a bulk run in a queue batch)', async () => {
    const { revel, asked } = countingRevel();
    const readBack = new BatchReadBack(revel, silentLogger);
    let releaseLongOne: () => void = () => {};
    const longOne = new Promise<void>((resolve) => {
      releaseLongOne = resolve;
    });
    const readsDone: number[] = [];
    const run = mapSharingReadBack([0, 1, 2], 3, readBack, undefined, async (id, shared) => {
      if (id === 0) {
        shared.pass();
        await longOne;
        return;
      }
      await shared.read({ establishmentId: 4, orderId: id, payments: false });
      readsDone.push(id);
    });
    while (readsDone.length < 2) await pause();
    expect(asked).toEqual([[1, 2]]);
    releaseLongOne();
    await run;
  });

  it('rethrows an item that throws, once the others have finished, and starts no further item', async () => {
    const { revel } = countingRevel();
    const readBack = new BatchReadBack(revel, silentLogger);
    const seen: number[] = [];
    const run = mapSharingReadBack([1, 2, 3], 1, readBack, undefined, async (id) => {
      seen.push(id);
      if (id === 1) throw new Error('boom');
    });
    await expect(run).rejects.toThrow('boom');
    expect(seen).toEqual([1]);
  });
});
