import { parseSyncConfig, type SyncConfig } from '#functions/core/config/sync-config';
import type { EventItem, TripleSeatEvent } from '#functions/core/domain/model';
import type { MoneyInput } from '#functions/core/money/money-plan';
import type { OrderPlanInput } from '#functions/core/order/order-plan';

/** A small, valid config: Downtown (LA, est 4) and Denver Taproom (Denver, est 7). */
export function testConfig(overrides: Record<string, unknown> = {}): SyncConfig {
  return parseSyncConfig({
    locations: [
      {
        name: 'Downtown',
        tripleseatLocationId: '101',
        timeZone: 'America/Los_Angeles',
        revel: { establishmentId: 4, stationId: 4, userId: 1, diningOption: 113 },
      },
      {
        name: 'Denver Taproom',
        tripleseatLocationId: '102',
        timeZone: 'America/Denver',
        revel: { establishmentId: 7, stationId: 9, userId: 1, diningOption: 113 },
      },
    ],
    ...overrides,
  });
}

export function item(
  name: string,
  quantity: number,
  unitPriceCents: number,
  extra: Partial<EventItem> = {},
): EventItem {
  return {
    source: 'line_items',
    menuItemId: undefined,
    name,
    description: name,
    category: 'Food',
    quantity,
    unitPriceCents,
    totalCents: Math.round(quantity * unitPriceCents),
    ...extra,
  };
}

export function tsEvent(overrides: Partial<TripleSeatEvent> = {}): TripleSeatEvent {
  return {
    id: '55521609',
    name: 'Jon Ponder - Birthday',
    status: 'DEFINITE',
    eventDate: '2026-11-27',
    startLocal: '2026-11-27T18:00:00',
    startUtc: '2026-11-28T02:00:00Z',
    timeZone: 'America/Los_Angeles',
    siteId: '15691',
    locationId: '101',
    locationName: 'Downtown',
    guestCount: 12,
    contact: { firstName: 'Jon', lastName: 'Ponder', email: 'jon@example.com', phone: '555-0100' },
    documents: [
      {
        id: '9001',
        name: 'Proposal',
        lineItems: [item('Maple Bar', 8, 250), item('Glazed Donut', 12, 150)],
        invoiceUrl: undefined,
        grandTotalCents: 3800,
      },
    ],
    grandTotalCents: 3800,
    updatedAt: '2026-11-27T10:00:00-08:00',
    deleted: false,
    ...overrides,
  };
}

/** Adds a row to the event's first document, its grand totals growing by the row's total (the figures still add up). */
export function withItem(event: TripleSeatEvent, row: EventItem): TripleSeatEvent {
  const document = event.documents[0];
  document?.lineItems?.push(row);
  if (document?.grandTotalCents !== undefined) document.grandTotalCents += row.totalCents;
  if (event.grandTotalCents !== undefined) event.grandTotalCents += row.totalCents;
  return event;
}

/** The order plan input of event 55521609 at establishment 4: two lines (one open-price), no money beyond them. */
export function orderPlanInput(overrides: Partial<OrderPlanInput> = {}): OrderPlanInput {
  return {
    eventId: '55521609',
    localId: 'Triple Seat_55521609',
    revel: { establishmentId: 4, stationId: 5, userId: 1, diningOption: 113 },
    timestampLocal: '2025-12-28T18:00:00',
    notes: 'Triple Seat Event #55521609',
    callName: 'Ann Lee | 555-0100',
    lines: [
      { item: item('Maple Bar', 6, 170), productId: 579, nameOverride: undefined, via: 'name' },
      {
        item: item('Chef Tasting', 1, 4500),
        productId: 900,
        nameOverride: 'Chef Tasting',
        via: 'open_price',
      },
    ],
    orderHistory: true,
    ...overrides,
  };
}

/** TripleSeat money for `orderPlanInput`'s lines (55.20): a deposit of 20.00 paid with tender 7, tax 4.60. */
export function moneyInput(overrides: Partial<MoneyInput> = {}): MoneyInput {
  return {
    discounts: [],
    charges: [],
    taxes: [{ name: 'Sales Tax', cents: 460 }],
    taxMode: 'tripleseat',
    grandTotalCents: 5980,
    amountDueCents: 3980,
    payments: [{ cents: 2000, date: '2025-12-20', kind: 'deposit' }],
    tenderId: 7,
    closeWhenPaid: true,
    fallbackDate: '2025-12-28',
    ...overrides,
  };
}
