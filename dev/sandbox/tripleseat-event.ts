import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';

/** The JSON shapes the TripleSeat sandbox serves (docs/vendors/tripleseat.md, "Event fields"). */
export interface TripleSeatLineItem {
  id: number;
  /** A string on most accounts ("8"), a number on some. */
  quantity: string | number;
  price: string;
  total_price: string;
  display_name: string;
  description: string;
  long_description: string | null;
  category: { id: number; name: string } | null;
  section: string | null;
  position: number;
  menu_item_id: number | null;
  /** Only on the money events: a line discount, and the line's total after it (total_price is before). */
  discount?: string;
  grand_total?: string;
}

export interface TripleSeatDocument {
  id: number;
  name: string;
  /** Absent on some accounts: then the invoice HTML is the only source of items. */
  line_items?: TripleSeatLineItem[];
  financials: {
    subtotal: string;
    discounts_total: string;
    tax_total: string;
    grand_total: string;
    amount_due: string;
  };
  views: { name: string; url: string }[];
}

/** One row of the event's Payments tab; the field names are a guess (docs/vendors/tripleseat.md, "Money on an event"). */
export interface TripleSeatPayment {
  id: number;
  amount: string;
  /** "MM/DD/YYYY", like event_date. */
  date: string;
  kind: 'deposit' | 'payment';
  payment_method: string;
  /** Served as the payment_set row's `amount_refunded` (tripleseat-public.ts); "0.00" when absent. */
  amount_refunded?: string;
}

export interface TripleSeatContact {
  first_name: string;
  last_name: string;
  email_addresses: { address: string }[];
  phone_numbers: { number: string }[];
}

export interface TripleSeatEvent {
  id: number;
  name: string;
  status: string;
  event_date: string;
  event_date_iso8601: string;
  event_start: string;
  event_end: string;
  event_start_utc: string;
  event_end_utc: string;
  event_start_iso8601: string;
  event_end_iso8601: string;
  event_timezone: string;
  site_id: number;
  location_id: number;
  location: { id: number; name: string };
  rooms: { id: number; name: string }[];
  room_ids: number[];
  booking_id: number;
  guest_count: number;
  guaranteed_guest_count: number;
  contact: TripleSeatContact;
  account: { id: number; name: string };
  custom_fields: { custom_field_name: string; value: string }[];
  billing_totals: { name: string; total: string }[];
  category_totals: { name: string; total: string }[];
  grand_total: string;
  amount_due: string;
  deposit_amount: string;
  /** Served only with `show_financial=true`, like documents. */
  payments: TripleSeatPayment[];
  /** ISO with offset on most events, "MM/DD/YYYY h:mm AM" (site zone) on some. */
  updated_at: string;
  created_at: string;
  deleted_at: string | null;
  documents: TripleSeatDocument[];
}

export const siteId = 15691;
export const siteZone = 'America/Los_Angeles';

export interface SandboxLocation {
  id: number;
  name: string;
  zone: string;
  taxPercent: string;
  rooms: { id: number; name: string }[];
}

export const locations = {
  downtown: {
    id: 101,
    name: 'Downtown',
    zone: 'America/Los_Angeles',
    taxPercent: '8.375',
    rooms: [{ id: 2101, name: 'Main Dining Room' }],
  },
  denver: {
    id: 102,
    name: 'Denver Taproom',
    zone: 'America/Denver',
    taxPercent: '8.81',
    rooms: [{ id: 2201, name: 'Taproom Patio' }],
  },
  popUp: { id: 999, name: 'Pop-up', zone: 'America/Los_Angeles', taxPercent: '8.375', rooms: [] },
} satisfies Record<string, SandboxLocation>;

export function locationById(id: number): SandboxLocation | undefined {
  return Object.values(locations).find((l) => l.id === id);
}

/** "1234.5" style money string from integer cents: TripleSeat sends money as strings. */
export const centsToMoney = (cents: number): string => (cents / 100).toFixed(2);
export const moneyToCents = (money: string): number => Math.round(Number(money.replace(/[$,]/g, '')) * 100);

const usFormat = 'MM/dd/yyyy h:mm a';

export const formatUsDateTime = (time: DateTime): string => time.setLocale('en-US').toFormat(usFormat);
export const formatIso = (time: DateTime): string => time.toISO({ suppressMilliseconds: true }) ?? '';
const formatUtc = (time: DateTime): string => time.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");

/** Reads both `updated_at` formats seen in the wild; US-style times are in the site's zone. */
export function parseTripleSeatTime(value: string): DateTime {
  const iso = DateTime.fromISO(value, { setZone: true });
  if (iso.isValid) return iso;
  return DateTime.fromFormat(value, usFormat, { zone: siteZone, locale: 'en-US' });
}

export function eventTimes(start: DateTime, end: DateTime) {
  return {
    event_date: start.toFormat('MM/dd/yyyy'),
    event_date_iso8601: start.toISODate() ?? '',
    event_start: formatUsDateTime(start),
    event_end: formatUsDateTime(end),
    event_start_utc: formatUtc(start),
    event_end_utc: formatUtc(end),
    event_start_iso8601: formatIso(start),
    event_end_iso8601: formatIso(end),
    event_timezone: start.zoneName ?? '',
  };
}

/** The portal link of a document's invoice: a stable 40-hex token, like TripleSeat's. */
export function invoiceUrl(origin: string, eventId: number, documentId: number): string {
  const token = createHash('sha1').update(`invoice:${eventId}:${documentId}`).digest('hex');
  return `${origin}/doc/${token}/${documentId}`;
}

export const specialInstructions = 'Special Instructions';
