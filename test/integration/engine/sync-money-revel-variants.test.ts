import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncConfig } from '#functions/core/config/sync-config';
import { syncEvent } from '#functions/core/engine/sync-event';
import type { SandboxOrder } from '../../../dev/sandbox';
import type { RevelBehaviour } from '../../../dev/sandbox/revel-store';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { closedInRevel } from '../../support/revel-till';

/**
 * The money read-back against every Revel the public record allows (docs/vendors/sandbox-money.md,
 * "Revel sandbox"): field names as captured orders carry them, `Order.closed` set by the history row
 * or not, fee fields following the rows or not, old field types, timestamps with microseconds, no
 * payment uuids, totals reset by items. Where the figures match, no variant may raise a mismatch;
 * where Revel holds another figure, every variant must.
 */
let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(async () => {
  await h.close();
});

const opts = { correlationId: 'it-money-variants' };
const EVENT = '55521619';
const orderOf = (eventId: string): SandboxOrder | undefined =>
  h.sandboxes.revel.orders().find((o) => String(o.local_id).endsWith(`_${eventId}`));

/**
 * Event 55521619 (200.00 − discount 20.00 + Service Charge (20%) 36.00 + tax 15.08 = 231.08, a 50.00
 * deposit) with its balance of 181.08 paid too: a discount, a service charge, two payments, paid in full.
 */
function paidInFull(): void {
  const event = h.sandboxes.tripleseat.event(EVENT);
  const deposit = event?.payments[0];
  if (!event || !deposit) throw new Error(`seeded event ${EVENT} has no deposit`);
  h.sandboxes.tripleseat.setEvent({
    ...event,
    amount_due: '0.00',
    payments: [...event.payments, { ...deposit, id: deposit.id + 1, amount: '181.08', kind: 'payment' }],
    documents: event.documents.map((d) => ({ ...d, financials: { ...d.financials, amount_due: '0.00' } })),
  });
}

/** The Downtown service charge written as the open-price fee product (999) instead of ServiceFee 41. */
const chargeAsProduct = (config: SyncConfig): SyncConfig => ({
  ...config,
  locations: config.locations.map((l) =>
    l.revel.establishmentId !== 4
      ? l
      : {
          ...l,
          revel: {
            ...l.revel,
            charges: {
              mapping: l.revel.charges.mapping.map((m) =>
                m.kind === 'service_charge' ? { kind: m.kind, productId: 999 } : m,
              ),
            },
          },
        },
  ),
});

const variants: { name: string; behaviour: Partial<RevelBehaviour> }[] = [
  { name: 'public field names, closing not reflected on Order.closed (the default)', behaviour: {} },
  { name: 'closing reflected on Order.closed', behaviour: { closeFlipsOrder: true } },
  { name: 'fee fields following the AppliedServiceFee rows', behaviour: { feeFieldsFromRows: true } },
  { name: 'old field types (closed 0/1)', behaviour: { legacyFieldTypes: true } },
  {
    name: 'old field types with closing on Order.closed',
    behaviour: { legacyFieldTypes: true, closeFlipsOrder: true },
  },
  {
    name: 'timestamps with microseconds and no payment uuids',
    behaviour: { fractionalTimestamps: true, dropPaymentUuids: true },
  },
  { name: 'totals reset by the items (healed by one PATCH)', behaviour: { resetTotalsOnItems: true } },
  {
    name: 'every switch at once',
    behaviour: {
      closeFlipsOrder: true,
      feeFieldsFromRows: true,
      legacyFieldTypes: true,
      fractionalTimestamps: true,
      dropPaymentUuids: true,
      resetTotalsOnItems: true,
    },
  },
];

const chargeWays = [
  { way: 'an AppliedServiceFee', config: (c: SyncConfig) => c },
  { way: 'the open-price fee product', config: chargeAsProduct },
];

describe('a paid event with a discount, a service charge and two payments, against each Revel variant', () => {
  for (const { name, behaviour } of variants) {
    for (const { way, config } of chargeWays) {
      it(`ends injected and closed, not RECONCILIATION_MISMATCH: ${name}, the charge as ${way}`, async () => {
        h.sandboxes.revel.behave(behaviour);
        paidInFull();
        const result = await syncEvent(EVENT, h.deps({ config: config(h.config) }), opts);
        expect(result).toMatchObject({ status: 'injected', reason: null });
        const order = orderOf(EVENT);
        expect(closedInRevel(order)).toBe(true);
        expect(order).toMatchObject({ final_total: 231.08, remaining_due: 0 });
        expect(order?.payments.map((p) => p.amount)).toEqual([50, 181.08]);
        const chargeInRevel =
          way === 'an AppliedServiceFee'
            ? order?.serviceFees.map((f) => f.amount)
            : order?.items.filter((i) => i.product === '/resources/Product/999/').map((i) => i.price);
        expect(chargeInRevel).toEqual([36]);
      });
    }
  }

  it('is found complete, not re-written, when synced again with every switch on', async () => {
    h.sandboxes.revel.behave({ feeFieldsFromRows: true, legacyFieldTypes: true, fractionalTimestamps: true });
    paidInFull();
    expect((await syncEvent(EVENT, h.deps(), opts)).status).toBe('injected');
    expect(await syncEvent(EVENT, h.deps(), opts)).toMatchObject({ status: 'skipped', reason: 'DUPLICATE' });
    expect(h.sandboxes.revel.orders().filter((o) => String(o.local_id).endsWith(`_${EVENT}`))).toHaveLength(
      1,
    );
  });
});

describe('a real difference still ends RECONCILIATION_MISMATCH, whatever the variant', () => {
  const differences = [
    {
      what: 'a service fee Revel holds at another amount',
      path: '/resources/AppliedServiceFee/',
      set: { amount: 30 },
      names: 'service fees: TripleSeat 36.00, Revel 30.00',
    },
    {
      what: 'a payment Revel holds at another amount',
      path: '/resources/Payment/',
      set: { amount: 100 },
      names: 'payments: TripleSeat 231.08, Revel 281.08',
    },
    {
      what: 'a history row Revel keeps open',
      path: '/resources/OrderHistory/',
      set: { closed: null },
      names: 'closed: TripleSeat paid in full, Revel open',
    },
  ];
  const behaviours: { name: string; behaviour: Partial<RevelBehaviour> }[] = [
    { name: 'the default', behaviour: {} },
    {
      name: 'closing on Order.closed and fee fields from rows',
      behaviour: { closeFlipsOrder: true, feeFieldsFromRows: true },
    },
    { name: 'old field types', behaviour: { legacyFieldTypes: true } },
  ];
  for (const { what, path, set, names } of differences) {
    for (const { name, behaviour } of behaviours) {
      it(`names ${what} (${name})`, async () => {
        h.sandboxes.revel.behave(behaviour);
        paidInFull();
        h.sandboxes.faults.add({
          vendor: 'revel',
          method: 'POST',
          path,
          action: { kind: 'alter-body', set },
        });
        const result = await syncEvent(EVENT, h.deps(), opts);
        expect(result).toMatchObject({
          status: 'failed',
          reason: 'RECONCILIATION_MISMATCH',
          retryable: false,
        });
        expect(result.error).toContain(names);
      });
    }
  }
});
