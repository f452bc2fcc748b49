import { describe, expect, it } from 'vitest';
import { detectEventShapes } from '#functions/tripleseat/event-shapes';

const event = (fields: Record<string, unknown>) => ({
  event: { id: 55521609, status: 'DEFINITE', event_date: '12/28/2025', ...fields },
});

describe('detectEventShapes', () => {
  it('finds payments in documents[].payment_set.payments[] and counts the paid ones', () => {
    const shapes = detectEventShapes(
      event({
        documents: [
          {
            id: 296467,
            title: 'Invoice',
            payment_set: {
              payments: [
                { id: 1, amount: '10.00', state: 'paid' },
                { id: 2, amount: '5.00', state: 'paid' },
                { id: 3, amount: '18.38', state: 'scheduled' },
              ],
            },
          },
        ],
      }),
    );
    expect(shapes.paymentsIn).toEqual(['documents[].payment_set.payments[] (3, 2 paid)']);
    expect(shapes.documentNaming).toEqual(['title']);
  });

  it('finds event payments[] and a deposit_amount, and names documents by name', () => {
    const shapes = detectEventShapes(
      event({
        deposit_amount: '100.00',
        payments: [{ amount: '100.00', kind: 'deposit' }],
        documents: [{ id: 1, name: 'Invoice', line_items: [] }],
      }),
    );
    expect(shapes.paymentsIn).toEqual(['event payments[] (1)', 'deposit_amount']);
    expect(shapes.documentNaming).toEqual(['name']);
    expect(shapes.documentsWithLineItems).toBe(1);
  });

  it('reports only deposit_amount when that is all the account sends, and no payment at all when it is zero', () => {
    expect(detectEventShapes(event({ deposit_amount: '25.00' })).paymentsIn).toEqual(['deposit_amount']);
    expect(detectEventShapes(event({ deposit_amount: '0.00' })).paymentsIn).toEqual([]);
  });

  it('tells event billing rows from document billing rows, and a document with only an invoice view', () => {
    const shapes = detectEventShapes(
      event({
        billing_totals: [{ name: 'Grand Total', total: '33.38' }],
        documents: [
          {
            id: 7,
            billing_totals: [
              { billing_id: 1, description: 'Service Charge', value: '20', total_price: '4.00' },
            ],
            views: [{ name: 'Invoice', url: 'https://portal.tripleseat.com/doc/abc/7' }],
          },
        ],
      }),
    );
    expect(shapes.billingRows).toEqual(['event billing_totals ×1', 'document billing_totals ×1']);
    expect(shapes.documentsWithInvoiceViewOnly).toBe(1);
    expect(shapes.documentsWithLineItems).toBe(0);
  });

  it('says when our event reader refuses the event', () => {
    expect(detectEventShapes({ event: { id: 1, status: 'DEFINITE' } }).readError).toContain(
      'no usable event_date',
    );
    expect(detectEventShapes(event({})).readError).toBeUndefined();
  });
});
