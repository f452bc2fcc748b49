import * as z from 'zod';
import type { EventItem, TripleSeatContact, TripleSeatDocument, TripleSeatEvent } from '../core/domain/model';
import { parseMoneyToCents, parseQuantity } from '../core/domain/money';
import { usDateTimeToLocal, usDateToIso, validIsoDate, validIsoLocalDateTime } from './event-dates';
import { itemNameOf, normaliseText } from './item-name';

/**
 * Edge schemas for TripleSeat's raw JSON. Every variant listed in docs/vendors/tripleseat.md is
 * accepted (ids and money as numbers or strings, `{event:{…}}` wrapped or bare) and normalised into
 * the engine's model; unknown fields are stripped, never rejected.
 */

const scalar = z.union([z.string(), z.number()]);
const id = z.union([z.string().trim().min(1), z.number()]).transform(String);
const optionalId = scalar
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)));
const optionalText = scalar
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)));
const isBlank = (v: string | number | null | undefined): v is null | undefined | '' =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
/** Totals are informative (the order is built from items), so an odd value becomes undefined. */
const optionalMoney = scalar.nullish().transform((v) => (isBlank(v) ? undefined : parseMoneyToCents(v)));

const show = (v: unknown): string => (v === undefined || v === null ? 'missing' : `"${String(v)}"`);
const unreadable = (field: string, v: string | number | null | undefined, kind: string): string =>
  isBlank(v) ? `${field} is missing` : `${field} "${String(v)}" is not ${kind}`;
const roundCents = (x: number): number => Math.sign(x) * Math.round(Math.abs(x) + 1e-9);

const rawLineItem = z.object({
  id: scalar.nullish(),
  quantity: scalar.nullish(),
  price: scalar.nullish(),
  total_price: scalar.nullish(),
  display_name: z.string().nullish(),
  description: z.string().nullish(),
  category: z.union([z.string(), z.object({ name: z.string().nullish() })]).nullish(),
  menu_item_id: scalar.nullish(),
});

/**
 * One `documents[].line_items[]` row. Menu rows carry the name in `display_name`; freehand rows
 * leave it empty and put the name in `description` (docs/vendors/tripleseat.md, "Line items").
 * A row that cannot be read fails the parse with a message naming it: dropping it would build a short
 * order.
 */
export const lineItemSchema = rawLineItem.transform((raw, ctx): EventItem => {
  const display = normaliseText(raw.display_name ?? '');
  const text = normaliseText(raw.description ?? '');
  const source = display || text;
  const label = `line item ${raw.id ?? '(no id)'}${source ? ` "${source}"` : ''}`;
  const fail = (why: string): never => {
    ctx.addIssue({ code: 'custom', message: `${label}: ${why}` });
    return z.NEVER;
  };

  const name = itemNameOf(source);
  if (name === '') return fail('has no name (display_name and description are empty)');
  const quantity = isBlank(raw.quantity) ? undefined : parseQuantity(raw.quantity);
  if (quantity === undefined) return fail(unreadable('quantity', raw.quantity, 'a number'));
  const unitPriceCents = isBlank(raw.price) ? undefined : parseMoneyToCents(raw.price);
  if (unitPriceCents === undefined) return fail(unreadable('price', raw.price, 'an amount'));
  const totalCents = isBlank(raw.total_price)
    ? roundCents(quantity * unitPriceCents)
    : parseMoneyToCents(raw.total_price);
  if (totalCents === undefined) return fail(unreadable('total_price', raw.total_price, 'an amount'));

  const category = typeof raw.category === 'string' ? raw.category : raw.category?.name;
  return {
    source: 'line_items',
    menuItemId: isBlank(raw.menu_item_id) ? undefined : String(raw.menu_item_id),
    name,
    description: display && text && text !== display ? `${display} - ${text}` : source,
    category: category ? normaliseText(category) || undefined : undefined,
    quantity,
    unitPriceCents,
    totalCents,
  };
});

const rawView = z.object({ name: z.string().nullish(), url: z.string().nullish() });

export const tripleSeatDocumentSchema = z
  .object({
    id: optionalId,
    name: z.string().nullish(),
    line_items: z.array(lineItemSchema).nullish(),
    views: z.array(rawView).nullish(),
    financials: z.object({ grand_total: optionalMoney }).nullish(),
    grand_total: optionalMoney,
  })
  .transform(
    (raw): TripleSeatDocument => ({
      id: raw.id ?? '',
      name: normaliseText(raw.name ?? ''),
      // Absent key (or null) means "not sent": the caller falls back to the invoice HTML.
      lineItems: raw.line_items ?? undefined,
      invoiceUrl:
        raw.views?.find((v) => v.url && (v.name ?? '').toLowerCase().includes('invoice'))?.url?.trim() ||
        undefined,
      grandTotalCents: raw.financials?.grand_total ?? raw.grand_total,
    }),
  );

const firstNonBlank = (values: readonly (string | number | null | undefined)[] | null | undefined) => {
  const found = values?.find((v) => !isBlank(v));
  return found === undefined || found === null ? undefined : String(found).trim();
};

const rawContact = z.object({
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  email_addresses: z.array(z.object({ address: z.string().nullish() })).nullish(),
  phone_numbers: z.array(z.object({ number: scalar.nullish() })).nullish(),
});

const contactSchema = rawContact.transform(
  (raw): TripleSeatContact => ({
    firstName: normaliseText(raw.first_name ?? ''),
    lastName: normaliseText(raw.last_name ?? ''),
    email: firstNonBlank(raw.email_addresses?.map((e) => e.address)),
    phone: firstNonBlank(raw.phone_numbers?.map((p) => p.number)),
  }),
);

const rawEvent = z.object({
  id,
  name: z.string().nullish(),
  status: z.string().trim().min(1),
  event_date: z.string().nullish(),
  event_date_iso8601: z.string().nullish(),
  event_start: z.string().nullish(),
  event_start_utc: z.string().nullish(),
  event_start_iso8601: z.string().nullish(),
  event_timezone: z.string().nullish(),
  site_id: optionalId,
  location_id: optionalId,
  location: z.object({ id: optionalId, name: z.string().nullish() }).nullish(),
  guest_count: scalar.nullish(),
  contact: contactSchema.nullish(),
  documents: z.array(tripleSeatDocumentSchema).nullish(),
  grand_total: optionalMoney,
  updated_at: optionalText,
  deleted_at: z.unknown().optional(),
});

const eventSchema = rawEvent.transform((raw, ctx): TripleSeatEvent => {
  // Either date field may be missing or malformed (formats vary by client); the ISO one wins.
  const eventDate =
    validIsoDate(raw.event_date_iso8601) ??
    usDateToIso(raw.event_date) ??
    usDateTimeToLocal(raw.event_start)?.slice(0, 10) ??
    validIsoDate(raw.event_start_iso8601);
  if (eventDate === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['event_date'],
      message: `event ${raw.id}: no usable event_date (got ${show(raw.event_date)}, iso8601 ${show(raw.event_date_iso8601)})`,
    });
    return z.NEVER;
  }
  const isoStart = validIsoLocalDateTime(raw.event_start_iso8601);
  const guests = isBlank(raw.guest_count) ? undefined : parseQuantity(raw.guest_count);
  return {
    id: raw.id,
    name: normaliseText(raw.name ?? ''),
    status: raw.status.toUpperCase(),
    eventDate,
    startLocal: usDateTimeToLocal(raw.event_start) ?? isoStart?.local,
    startUtc:
      raw.event_start_utc?.trim() || (isoStart?.hasOffset ? raw.event_start_iso8601?.trim() : undefined),
    timeZone: raw.event_timezone?.trim() || undefined,
    siteId: raw.site_id,
    locationId: raw.location_id ?? raw.location?.id,
    locationName: raw.location?.name ? normaliseText(raw.location.name) : undefined,
    guestCount: guests === undefined ? undefined : Math.round(guests),
    contact: raw.contact ?? undefined,
    documents: raw.documents ?? [],
    grandTotalCents: raw.grand_total,
    updatedAt: raw.updated_at,
    deleted: raw.deleted_at !== undefined && raw.deleted_at !== null && raw.deleted_at !== '',
  };
});

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `GET /v1/events/{id}.json` answers `{"event":{…}}`; some search results come bare, some wrapped. */
const unwrapEvent = (raw: unknown): unknown =>
  isRecord(raw) && isRecord(raw.event) && !('id' in raw) ? raw.event : raw;

export const tripleSeatEventSchema = z.preprocess(unwrapEvent, eventSchema);

export const eventSearchPageSchema = z
  .object({
    total_pages: scalar.nullish(),
    results: z.array(tripleSeatEventSchema),
  })
  .transform((raw) => {
    const total = isBlank(raw.total_pages) ? undefined : parseQuantity(raw.total_pages);
    return { totalPages: total === undefined ? 1 : Math.max(1, Math.floor(total)), events: raw.results };
  });

/** Documented lifetime of a TripleSeat access token, used when a response omits `expires_in`. */
const DEFAULT_EXPIRES_IN_SECONDS = 7200;

export const tokenResponseSchema = z
  .object({
    access_token: z.string().trim().min(1),
    token_type: z.string().nullish(),
    expires_in: scalar.nullish(),
    refresh_token: z.string().nullish(),
    scope: z.string().nullish(),
  })
  .transform((raw) => {
    const expires = isBlank(raw.expires_in) ? undefined : parseQuantity(raw.expires_in);
    return {
      accessToken: raw.access_token,
      expiresInSeconds: expires ?? DEFAULT_EXPIRES_IN_SECONDS,
      refreshToken: raw.refresh_token?.trim() || undefined,
      scope: raw.scope ?? undefined,
    };
  });

/** An OAuth2 error answer from `/oauth2/token`, e.g. `{"error":"invalid_grant"}`. */
export const oauthErrorSchema = z.object({ error: z.string() });
