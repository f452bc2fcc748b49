import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  idFromUri,
  revelOrderItemSchema,
  revelOrderSchema,
  revelProductSchema,
  tastypieList,
} from '#functions/revel/schemas';

describe('idFromUri', () => {
  it('reads the id at the end of a Revel resource URI, with or without the trailing slash', () => {
    expect(idFromUri('/enterprise/Establishment/4/')).toBe(4);
    expect(idFromUri('/resources/Order/10684118')).toBe(10684118);
    expect(idFromUri('https://acme.revelup.com/resources/Product/579/')).toBe(579);
  });

  it('gives undefined for anything that does not end in a positive id', () => {
    expect(idFromUri('/resources/Order/')).toBeUndefined();
    expect(idFromUri('/resources/Order/0/')).toBeUndefined();
    expect(idFromUri('not a uri')).toBeUndefined();
  });

  it('round-trips every positive id through a resource URI', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (id) => {
        expect(idFromUri(`/resources/Order/${id}/`)).toBe(id);
      }),
    );
  });
});

describe('Revel schemas', () => {
  it('reads product prices given as a string or a float into cents, keeping extra fields out', () => {
    const list = tastypieList(revelProductSchema).parse({
      meta: { limit: 250, offset: 0, next: null, previous: null, total_count: 2 },
      objects: [
        { id: 579, name: ' MAPLE BAR ', price: '1.700000', active: true, sku: 'MB', barcode: null },
        { id: 580, name: 'Coffee', price: 10.0, active: false },
      ],
    });
    expect(list.objects).toEqual([
      { id: 579, name: 'MAPLE BAR', priceCents: 170, active: true },
      { id: 580, name: 'Coffee', priceCents: 1000, active: false },
    ]);
  });

  it('turns an order with URI references into the engine model', () => {
    const order = revelOrderSchema.parse({
      id: 10684118,
      resource_uri: '/resources/Order/10684118/',
      uuid: '3e60a1b2-0000-4000-8000-000000000000',
      establishment: '/enterprise/Establishment/4/',
      local_id: 'Triple Seat_55521609',
      subtotal: 10.0,
      final_total: '10.000000',
      applied_taxes: [{ name: 'Default Tax', tax_rate: '8.3750' }],
    });
    expect(order).toEqual({
      id: 10684118,
      uuid: '3e60a1b2-0000-4000-8000-000000000000',
      localId: 'Triple Seat_55521609',
      establishmentId: 4,
      subtotalCents: 1000,
      finalTotalCents: 1000,
    });
  });

  it('accepts null for optional order fields and string ids', () => {
    const order = revelOrderSchema.parse({
      id: '12',
      uuid: null,
      local_id: null,
      establishment: null,
      subtotal: null,
    });
    expect(order).toEqual({
      id: 12,
      uuid: undefined,
      localId: undefined,
      establishmentId: undefined,
      subtotalCents: undefined,
      finalTotalCents: undefined,
    });
  });

  it('reads order item references and a quantity sent as text', () => {
    const item = revelOrderItemSchema.parse({
      id: 9,
      uuid: 'u',
      order: '/resources/Order/42/',
      product: '/resources/Product/579/',
      quantity: '6',
    });
    expect(item).toEqual({ id: 9, uuid: 'u', orderId: 42, productId: 579, quantity: 6 });
  });

  it('reads the item name an order item carries in product_name_override or special_request', () => {
    const base = { id: 9, order: '/resources/Order/42/', product: '/resources/Product/601/', quantity: 1 };
    expect(
      revelOrderItemSchema.parse({ ...base, product_name_override: 'Unicorn Cake', special_request: '' }),
    ).toMatchObject({ nameOverride: 'Unicorn Cake', specialRequest: undefined });
    expect(
      revelOrderItemSchema.parse({ ...base, product_name_override: null, special_request: 'Unicorn Cake' }),
    ).toMatchObject({ nameOverride: undefined, specialRequest: 'Unicorn Cake' });
    expect(revelOrderItemSchema.parse({ ...base, product_name_override: 7 })).toMatchObject({
      nameOverride: undefined,
    });
  });

  it('reads a product category given with its name, and no category from a bare reference', () => {
    const named = revelProductSchema.parse({ id: 1, name: 'Cake', price: 65, category: { name: 'Bakery' } });
    expect(named.category).toBe('Bakery');
    const uri = revelProductSchema.parse({ id: 1, name: 'Cake', category: '/products/ProductCategory/3/' });
    expect(uri.category).toBeUndefined();
  });

  it('rejects a money field that is not an amount', () => {
    expect(revelProductSchema.safeParse({ id: 1, name: 'x', price: 'free', active: true }).success).toBe(
      false,
    );
  });
});
