import { describe, expect, it } from 'vitest';
import type { DriftAlert } from '#functions/core/deps/drift-deps';
import { driftAlertMail } from '#functions/core/notify/drift-mails';

const settings = {
  from: 'sync@example.com',
  to: ['ops@example.com'],
  onInjected: true,
  onFailed: true,
  digest: true,
};
const alert = (over: Partial<DriftAlert['change']> = {}): DriftAlert => ({
  eventId: '55521609',
  eventName: 'Ponder <Holiday> Breakfast',
  revelOrderId: '10684118',
  policy: 'alert',
  correlationId: 'corr-drift',
  change: {
    hash: 'h',
    fields: ['items', 'money'],
    changes: [
      {
        field: 'items',
        before: '8 × Maple Bar @ 2.50',
        after: '8 × Maple Bar @ 2.50; 6 × Apple Fritter @ 3.25',
      },
      { field: 'money', before: 'subtotal 20.00', after: 'subtotal 39.50' },
    ],
    detectedAt: '2026-11-27T16:05:00.000Z',
    ...over,
  },
});

describe('the drift alert', () => {
  it('names the order and the changed fields, with a before/after table, escaped in HTML', () => {
    const mail = driftAlertMail(settings, alert());

    expect(mail.subject).toBe(
      '[TripleSeat→Revel] Event 55521609 (Ponder <Holiday> Breakfast) changed in TripleSeat after Revel order 10684118 was written: items, money',
    );
    expect(mail.text).toContain(
      'Items | 8 × Maple Bar @ 2.50 | 8 × Maple Bar @ 2.50; 6 × Apple Fritter @ 3.25',
    );
    expect(mail.text).toContain('Revel order 10684118 was left as written');
    expect(mail.html).toContain('Ponder &lt;Holiday&gt; Breakfast');
  });

  it('says what was added under append-missing-items', () => {
    const mail = driftAlertMail(settings, {
      ...alert({ appended: [{ name: 'Apple Fritter', quantity: 6 }] }),
      policy: 'append-missing-items',
    });

    expect(mail.text).toContain('Added to Revel order 10684118: 6 × Apple Fritter.');
    expect(mail.text).toContain("The order's totals, payments and amount due were not updated");
    expect(mail.text).toContain('Nothing was removed or repriced');
  });

  it('says Revel refused the missing items, and why, when they could not be added', () => {
    const mail = driftAlertMail(settings, {
      ...alert({ appendError: 'Revel refused the order item (400): product is not available' }),
      policy: 'append-missing-items',
    });

    expect(mail.text).toContain(
      'The missing items could not be added to Revel order 10684118: Revel refused the order item (400): product is not available',
    );
    expect(mail.text).not.toContain('left as written');
  });

  it('asks for a review of the order of a lost event', () => {
    const mail = driftAlertMail(
      settings,
      alert({ fields: ['status'], changes: [{ field: 'status', before: 'DEFINITE', after: 'LOST' }] }),
    );

    expect(mail.subject).toContain('marked LOST in TripleSeat; Revel order 10684118 still exists');
    expect(mail.text).toContain('void it in Revel if the event is really cancelled');
  });

  const paid = {
    fields: ['payments' as const],
    changes: [
      {
        field: 'payments' as const,
        before: 'paid 10.00; due 37.69; deposit 10.00 on 2026-11-24',
        after: 'paid 47.69; due 0.00; deposit 10.00 on 2026-11-24; payment 37.69 on 2026-11-27',
      },
    ],
  };

  it('says which payment was written, the amount due now and that the order was closed', () => {
    const mail = driftAlertMail(
      settings,
      alert({
        ...paid,
        paymentsUpdate: {
          written: [{ cents: 3769, createdDate: '2026-11-27T12:00:01' }],
          remainingDueCents: 0,
          closed: true,
        },
      }),
    );

    expect(mail.subject).toContain('after Revel order 10684118 was written: payments');
    expect(mail.text).toContain(
      'Paid in TripleSeat after the order was written, now a payment on Revel order 10684118: 37.69 (2026-11-27T12:00:01).',
    );
    expect(mail.text).toContain('Amount due on Revel order 10684118 set to 0.00.');
    expect(mail.text).toContain('Revel order 10684118 was closed: its payments make its total.');
    expect(mail.text).not.toContain('was left as written');
  });

  it('tells the cashier when a refund left the order as written', () => {
    const mail = driftAlertMail(
      settings,
      alert({ ...paid, paymentsUpdate: { written: [], closed: false, notDone: 'a payment was refunded' } }),
    );

    expect(mail.text).toContain(
      'The payments of Revel order 10684118 were not changed (a payment was refunded): tell the cashier.',
    );
    expect(mail.text).toContain('Revel order 10684118 was left as written');
  });
});
