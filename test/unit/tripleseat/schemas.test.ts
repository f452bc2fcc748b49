import { describe, expect, it } from 'vitest';
import {
  eventSearchPageSchema,
  lineItemSchema,
  tokenResponseSchema,
  tripleSeatEventSchema,
} from '#functions/tripleseat/schemas';

/** The trimmed real event from docs/vendors/tripleseat.md, "A real event", with financials added. */
const realEvent = {
  id: 55521609,
  name: 'Holiday Breakfast',
  event_date: '12/28/2025',
  event_date_iso8601: '2025-12-28',
  status: 'DEFINITE',
  event_start: '12/28/2025 6:00 PM',
  event_end: '12/28/2025 6:15 PM',
  event_start_utc: '2025-12-29T02:00:00Z',
  site_id: 15691,
  location_id: '301',
  location: { id: 301, name: ' Oxnard  Harbor ' },
  guest_count: '8',
  grand_total: '108.80',
  updated_at: '12/28/2025 12:56 PM',
  deleted_at: null,
  contact: {
    first_name: 'Dana',
    last_name: 'Whitfield',
    email_addresses: [{ address: '' }, { address: 'dana@example.com' }],
    phone_numbers: [{ number: '(805) 555-0142' }],
  },
  documents: [
    {
      id: 9001,
      name: 'Invoice',
      financials: { grand_total: '108.80', amount_due: '108.80' },
      views: [
        { name: 'BEO', url: 'https://portal.tripleseat.com/doc/aaaa/9001' },
        { name: 'Client INVOICE', url: 'https://portal.tripleseat.com/doc/bbbb/9001' },
      ],
      line_items: [
        {
          id: 1,
          quantity: '8',
          price: '2.50',
          total_price: '20.00',
          display_name: 'MAPLE BAR',
          description: 'Maple frosted raised bar',
          category: { id: 4, name: 'Food' },
          menu_item_id: 777,
        },
      ],
    },
  ],
  some_future_field: { anything: true },
};

const parseEvent = (raw: unknown) => tripleSeatEventSchema.parse(raw);
const issueOf = (raw: unknown): string => {
  const result = tripleSeatEventSchema.safeParse(raw);
  if (result.success) throw new Error('expected the parse to fail');
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
};

describe('tripleSeatEventSchema', () => {
  it('normalises the documented real event into the engine model', () => {
    const event = parseEvent({ event: realEvent });
    expect(event).toEqual({
      id: '55521609',
      name: 'Holiday Breakfast',
      status: 'DEFINITE',
      eventDate: '2025-12-28',
      startLocal: '2025-12-28T18:00:00',
      startUtc: '2025-12-29T02:00:00Z',
      timeZone: undefined,
      siteId: '15691',
      locationId: '301',
      locationName: 'Oxnard Harbor',
      guestCount: 8,
      contact: {
        firstName: 'Dana',
        lastName: 'Whitfield',
        email: 'dana@example.com',
        phone: '(805) 555-0142',
      },
      documents: [
        {
          id: '9001',
          name: 'Invoice',
          lineItems: [
            {
              source: 'line_items',
              menuItemId: '777',
              name: 'MAPLE BAR',
              description: 'MAPLE BAR - Maple frosted raised bar',
              category: 'Food',
              quantity: 8,
              unitPriceCents: 250,
              totalCents: 2000,
            },
          ],
          invoiceUrl: 'https://portal.tripleseat.com/doc/bbbb/9001',
          grandTotalCents: 10880,
          money: {
            subtotalCents: undefined,
            discounts: undefined,
            charges: undefined,
            taxes: undefined,
            grandTotalCents: 10880,
            payments: undefined,
            amountDueCents: 10880,
          },
        },
      ],
      grandTotalCents: 10880,
      money: {
        subtotalCents: undefined,
        discounts: undefined,
        charges: undefined,
        taxes: undefined,
        grandTotalCents: 10880,
        payments: undefined,
        amountDueCents: undefined,
      },
      kitchenNotes: [],
      updatedAt: '12/28/2025 12:56 PM',
      deleted: false,
    });
  });

  it('reads a bare event exactly like one wrapped in {event: …}', () => {
    expect(parseEvent(realEvent)).toEqual(parseEvent({ event: realEvent }));
  });

  it('drops unknown fields instead of rejecting them', () => {
    expect(parseEvent(realEvent)).not.toHaveProperty('some_future_field');
  });

  it('accepts string ids and numeric money', () => {
    const event = parseEvent({ ...realEvent, id: '55521609', site_id: '15691', grand_total: 108.8 });
    expect(event.id).toBe('55521609');
    expect(event.siteId).toBe('15691');
    expect(event.grandTotalCents).toBe(10880);
  });

  it('upper-cases the status', () => {
    expect(parseEvent({ ...realEvent, status: 'definite' }).status).toBe('DEFINITE');
  });

  it('derives the day from MM/DD/YYYY when the ISO date is missing', () => {
    const { event_date_iso8601: _, ...usOnly } = realEvent;
    expect(parseEvent({ ...usOnly, event_date: '1/5/2026' }).eventDate).toBe('2026-01-05');
  });

  it('derives the day from the ISO date when the MM/DD/YYYY one is missing', () => {
    const { event_date: _, ...isoOnly } = realEvent;
    expect(parseEvent(isoOnly).eventDate).toBe('2025-12-28');
  });

  it('reads 12 AM and 12 PM starts on a 24-hour clock', () => {
    expect(parseEvent({ ...realEvent, event_start: '12/28/2025 12:05 AM' }).startLocal).toBe(
      '2025-12-28T00:05:00',
    );
    expect(parseEvent({ ...realEvent, event_start: '12/28/2025 12:30 pm' }).startLocal).toBe(
      '2025-12-28T12:30:00',
    );
  });

  it('falls back to event_start_iso8601 for the local start and the instant', () => {
    const event = parseEvent({
      ...realEvent,
      event_start: null,
      event_start_utc: undefined,
      event_start_iso8601: '2025-12-28T18:00:00-08:00',
    });
    expect(event.startLocal).toBe('2025-12-28T18:00:00');
    expect(event.startUtc).toBe('2025-12-28T18:00:00-08:00');
  });

  it('leaves an unreadable start undefined rather than guessing', () => {
    expect(
      parseEvent({ ...realEvent, event_start: 'sometime', event_start_utc: '' }).startLocal,
    ).toBeUndefined();
  });

  it('fails when no field yields a real event day', () => {
    const { event_date_iso8601: _, ...rest } = realEvent;
    expect(issueOf({ ...rest, event_date: '13/45/2025', event_start: null })).toMatch(
      /event_date: event 55521609: no usable event_date/,
    );
  });

  it('marks an event with a deleted_at timestamp as deleted', () => {
    expect(parseEvent({ ...realEvent, deleted_at: '2025-12-27T10:00:00Z' }).deleted).toBe(true);
  });

  it('takes the location id from the nested location when location_id is absent', () => {
    const { location_id: _, ...rest } = realEvent;
    expect(parseEvent(rest).locationId).toBe('301');
  });

  it('treats a missing contact and missing documents as absent', () => {
    const event = parseEvent({ ...realEvent, contact: null, documents: undefined });
    expect(event.contact).toBeUndefined();
    expect(event.documents).toEqual([]);
  });

  it('tells "no line_items key" apart from "empty line_items"', () => {
    const docs = (lineItems: unknown) => [{ id: 1, name: 'Invoice', line_items: lineItems }];
    const { line_items: _, ...noKey } = { id: 1, name: 'Invoice', line_items: [] };
    expect(parseEvent({ ...realEvent, documents: [noKey] }).documents[0]?.lineItems).toBeUndefined();
    expect(parseEvent({ ...realEvent, documents: docs([]) }).documents[0]?.lineItems).toEqual([]);
    expect(parseEvent({ ...realEvent, documents: docs(null) }).documents[0]?.lineItems).toBeUndefined();
  });

  it('names the offending line item and its path when a row is unreadable', () => {
    const bad = { id: 42, quantity: 'eight', price: '2.50', display_name: 'MAPLE BAR' };
    const message = issueOf({ ...realEvent, documents: [{ id: 1, line_items: [bad] }] });
    expect(message).toContain('documents.0.line_items.0');
    expect(message).toContain('line item 42 "MAPLE BAR": quantity "eight" is not a number');
  });
});

describe('lineItemSchema', () => {
  const parseItem = (raw: unknown) => lineItemSchema.parse(raw);
  const failureOf = (raw: unknown): string => {
    const result = lineItemSchema.safeParse(raw);
    if (result.success) throw new Error('expected the parse to fail');
    return result.error.issues[0]?.message ?? '';
  };

  it('takes a freehand row name from its description, cut before " - "', () => {
    const item = parseItem({
      id: 5,
      quantity: 2,
      price: 15,
      display_name: '',
      description: ' Custom  Cake - chocolate, serves 20 ',
      category: { name: 'Food' },
      menu_item_id: null,
    });
    expect(item).toMatchObject({
      menuItemId: undefined,
      name: 'Custom Cake',
      description: 'Custom Cake - chocolate, serves 20',
      unitPriceCents: 1500,
      totalCents: 3000,
    });
  });

  it('keeps a menu row name from display_name even when the description has its own dash', () => {
    const item = parseItem({
      quantity: '1',
      price: '4',
      display_name: 'LATTE',
      description: 'Oat - or whole',
    });
    expect(item.name).toBe('LATTE');
    expect(item.description).toBe('LATTE - Oat - or whole');
  });

  it('reads money strings with dollar signs and thousands separators', () => {
    const item = parseItem({
      quantity: '1',
      price: '$1,234.50',
      total_price: '$1,234.50',
      display_name: 'Pig',
    });
    expect(item.unitPriceCents).toBe(123450);
    expect(item.totalCents).toBe(123450);
  });

  it('computes a missing total from a fractional quantity, rounded to the cent', () => {
    const item = parseItem({ quantity: '2.5', price: '3.33', display_name: 'Coffee (gal)' });
    expect(item.quantity).toBe(2.5);
    expect(item.totalCents).toBe(833);
  });

  it('accepts a category given as a plain string', () => {
    expect(
      parseItem({ quantity: 1, price: 0, display_name: 'Note', category: 'Special Instructions' }).category,
    ).toBe('Special Instructions');
  });

  it('rejects a row without any name', () => {
    expect(failureOf({ id: 9, quantity: 1, price: 1, display_name: ' ', description: '' })).toBe(
      'line item 9: has no name (display_name and description are empty)',
    );
  });

  it('rejects a row whose price is not an amount', () => {
    expect(failureOf({ id: 9, quantity: 1, price: 'TBD', display_name: 'Cake' })).toBe(
      'line item 9 "Cake": price "TBD" is not an amount',
    );
  });

  it('rejects a row without a quantity', () => {
    expect(failureOf({ id: 9, price: '1.00', display_name: 'Cake' })).toBe(
      'line item 9 "Cake": quantity is missing',
    );
  });

  it('rejects a negative quantity', () => {
    expect(failureOf({ id: 9, quantity: '-2', price: '1.00', display_name: 'Cake' })).toContain(
      'quantity "-2"',
    );
  });

  it('rejects an unreadable total_price instead of recomputing it', () => {
    expect(failureOf({ id: 9, quantity: 1, price: 1, total_price: 'n/a', display_name: 'Cake' })).toContain(
      'total_price "n/a" is not an amount',
    );
  });
});

describe('eventSearchPageSchema', () => {
  it('unwraps wrapped and bare results on one page and reads total_pages as a string', () => {
    const page = eventSearchPageSchema.parse({
      total_pages: '3',
      results: [{ event: { ...realEvent, id: 1 } }, { ...realEvent, id: 2 }],
    });
    expect(page.totalPages).toBe(3);
    expect(page.events.map((e) => e.id)).toEqual(['1', '2']);
  });

  it('assumes a single page when total_pages is missing', () => {
    expect(eventSearchPageSchema.parse({ results: [] }).totalPages).toBe(1);
  });

  it('rejects an answer without results (e.g. an error object)', () => {
    expect(eventSearchPageSchema.safeParse({ error: 'nope' }).success).toBe(false);
  });
});

describe('tokenResponseSchema', () => {
  it('reads the documented token response', () => {
    expect(
      tokenResponseSchema.parse({
        access_token: 'at-1',
        token_type: 'Bearer',
        expires_in: 7200,
        refresh_token: 'rt-2',
        scope: 'events:read bookings:read',
        created_at: 1766880000,
      }),
    ).toEqual({
      accessToken: 'at-1',
      expiresInSeconds: 7200,
      refreshToken: 'rt-2',
      scope: 'events:read bookings:read',
    });
  });

  it('assumes the documented 7200 s lifetime when expires_in is missing', () => {
    expect(tokenResponseSchema.parse({ access_token: 'at' }).expiresInSeconds).toBe(7200);
  });

  it('rejects an answer without an access token', () => {
    expect(tokenResponseSchema.safeParse({ error: 'invalid_grant' }).success).toBe(false);
  });
});
