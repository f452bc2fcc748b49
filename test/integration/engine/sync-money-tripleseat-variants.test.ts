import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncEvent } from '#functions/core/engine/sync-event';
import type { TripleSeatBehaviour } from '../../../dev/sandbox';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { closedInRevel } from '../../support/revel-till';

/**
 * An event with an order discount, a service charge and two payments — a deposit and the balance —
 * paid in full, read in every shape the public record shows (docs/vendors/sandbox-money.md,
 * "TripleSeat sandbox": where payments live, how documents are named, an invoice page that lists
 * each payment and then their total). 55521619 (JSON line items) and 55521622 (invoice page only)
 * gain a second payment of their balance.
 */
let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(async () => {
  await h.close();
});

const opts = { correlationId: 'it-money-variants' };
const ordersFor = (eventId: string) =>
  h.sandboxes.revel.orders().filter((o) => String(o.local_id).endsWith(`_${eventId}`));

/** Pays the event's balance on the day before it, so nothing is due. */
function payInFull(eventId: string): void {
  const event = h.sandboxes.tripleseat.event(eventId);
  if (!event) throw new Error(`no sandbox event ${eventId}`);
  const [month, day, year] = event.event_date.split('/').map(Number);
  const before = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) - 1));
  const date = `${String(before.getUTCMonth() + 1).padStart(2, '0')}/${String(before.getUTCDate()).padStart(2, '0')}/${before.getUTCFullYear()}`;
  const balance = {
    id: 889_001,
    amount: event.amount_due,
    date,
    kind: 'payment' as const,
    payment_method: 'Check',
  };
  h.sandboxes.tripleseat.updateEvent(eventId, {
    payments: [...event.payments, balance],
    amount_due: '0.00',
    documents: event.documents.map((d) => ({ ...d, financials: { ...d.financials, amount_due: '0.00' } })),
  });
}

const variants: { behaviour: Partial<TripleSeatBehaviour> }[] = [
  { behaviour: { paymentsIn: 'payment_set', documentName: 'title' } },
  { behaviour: { paymentsIn: 'payment_set', documentName: 'name' } },
  { behaviour: { paymentsIn: 'event', documentName: 'title' } },
  { behaviour: { paymentsIn: 'event', documentName: 'name' } },
];

describe('a discounted, service-charged event paid in full by a deposit and a second payment', () => {
  it.each([
    ...variants.map((v) => ({
      ...v,
      id: '55521619',
      total: 231.08,
      discount: 20,
      fee: 36,
      paid: [50, 181.08],
    })),
    ...[...variants, { behaviour: { paymentsIn: 'deposit_amount' as const } }].map((v) => ({
      behaviour: { ...v.behaviour, invoicePaymentRows: true },
      id: '55521622',
      total: 437.76,
      discount: 40,
      fee: 68.2,
      paid: [100, 337.76],
    })),
  ])(
    'ends injected and closed with both payments once, served as $behaviour (event $id)',
    async ({ behaviour, id, total, discount, fee, paid }) => {
      h.sandboxes.tripleseat.behave(behaviour);
      payInFull(id);
      expect(await syncEvent(id, h.deps(), opts)).toMatchObject({ status: 'injected', reason: null });
      const [order, ...others] = ordersFor(id);
      expect(others).toHaveLength(0);
      expect(order).toMatchObject({ final_total: total, remaining_due: 0 });
      // Closed through its history row; the sandbox, like (perhaps) Revel, leaves Order.closed alone.
      expect(order?.closed).toBe(false);
      expect(closedInRevel(order)).toBe(true);
      expect(Number(order?.discount_amount)).toBe(discount);
      expect(order?.serviceFees.map((f) => f.amount)).toEqual([fee]);
      expect(order?.payments.map((p) => [p.payment_type, p.amount])).toEqual(paid.map((a) => [236, a]));
    },
  );

  it('fails TOTALS_DO_NOT_ADD_UP and writes nothing when only deposit_amount tells what was paid: the second payment is nowhere to read', async () => {
    h.sandboxes.tripleseat.behave({ paymentsIn: 'deposit_amount' });
    payInFull('55521619');
    const result = await syncEvent('55521619', h.deps(), opts);
    expect(result).toMatchObject({ status: 'failed', reason: 'TOTALS_DO_NOT_ADD_UP', retryable: false });
    expect(h.sandboxes.revel.requestLog().filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('still injects a deposit-only event when only deposit_amount tells what was paid', async () => {
    h.sandboxes.tripleseat.behave({ paymentsIn: 'deposit_amount' });
    expect(await syncEvent('55521619', h.deps(), opts)).toMatchObject({ status: 'injected' });
    expect(ordersFor('55521619')[0]?.payments.map((p) => p.amount)).toEqual([50]);
  });
});
