import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectOrderShapes } from '#functions/revel/order-shapes';

const captured = JSON.parse(
  readFileSync('test/contract/vendor-samples/revel/11-order-10684118.json', 'utf8'),
) as Record<string, unknown>;

describe('detectOrderShapes', () => {
  it('reads a captured real order: fees in service_fee_untaxed/_taxed/_tax and applied_service_fee[], no service_fee_amount', () => {
    const shapes = detectOrderShapes(captured);
    expect(shapes).toMatchObject({
      orderId: 10684118,
      feeFields: [
        'service_fee_untaxed',
        'service_fee_taxed',
        'service_fee_tax',
        'service_charge',
        'applied_service_fee[]',
      ],
      closedType: 'boolean',
      closed: false,
      localIdType: 'string',
      subtotalCents: 1000,
      serviceFeeCents: 0,
      deleted: false,
    });
  });

  it('reports a numeric local_id and a 0/1 closed as the older orders carry them', () => {
    const shapes = detectOrderShapes({ id: 57189, local_id: 57189, closed: 1, service_fee_amount: '2.00' });
    expect(shapes).toMatchObject({
      localIdType: 'number',
      closedType: 'number',
      closed: true,
      feeFields: ['service_fee_amount'],
    });
    expect(shapes.serviceFeeCents).toBeUndefined();
  });
});
