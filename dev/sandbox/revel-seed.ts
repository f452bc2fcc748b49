import { DateTime } from 'luxon';

/** A Revel resource as served: plain JSON with its id and URI (references are URIs too). */
export type RevelObject = Record<string, unknown> & { id: number; resource_uri: string };

export const revelCredentials = { apiKey: 'sandbox-api-key', apiSecret: 'sandbox-api-secret' } as const;

export const establishmentUri = (id: number) => `/enterprise/Establishment/${id}/`;
export const userUri = (id: number) => `/enterprise/User/${id}/`;
export const stationUri = (id: number) => `/resources/PosStation/${id}/`;
export const productUri = (id: number) => `/resources/Product/${id}/`;
export const orderUri = (id: number) => `/resources/Order/${id}/`;
export const discountUri = (id: number) => `/resources/Discount/${id}/`;
export const serviceFeeUri = (id: number) => `/resources/ServiceFee/${id}/`;

export const establishments = [
  { id: 4, name: 'Downtown', zone: 'America/Los_Angeles', taxRate: '8.3750' },
  { id: 7, name: 'Denver Taproom', zone: 'America/Denver', taxRate: '8.8100' },
] as const;

/** Catalogue per establishment: [id, name, price, active]. Downtown needs two pages at limit 20. */
export const productCatalogue: Record<number, [number, string, number, boolean][]> = {
  4: [
    [579, 'Maple Bar', 2.5, true],
    [580, 'Glazed Donut', 2.0, true],
    [581, 'Chocolate Croissant', 3.75, true],
    [582, 'Coffee Service (per guest)', 3.5, true],
    [583, 'Breakfast Burrito', 12.0, true],
    [584, 'Fruit Platter', 45.0, true],
    [585, 'Bagel Platter', 38.0, true],
    [586, 'Orange Juice Carafe', 18.0, true],
    [587, 'Old Fashioned Donut', 2.25, false],
    [588, 'Apple Fritter', 3.25, true],
    [589, 'Blueberry Muffin', 3.0, true],
    [590, 'Cinnamon Roll', 3.5, true],
    [591, 'Bear Claw', 3.25, true],
    [592, 'Boston Cream Donut', 2.75, true],
    [593, 'Jelly Donut', 2.5, true],
    [594, 'Sprinkle Donut', 2.25, true],
    [595, 'Cold Brew Carafe', 22.0, true],
    [596, 'Hot Tea Service (per guest)', 2.75, true],
    [597, 'Yogurt Parfait', 6.5, true],
    [598, 'Quiche Lorraine', 8.0, true],
    [599, 'Avocado Toast', 9.5, true],
    [600, 'Donut Dozen', 24.0, true],
    [601, 'Iced Coffee', 4.0, true],
    [602, 'Lemonade Carafe', 16.0, true],
    [603, 'Scone Assortment', 30.0, true],
    [999, 'Catering Open Item', 0, true],
  ],
  7: [
    [1201, 'Maple Bar', 2.75, true],
    [1202, 'Glazed Donut', 2.25, true],
    [1203, 'Chocolate Croissant', 4.0, true],
    [1204, 'Coffee Service (per guest)', 3.75, true],
    [1205, 'Green Chile Breakfast Burrito', 13.0, true],
    [1206, 'Fruit Platter', 48.0, true],
    [1207, 'Bagel Platter', 40.0, true],
    [1208, 'Orange Juice Carafe', 19.0, true],
    [1299, 'Catering Open Item', 0, true],
  ],
};

/**
 * Naive local store time, the only timestamp form Revel stores correctly
 * (docs/vendors/revel.md, "Creating an order").
 */
export const naiveLocal = (now: Date, zone: string): string =>
  DateTime.fromJSDate(now).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ss");

export const legacyOrderId = 10_677_136;
export const firstOrderId = 10_684_118;

export interface RevelSeed {
  Establishment: RevelObject[];
  User: RevelObject[];
  PosStation: RevelObject[];
  Product: RevelObject[];
  Order: RevelObject[];
  OrderItem: RevelObject[];
  Payment: RevelObject[];
  OrderHistory: RevelObject[];
  Discount: RevelObject[];
  ServiceFee: RevelObject[];
  AppliedServiceFee: RevelObject[];
  CustomPaymentType: RevelObject[];
}

/**
 * Discounts and service fees an operator would set up for TripleSeat: an open-amount "Triple Seat
 * Discount" (the production connector's, docs/vendors/revel.md, "Money on an order") and open "Service Charge" /
 * "Gratuity" fees per establishment, beside a fixed discount and an inactive one a client must not
 * pick. Field names beyond name/establishment/active are guesses (docs/vendors/sandbox-money.md).
 */
const discountSeed: [number, string, number, boolean, 'amount' | 'percent', number, boolean][] = [
  [3358, 'Triple Seat Discount', 4, true, 'amount', 0, true],
  [3359, 'Triple Seat Discount', 7, true, 'amount', 0, true],
  [3360, 'Staff 10%', 4, false, 'percent', 10, true],
  [3361, 'Holiday Promo 2024', 4, true, 'amount', 0, false],
];
const serviceFeeSeed: [number, string, number][] = [
  [41, 'Service Charge', 4],
  [42, 'Gratuity', 4],
  [43, 'Service Charge', 7],
  [44, 'Gratuity', 7],
];

/**
 * The "Triple Seat" tenders (custom payment types) an operator would set up per establishment, as
 * the production connector used 236 (docs/vendors/revel.md, "Money on an order"). Other payment
 * type ids are Revel's built-in tenders and accepted anywhere. The per-establishment split is a guess.
 */
export const tripleSeatTenders: readonly { id: number; establishment: number }[] = [
  { id: 236, establishment: 4 },
  { id: 237, establishment: 7 },
];

export function seedRevel(now: Date): RevelSeed {
  const downtownTime = naiveLocal(now, 'America/Los_Angeles');
  const legacy = orderUri(legacyOrderId);
  const common = { created_by: userUri(1), updated_by: userUri(1), station: stationUri(4) };
  return {
    Establishment: establishments.map((e) => ({
      id: e.id,
      resource_uri: establishmentUri(e.id),
      name: e.name,
      time_zone: e.zone,
      active: true,
    })),
    User: [
      {
        id: 1,
        resource_uri: userUri(1),
        username: 'tripleseat.connector',
        first_name: 'TripleSeat',
        active: true,
      },
      { id: 2, resource_uri: userUri(2), username: 'former.manager', first_name: 'Former', active: false },
    ],
    PosStation: [
      { id: 4, resource_uri: stationUri(4), name: 'Catering Desk', establishment: establishmentUri(4) },
      { id: 9, resource_uri: stationUri(9), name: 'Taproom Catering', establishment: establishmentUri(7) },
    ],
    Product: Object.entries(productCatalogue).flatMap(([establishment, products]) =>
      products.map(([id, name, price, active]) => ({
        id,
        resource_uri: productUri(id),
        name,
        price,
        cost: Math.round(price * 30) / 100,
        sku: `SKU-${id}`,
        barcode: '',
        active,
        establishment: establishmentUri(Number(establishment)),
      })),
    ),
    // The old connector's order for event 55521617, under its "Triple Seat {id}" local_id.
    Order: [
      {
        id: legacyOrderId,
        resource_uri: legacy,
        uuid: '6f1c2a9e-7d43-4a55-9b0e-2f0f3c1d5521',
        local_id: 'Triple Seat 55521617',
        establishment: establishmentUri(4),
        ...common,
        created_at: stationUri(4),
        last_updated_at: stationUri(4),
        dining_option: 113,
        pos_mode: 'Q',
        web_order: true,
        notes: 'Triple Seat Event #55521617',
        call_name: 'Marcus Reed | (555) 010-1617',
        created_date: downtownTime,
        updated_date: downtownTime,
        subtotal: 45.0,
        tax: 0.0,
        final_total: 45.0,
        remaining_due: 45.0,
        surcharge: 0.0,
        discount_amount: '0.000000',
        service_fee_untaxed: '0.000000',
        service_fee_taxed: '0.000000',
        service_fee_tax: '0.000000',
        service_charge: 0,
        applied_service_fee: [],
        closed: false,
        printed: true,
        has_items: true,
        orderhistory: ['/resources/OrderHistory/6765269/'],
        applied_taxes: [{ name: 'Default Tax', tax_rate: '8.3750' }],
      },
    ],
    OrderItem: [
      [52_100_001, 579, 10, 2.5, 'MAPLE BAR'],
      [52_100_002, 580, 10, 2.0, 'GLAZED DONUT'],
    ].map(([id, product, quantity, price, name]) => ({
      id: Number(id),
      resource_uri: `/resources/OrderItem/${id}/`,
      order: legacy,
      product: productUri(Number(product)),
      quantity,
      price,
      initial_price: price,
      price_to_display: price,
      product_name_override: name,
      ...common,
      created_date: downtownTime,
      updated_date: downtownTime,
    })),
    Payment: [],
    Discount: discountSeed.map(([id, name, establishment, open, valueType, value, active]) => ({
      id,
      resource_uri: discountUri(id),
      name,
      establishment: establishmentUri(establishment),
      open_amount: open,
      value_type: valueType,
      value,
      active,
    })),
    ServiceFee: serviceFeeSeed.map(([id, name, establishment]) => ({
      id,
      resource_uri: serviceFeeUri(id),
      name,
      establishment: establishmentUri(establishment),
      open_amount: true,
      value_type: 'amount',
      value: 0,
      taxable: false,
      active: true,
    })),
    AppliedServiceFee: [],
    // Only the fields public code shows for a tender: its id and name (docs/vendors/revel.md).
    CustomPaymentType: tripleSeatTenders.map((t) => ({
      id: t.id,
      resource_uri: `/resources/CustomPaymentType/${t.id}/`,
      name: 'Triple Seat',
    })),
    OrderHistory: [
      {
        id: 6_765_269,
        resource_uri: '/resources/OrderHistory/6765269/',
        order: legacy,
        order_opened_by: userUri(1),
        order_opened_at: stationUri(4),
        opened: downtownTime,
      },
    ],
  };
}
