import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncEvent } from '#functions/core/engine/sync-event';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

// The test-establishment switch (connector.testLocation): a Downtown event (establishment 4) goes to
// the Denver establishment (7, which sells the same items) while it is on.
const EVENT = '55521609';
const opts = { correlationId: 'test-switch' };

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(async () => {
  await h.close();
});

const establishmentsOf = (eventId: string) =>
  h.sandboxes.revel
    .orders()
    .filter((o) => String(o.local_id).endsWith(`_${eventId}`))
    .map((o) => String(o.establishment));

const switchedOn = () => {
  const denver = h.config.locations.find((l) => l.revel.establishmentId === 7);
  if (!denver) throw new Error('the example config has Denver (establishment 7)');
  return { ...h.config, connector: { ...h.config.connector, testLocation: denver.revel } };
};

describe('the test-establishment switch', () => {
  it('records where the order went, and once off the real establishment gets its own order', async () => {
    const onTest = await syncEvent(EVENT, h.deps({ config: switchedOn() }), opts);
    expect(onTest.status).toBe('injected');
    expect(await h.ledger.get(EVENT)).toMatchObject({ status: 'injected', testEstablishmentId: 7 });
    const again = await syncEvent(EVENT, h.deps({ config: switchedOn() }), opts);
    expect(again).toMatchObject({ status: 'skipped', reason: 'DUPLICATE' });

    const switchedOff = await syncEvent(EVENT, h.deps(), opts);
    expect(switchedOff.status).toBe('injected');
    expect(switchedOff.revel_order_id).not.toBe(onTest.revel_order_id);
    expect(establishmentsOf(EVENT).sort()).toEqual([
      '/enterprise/Establishment/4/',
      '/enterprise/Establishment/7/',
    ]);
    const record = await h.ledger.get(EVENT);
    expect(record?.revelOrderId).toBe(switchedOff.revel_order_id);
    expect(record?.testEstablishmentId).toBeUndefined();
    expect(record?.progress.establishmentId).toBe(4);

    const later = await syncEvent(EVENT, h.deps(), opts);
    expect(later).toMatchObject({
      status: 'skipped',
      reason: 'DUPLICATE',
      revel_order_id: switchedOff.revel_order_id,
    });
    expect(establishmentsOf(EVENT)).toHaveLength(2);
  });

  it('writes the test order under other uuids than the real order', async () => {
    await syncEvent(EVENT, h.deps({ config: switchedOn() }), opts);
    await syncEvent(EVENT, h.deps(), opts);
    const uuids = h.sandboxes.revel
      .orders()
      .filter((o) => String(o.local_id).endsWith(`_${EVENT}`))
      .map((o) => o.uuid);
    expect(new Set(uuids).size).toBe(2);
  });
});
