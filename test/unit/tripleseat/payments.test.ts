import { describe, expect, it } from 'vitest';
import { tripleSeatEventSchema } from '#functions/tripleseat/schemas';

const baseEvent = { id: 55500001, name: 'Model event', status: 'DEFINITE', event_date_iso8601: '2025-12-28' };

const setPayment = (extra: Record<string, unknown>) => ({
  id: 9001,
  amount: '10.00',
  state: 'paid',
  paid_at: '2025-12-01T10:05:00-08:00',
  billing_kind: 'deposit',
  payment_method: 'credit_card',
  amount_refunded: '0.00',
  refunded_at: null,
  ...extra,
});

const invoice = (payments: unknown[], extra: Record<string, unknown> = {}) => ({
  id: 296467,
  title: 'Invoice',
  financials: { amount_due: '18.38', grand_total: '33.38', discounts_total: '0.00' },
  payment_set: { amount_due: '18.38', payments },
  ...extra,
});

const parse = (extra: Record<string, unknown>) => tripleSeatEventSchema.safeParse({ ...baseEvent, ...extra });
const paymentsOf = (extra: Record<string, unknown>) => {
  const parsed = parse(extra);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message);
  return parsed.data.money?.payments;
};
const refusal = (extra: Record<string, unknown>) => {
  const parsed = parse(extra);
  if (parsed.success)
    throw new Error(`expected a refusal, read ${JSON.stringify(parsed.data.money?.payments)}`);
  return parsed.error.issues[0]?.message ?? '';
};

const deposit = setPayment({});
const progress = setPayment({
  id: 9002,
  amount: '5.00',
  paid_at: '2025-12-15T10:02:00-08:00',
  billing_kind: 'payment',
});
const scheduled = setPayment({
  id: 9003,
  amount: '18.38',
  state: 'unpaid',
  paid_at: null,
  billing_kind: 'payment',
});

describe("reading what a guest paid from a document's payment_set", () => {
  it('counts only the paid payments, with their id, paid_at day and deposit kind', () => {
    expect(
      paymentsOf({ deposit_amount: '10.00', documents: [invoice([deposit, progress, scheduled])] }),
    ).toEqual([
      { id: '9001', cents: 1000, date: '2025-12-01', kind: 'deposit' },
      { id: '9002', cents: 500, date: '2025-12-15', kind: 'payment' },
    ]);
  });

  it('takes a refund off the payment it was made on, and drops one refunded in full', () => {
    const partly = setPayment({ id: 1, amount: '50.00', amount_refunded: '20.00', billing_kind: 'payment' });
    const whole = setPayment({ id: 2, amount: '30.00', amount_refunded: '30.00', billing_kind: 'payment' });
    expect(paymentsOf({ documents: [invoice([partly, whole])] })).toEqual([
      { id: '1', cents: 3000, date: '2025-12-01', kind: 'payment' },
    ]);
  });

  it('counts a payment listed both in payment_set and in the event-level payments[] once, by id', () => {
    const payments = [{ id: 9002, amount: '5.00', date: '12/15/2025', kind: 'payment' }];
    expect(paymentsOf({ documents: [invoice([deposit, progress])], payments })).toHaveLength(2);
  });

  it('counts a payment listed in both places without ids once, by amount and day', () => {
    const withoutId = setPayment({ id: null, amount: '5.00', paid_at: '2025-12-15T10:02:00-08:00' });
    const payments = [
      { amount: '5.00', date: '12/15/2025', kind: 'deposit' },
      { amount: '7.00', date: '12/20/2025', kind: 'payment' },
    ];
    expect(paymentsOf({ documents: [invoice([withoutId])], payments })).toEqual([
      { cents: 500, date: '2025-12-15', kind: 'deposit' },
      { cents: 700, date: '2025-12-20', kind: 'payment' },
    ]);
  });

  it('counts a payment repeated on two documents once', () => {
    const proposal = { ...invoice([deposit]), id: 296466, title: 'Proposal' };
    expect(paymentsOf({ documents: [proposal, invoice([deposit, progress])] })).toHaveLength(2);
  });

  it('refuses a payment whose two listings disagree on its amount', () => {
    const payments = [{ id: 9002, amount: '6.00', date: '12/15/2025' }];
    expect(refusal({ documents: [invoice([deposit, progress])], payments })).toContain(
      'payment 9002 is 5.00 in one place and 6.00',
    );
  });

  it('checks deposit_amount against the itemised deposits and refuses a deposit they cannot explain', () => {
    expect(paymentsOf({ deposit_amount: '10.00', documents: [invoice([deposit, progress])] })).toHaveLength(
      2,
    );
    expect(paymentsOf({ deposit_amount: '0.00', documents: [invoice([progress])] })).toHaveLength(1);
    expect(refusal({ deposit_amount: '25.00', documents: [invoice([deposit, progress])] })).toContain(
      'deposit_amount 25.00 does not match the itemised deposits (paid 10.00)',
    );
  });

  it('still reads a bare deposit_amount as one deposit when nothing is itemised', () => {
    expect(paymentsOf({ deposit_amount: '10.00', documents: [invoice([])] })).toEqual([
      { cents: 1000, date: undefined, kind: 'deposit', summary: true },
    ]);
    expect(paymentsOf({ documents: [invoice([])] })).toEqual([]);
  });

  it('refuses a payment_set whose amount_due differs from the financials', () => {
    const document = invoice([deposit], { payment_set: { amount_due: '20.00', payments: [deposit] } });
    expect(refusal({ documents: [document] })).toContain(
      'payment_set.amount_due 20.00 differs from financials.amount_due 18.38',
    );
  });

  it('refuses a payment_set payment whose amount cannot be read, naming it', () => {
    expect(refusal({ documents: [invoice([setPayment({ amount: 'ten' })])] })).toContain(
      'payment_set payment 9001: amount "ten" is not an amount',
    );
  });
});

describe('reading a document', () => {
  it('names a document by its title, or by name where an account sends that', () => {
    const parsed = tripleSeatEventSchema.parse({
      ...baseEvent,
      documents: [
        { id: 1, title: 'Invoice' },
        { id: 2, name: 'Proposal' },
      ],
    });
    expect(parsed.documents.map((d) => d.name)).toEqual(['Invoice', 'Proposal']);
  });

  it("reads a document's own billing rows as its charges and taxes", () => {
    const parsed = tripleSeatEventSchema.parse({
      ...baseEvent,
      documents: [
        invoice([], {
          billing_totals: [
            { billing_id: 11, description: 'Service Charge', value: '20.0', total_price: '5.20' },
            { billing_id: 12, description: 'Sales Tax', value: '8.375', total_price: '2.18' },
          ],
        }),
      ],
    });
    expect(parsed.documents[0]?.money).toMatchObject({
      charges: [{ name: 'Service Charge', cents: 520, kind: 'service_charge' }],
      taxes: [{ name: 'Sales Tax', cents: 218 }],
      grandTotalCents: 3338,
      amountDueCents: 1838,
    });
  });

  it('refuses a document whose financials and billing rows disagree on its discounts', () => {
    const parsed = parse({
      documents: [
        invoice([], {
          financials: { grand_total: '33.38', discounts_total: '5.00' },
          billing_totals: [{ description: 'Discount', total_price: '-4.00' }],
        }),
      ],
    });
    expect(parsed.error?.issues[0]?.message).toContain(
      'financials say discounts 5.00 but the billing rows say 4.00',
    );
  });
});
