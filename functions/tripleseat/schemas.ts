import * as z from 'zod';
import {
  type EventItem,
  type InvoiceMoney,
  type KitchenNote,
  noMoney,
  type TripleSeatContact,
  type TripleSeatDocument,
  type TripleSeatEvent,
} from '#functions/core/domain/model';
import { formatCents, parseMoneyToCents, parseQuantity } from '#functions/core/money/cents';
import { usDateTimeToLocal, usDateToIso, validIsoDate, validIsoLocalDateTime } from './event-dates';
import { itemNameOf, normaliseText } from './item-name';
import { moneyFromRows } from './money-rows';
import {
  eventPaymentRowSchema,
  type ListedPayment,
  mergePayments,
  paymentSetRowSchema,
  readEventPayments,
  readPaymentSet,
} from './payments';

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
  discount: scalar.nullish(),
  grand_total: scalar.nullish(),
});

/**
 * A line's discount, and its total before that discount. Whether `total_price` is before or after a
 * line discount is not public (docs/vendors/tripleseat.md, "Money on an event"): whichever reading
 * makes quantity × price, discount and `grand_total` agree wins; `grand_total` alone implies the discount.
 */
function lineDiscount(
  qtyPriceCents: number,
  totalCents: number,
  discountCents: number | undefined,
  grandTotalCents: number | undefined,
): { totalCents: number; discountCents: number } {
  const discount = discountCents === undefined ? undefined : Math.abs(discountCents);
  if (discount === undefined) {
    if (grandTotalCents === undefined || grandTotalCents >= totalCents)
      return { totalCents, discountCents: 0 };
    return { totalCents, discountCents: totalCents - grandTotalCents };
  }
  const after = grandTotalCents ?? totalCents - discount;
  // total_price already after the discount: the line's own figures say so.
  if (discount > 0 && after === totalCents && Math.abs(totalCents + discount - qtyPriceCents) <= 1) {
    return { totalCents: totalCents + discount, discountCents: discount };
  }
  return { totalCents, discountCents: discount };
}

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
  const qtyPriceCents = roundCents(quantity * unitPriceCents);
  const totalCents = isBlank(raw.total_price) ? qtyPriceCents : parseMoneyToCents(raw.total_price);
  if (totalCents === undefined) return fail(unreadable('total_price', raw.total_price, 'an amount'));
  const discountCents = isBlank(raw.discount) ? undefined : parseMoneyToCents(raw.discount);
  if (!isBlank(raw.discount) && discountCents === undefined)
    return fail(unreadable('discount', raw.discount, 'an amount'));
  const grandTotalCents = isBlank(raw.grand_total) ? undefined : parseMoneyToCents(raw.grand_total);
  if (!isBlank(raw.grand_total) && grandTotalCents === undefined)
    return fail(unreadable('grand_total', raw.grand_total, 'an amount'));
  const line = lineDiscount(qtyPriceCents, totalCents, discountCents, grandTotalCents);

  const category = typeof raw.category === 'string' ? raw.category : raw.category?.name;
  return {
    source: 'line_items',
    menuItemId: isBlank(raw.menu_item_id) ? undefined : String(raw.menu_item_id),
    name,
    description: display && text && text !== display ? `${display} - ${text}` : source,
    category: category ? normaliseText(category) || undefined : undefined,
    quantity,
    unitPriceCents,
    totalCents: line.totalCents,
    ...(line.discountCents !== 0 ? { discountCents: line.discountCents } : {}),
  };
});

const rawView = z.object({ name: z.string().nullish(), url: z.string().nullish() });

/** A document's own billing rows (public models): `description` names the row, `value` holds a percent. */
const rawDocumentBillingRow = z.object({
  billing_id: scalar.nullish(),
  description: z.string().nullish(),
  value: scalar.nullish(),
  total_price: scalar.nullish(),
});

const rawFinancials = z.object({
  subtotal: optionalMoney,
  discounts_total: optionalMoney,
  tax_total: optionalMoney,
  grand_total: optionalMoney,
  amount_due: optionalMoney,
});

/** A document as read at the edge: the model's document plus its listed payments, for the event. */
type ReadDocument = TripleSeatDocument & { listedPayments: ListedPayment[] | undefined };

const readDocumentSchema = z
  .object({
    id: optionalId,
    title: z.string().nullish(),
    name: z.string().nullish(),
    line_items: z.array(lineItemSchema).nullish(),
    views: z.array(rawView).nullish(),
    financials: rawFinancials.nullish(),
    billing_totals: z.array(rawDocumentBillingRow).nullish(),
    payment_set: z
      .object({ amount_due: optionalMoney, payments: z.array(paymentSetRowSchema).nullish() })
      .nullish(),
    grand_total: optionalMoney,
  })
  .transform((raw, ctx): ReadDocument => {
    const label = `document ${raw.id ?? '(no id)'}`;
    const fail = (message: string): never => {
      ctx.addIssue({ code: 'custom', message: `${label}: ${message}` });
      return z.NEVER;
    };
    const listed = raw.payment_set?.payments ? readPaymentSet(raw.payment_set.payments) : undefined;
    if (typeof listed === 'string') return fail(listed);
    // One figure, two sources: use financials and check the payment set agrees.
    const dueInSet = raw.payment_set?.amount_due;
    const dueInFinancials = raw.financials?.amount_due;
    if (dueInSet !== undefined && dueInFinancials !== undefined && dueInSet !== dueInFinancials) {
      return fail(
        `payment_set.amount_due ${formatCents(dueInSet)} differs from financials.amount_due ${formatCents(dueInFinancials)}`,
      );
    }
    const money = documentMoney(raw, listed);
    if (typeof money === 'string') return fail(money);
    return {
      id: raw.id ?? '',
      name: normaliseText(raw.title || raw.name || ''),
      // Absent key (or null) means "not sent": the caller falls back to the invoice HTML.
      lineItems: raw.line_items ?? undefined,
      invoiceUrl:
        raw.views?.find((v) => v.url && (v.name ?? '').toLowerCase().includes('invoice'))?.url?.trim() ||
        undefined,
      grandTotalCents: raw.financials?.grand_total ?? raw.grand_total,
      money,
      listedPayments: listed,
    };
  });

export const tripleSeatDocumentSchema = readDocumentSchema.transform(
  ({ listedPayments: _listed, ...document }): TripleSeatDocument => document,
);

const sumCents = (list: readonly { cents: number }[] | undefined): number | undefined =>
  list === undefined ? undefined : list.reduce((total, x) => total + x.cents, 0);

/**
 * A document's money: `financials` (one order-discount total, one tax total), its own billing rows
 * (charges and taxes by name) and its paid payments. A total stated by both must agree.
 */
function documentMoney(
  raw: {
    financials?: z.infer<typeof rawFinancials> | null | undefined;
    billing_totals?: z.infer<typeof rawDocumentBillingRow>[] | null | undefined;
    payment_set?: unknown;
    grand_total: number | undefined;
  },
  listed: readonly ListedPayment[] | undefined,
): InvoiceMoney | undefined | string {
  const f = raw.financials;
  const rows = (raw.billing_totals ?? []).flatMap((row) => {
    const cents = isBlank(row.total_price) ? undefined : parseMoneyToCents(row.total_price);
    const name = normaliseText(row.description ?? '');
    return cents === undefined || name === '' ? [] : [{ name, cents }];
  });
  const billed = rows.length > 0 ? moneyFromRows(rows).money : undefined;
  const payments = listed
    ?.filter((p) => p.cents > 0)
    .map(({ id, cents, date, kind }) => ({ id, cents, date, kind }));
  if (!f && !billed && payments === undefined) {
    return raw.grand_total === undefined ? undefined : { ...noMoney(), grandTotalCents: raw.grand_total };
  }
  const named = (name: string, cents: number | undefined) =>
    cents === undefined ? undefined : cents === 0 ? [] : [{ name, cents: Math.abs(cents) }];
  const pick = <T extends { cents: number }>(
    what: string,
    stated: T[] | undefined,
    rowsSaid: T[] | undefined,
  ) => {
    if (!rowsSaid || rowsSaid.length === 0) return stated ?? rowsSaid;
    const a = sumCents(stated);
    const b = sumCents(rowsSaid);
    if (a !== undefined && a !== b) {
      return `financials say ${what} ${formatCents(a)} but the billing rows say ${formatCents(b ?? 0)}`;
    }
    return rowsSaid;
  };
  const discounts = pick('discounts', named('Discount', f?.discounts_total), billed?.discounts);
  if (typeof discounts === 'string') return discounts;
  const taxes = pick('taxes', named('Tax', f?.tax_total), billed?.taxes);
  if (typeof taxes === 'string') return taxes;
  return {
    subtotalCents: f?.subtotal ?? billed?.subtotalCents,
    discounts,
    charges: billed?.charges,
    taxes,
    grandTotalCents: f?.grand_total ?? billed?.grandTotalCents ?? raw.grand_total,
    payments,
    amountDueCents: f?.amount_due ?? billed?.amountDueCents,
  };
}

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
  documents: z.array(readDocumentSchema).nullish(),
  grand_total: optionalMoney,
  amount_due: optionalMoney,
  deposit_amount: optionalMoney,
  billing_totals: z.array(z.object({ name: z.string().nullish(), total: scalar.nullish() })).nullish(),
  payments: z.array(eventPaymentRowSchema).nullish(),
  custom_fields: z
    .array(z.object({ custom_field_name: z.string().nullish(), value: scalar.nullish() }))
    .nullish(),
  notes: z.string().nullish(),
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
  const money = eventMoney(raw);
  if (typeof money === 'string') {
    ctx.addIssue({ code: 'custom', path: ['payments'], message: `event ${raw.id}: ${money}` });
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
    documents: (raw.documents ?? []).map(({ listedPayments: _listed, ...document }) => document),
    grandTotalCents: raw.grand_total,
    money,
    kitchenNotes: kitchenNotesOf(raw),
    updatedAt: raw.updated_at,
    deleted: raw.deleted_at !== undefined && raw.deleted_at !== null && raw.deleted_at !== '',
  };
});

/**
 * Event-level money: `billing_totals` rows by name, `grand_total`, `amount_due`, and what was paid
 * (payments/merge in payments.ts). Returns a message when a payment cannot be read or two sources
 * disagree about one: a payment that vanished would make the guest pay twice.
 */
function eventMoney(raw: z.infer<typeof rawEvent>): InvoiceMoney | string {
  const rows = (raw.billing_totals ?? []).flatMap((row) => {
    const cents = isBlank(row.total) ? undefined : parseMoneyToCents(row.total);
    const name = normaliseText(row.name ?? '');
    return cents === undefined || name === '' ? [] : [{ name, cents }];
  });
  const billed = rows.length > 0 ? moneyFromRows(rows).money : undefined;
  const eventPayments = raw.payments ? readEventPayments(raw.payments) : undefined;
  if (typeof eventPayments === 'string') return eventPayments;
  const paid = mergePayments({
    paymentSets: (raw.documents ?? []).flatMap((d) => (d.listedPayments ? [d.listedPayments] : [])),
    eventPayments,
    depositAmountCents: raw.deposit_amount,
  });
  if (typeof paid === 'string') return paid;
  return {
    subtotalCents: billed?.subtotalCents,
    discounts: billed?.discounts,
    charges: billed?.charges,
    taxes: billed?.taxes,
    grandTotalCents: raw.grand_total ?? billed?.grandTotalCents,
    payments: paid,
    amountDueCents: raw.amount_due ?? billed?.amountDueCents,
  };
}

/** Custom fields about allergies, diets or notes, and the event's `notes` (docs/vendors/tripleseat.md). */
const KITCHEN_FIELD = /allerg|dietary|\bdiet\b|kitchen|instruction|\bnotes?\b/i;

function kitchenNotesOf(raw: z.infer<typeof rawEvent>): KitchenNote[] {
  const notes: KitchenNote[] = [];
  for (const field of raw.custom_fields ?? []) {
    const label = normaliseText(field.custom_field_name ?? '');
    const text = normaliseText(String(field.value ?? ''));
    if (label !== '' && text !== '' && KITCHEN_FIELD.test(label)) notes.push({ label, text });
  }
  const text = normaliseText(raw.notes ?? '');
  if (text !== '') notes.push({ label: 'Notes', text });
  return notes;
}

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

const unwrapNote = (raw: unknown): unknown =>
  isRecord(raw) && isRecord(raw.note) && !('id' in raw) ? raw.note : raw;

/** A note, bare or wrapped as `{"note": {…}}` like an event (docs/vendors/tripleseat.md, "Notes"). */
export const eventNoteSchema = z.preprocess(
  unwrapNote,
  z
    .object({ id: z.union([z.string().min(1), z.number().int()]), body: z.string().nullish() })
    .transform((raw) => ({ id: String(raw.id), body: raw.body ?? '' })),
);

/**
 * A page of an event's notes. The list's envelope is not public: a bare array, `results` (as event
 * search answers) or `notes` are all read; `total_pages` when given.
 */
export const eventNotePageSchema = z.preprocess(
  (raw) => (Array.isArray(raw) ? { results: raw } : raw),
  z
    .object({
      total_pages: scalar.nullish(),
      results: z.array(eventNoteSchema).optional(),
      notes: z.array(eventNoteSchema).optional(),
    })
    .transform((raw) => {
      const total = isBlank(raw.total_pages) ? undefined : parseQuantity(raw.total_pages);
      return {
        totalPages: total === undefined ? undefined : Math.max(1, Math.floor(total)),
        notes: raw.results ?? raw.notes ?? [],
      };
    }),
);
