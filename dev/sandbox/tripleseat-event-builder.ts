import { DateTime } from 'luxon';
import { type InvoiceRow, invoiceRowsFromLineItems } from './invoice-html';
import {
  centsToMoney,
  eventTimes,
  formatIso,
  formatUsDateTime,
  invoiceUrl,
  locations,
  moneyToCents,
  type SandboxLocation,
  siteId,
  siteZone,
  specialInstructions,
  type TripleSeatDocument,
  type TripleSeatEvent,
  type TripleSeatLineItem,
  type TripleSeatPayment,
} from './tripleseat-event';
import {
  billingTotals,
  categoryTotals,
  computeEventMoney,
  documentFinancials,
  type EventMoney,
  type MoneySpec,
} from './tripleseat-money';

export interface ItemSpec {
  /** Menu rows carry the name in display_name; freehand rows leave it empty. */
  name: string;
  description: string;
  quantity: string | number;
  price: string;
  category: string;
  menuItemId: number | null;
  /** A line discount: the line's total_price stays quantity × price, its grand_total drops. */
  discount?: string;
}

export interface EventSpec {
  id: number;
  name: string;
  status: string;
  location: SandboxLocation;
  /** Event day relative to the location's today. */
  dayOffset: number;
  start: { hour: number; minute: number };
  hours: number;
  contact: [first: string, last: string];
  guests: number;
  updatedHoursAgo: number;
  /** updated_at as "MM/DD/YYYY h:mm AM" in the site zone instead of ISO (both occur). */
  usUpdatedAt?: boolean;
  items: ItemSpec[];
  /** When set the document has no `line_items` key: the invoice HTML shows these rows instead. */
  invoiceOnly?: { rows: InvoiceRow[]; lines: { category: string; totalCents: number }[] };
  /** The document has no `line_items` key; its invoice HTML shows `items` (with the money rows). */
  itemsOnlyInHtml?: boolean;
  /** Discounts, charges, payments; lines then carry `discount` / `grand_total`. Default: tax only. */
  money?: MoneySpec;
  /** A proposal document listing the same items precedes the invoice; only the invoice counts. */
  proposalRepeatsItems?: boolean;
  customFields?: { custom_field_name: string; value: string }[];
}

export interface SeededEvent {
  event: TripleSeatEvent;
  /** Rows for the invoice page when they do not come from `line_items`. */
  invoiceRows?: InvoiceRow[];
}

const categoryIds: Record<string, number> = { Food: 1, Beverage: 2, [specialInstructions]: 9 };

function lineItem(
  item: ItemSpec,
  documentId: number,
  position: number,
  withLineMoney: boolean,
): TripleSeatLineItem {
  const totalCents = Math.round(Number(item.quantity) * moneyToCents(item.price));
  const discountCents = moneyToCents(item.discount ?? '0');
  return {
    id: documentId * 100 + position,
    quantity: item.quantity,
    price: item.price,
    total_price: centsToMoney(totalCents),
    display_name: item.name,
    description: item.description,
    long_description: null,
    category: { id: categoryIds[item.category] ?? 0, name: item.category },
    section: item.category === specialInstructions ? null : 'Menu',
    position,
    menu_item_id: item.menuItemId,
    ...(withLineMoney
      ? { discount: centsToMoney(discountCents), grand_total: centsToMoney(totalCents - discountCents) }
      : {}),
  };
}

interface BaseEventOptions {
  id: number;
  name: string;
  status: string;
  location: SandboxLocation;
  start: DateTime;
  end: DateTime;
  contact: [string, string];
  guests: number;
  updatedAt: string;
  createdAt: string;
}

function baseEvent(o: BaseEventOptions): TripleSeatEvent {
  const [first, last] = o.contact;
  return {
    id: o.id,
    name: o.name,
    status: o.status,
    ...eventTimes(o.start, o.end),
    site_id: siteId,
    location_id: o.location.id,
    location: { id: o.location.id, name: o.location.name },
    rooms: o.location.rooms,
    room_ids: o.location.rooms.map((r) => r.id),
    booking_id: o.id - 30_000_000,
    guest_count: o.guests,
    guaranteed_guest_count: o.guests,
    contact: {
      first_name: first,
      last_name: last,
      email_addresses: [{ address: `${first}.${last}@example.com`.toLowerCase().replace("'", '') }],
      phone_numbers: [{ number: `(555) 010-${String(o.id).slice(-4)}` }],
    },
    account: { id: o.id - 50_000_000, name: `${last} Group` },
    custom_fields: [{ custom_field_name: 'Service Style', value: 'Drop-off' }],
    billing_totals: [],
    category_totals: [],
    grand_total: '0.00',
    amount_due: '0.00',
    deposit_amount: '0.00',
    payments: [],
    updated_at: o.updatedAt,
    created_at: o.createdAt,
    deleted_at: null,
    documents: [],
  };
}

const lineTotal = (l: TripleSeatLineItem) => ({
  category: l.category?.name ?? '',
  totalCents: moneyToCents(l.grand_total ?? l.total_price),
});

function paymentsOf(spec: EventSpec, now: DateTime): TripleSeatPayment[] {
  const today = now.setZone(spec.location.zone);
  return (spec.money?.payments ?? []).map((p, index) => ({
    id: 880_000 + (spec.id % 1000) * 10 + index,
    amount: p.amount,
    date: today.minus({ days: p.daysAgo }).toFormat('MM/dd/yyyy'),
    kind: p.kind,
    payment_method: p.method,
    ...(p.refunded === undefined ? {} : { amount_refunded: p.refunded }),
  }));
}

function financialDocument(
  name: string,
  id: number,
  items: TripleSeatLineItem[] | undefined,
  financials: TripleSeatDocument['financials'],
  url: string,
): TripleSeatDocument {
  return { id, name, ...(items ? { line_items: items } : {}), financials, views: [{ name, url }] };
}

/** One spec as the API serves it, dated relative to `now` in the location's zone. */
export function buildSeededEvent(spec: EventSpec, now: DateTime, portalOrigin: string): SeededEvent {
  const day = now.setZone(spec.location.zone).plus({ days: spec.dayOffset });
  const start = day.set({ ...spec.start, second: 0, millisecond: 0 });
  const updated = now.minus({ hours: spec.updatedHoursAgo }).setZone(siteZone).set({ millisecond: 0 });
  const event = baseEvent({
    ...spec,
    start,
    end: start.plus({ hours: spec.hours }),
    updatedAt: spec.usUpdatedAt ? formatUsDateTime(updated) : formatIso(updated),
    createdAt: formatIso(now.minus({ days: 14 }).setZone(siteZone).set({ millisecond: 0 })),
  });
  if (spec.customFields) event.custom_fields = [...event.custom_fields, ...spec.customFields];
  const documentId = 7_312_000 + (spec.id % 1000);
  const withLineMoney = spec.money !== undefined;
  const lineItems = spec.items.map((item, index) => lineItem(item, documentId, index + 1, withLineMoney));
  const lines = spec.invoiceOnly?.lines ?? lineItems.map(lineTotal);
  const money: EventMoney = computeEventMoney(
    lines,
    spec.location.taxPercent,
    spec.money ?? { taxName: 'Tax' },
  );
  Object.assign(event, {
    billing_totals: billingTotals(money),
    category_totals: categoryTotals(lines),
    grand_total: centsToMoney(money.grandTotalCents),
    amount_due: centsToMoney(money.amountDueCents),
    deposit_amount: centsToMoney(money.depositCents),
    payments: paymentsOf(spec, now),
  });
  const hidden = spec.invoiceOnly !== undefined || spec.itemsOnlyInHtml === true;
  const invoice = financialDocument(
    'Invoice',
    documentId,
    hidden ? undefined : lineItems,
    documentFinancials(money, money.paidCents),
    invoiceUrl(portalOrigin, spec.id, documentId),
  );
  event.documents = [invoice];
  if (spec.proposalRepeatsItems) {
    const proposalId = documentId + 1000;
    const proposalItems = spec.items.map((item, index) =>
      lineItem(item, proposalId, index + 1, withLineMoney),
    );
    const proposal = financialDocument(
      'Proposal',
      proposalId,
      proposalItems,
      documentFinancials(money, 0),
      invoiceUrl(portalOrigin, spec.id, proposalId),
    );
    event.documents = [proposal, invoice];
  }
  const invoiceRows =
    spec.invoiceOnly?.rows ?? (spec.itemsOnlyInHtml ? invoiceRowsFromLineItems(lineItems) : undefined);
  return invoiceRows ? { event, invoiceRows } : { event };
}

export interface FillerOptions {
  /** Local event date "YYYY-MM-DD"; default the location's today. */
  date?: string;
  locationId?: 101 | 102;
  /** Default PROSPECT, so a bulk sync skips fillers instead of failing on their empty menus. */
  status?: string;
}

/** A bare event (no documents) used to fill search pages. */
export function fillerEvent(id: number, now: Date, options: FillerOptions = {}): TripleSeatEvent {
  const location = options.locationId === 102 ? locations.denver : locations.downtown;
  const today = DateTime.fromJSDate(now).setZone(location.zone);
  const day = options.date ? DateTime.fromISO(options.date, { zone: location.zone }) : today;
  if (!day.isValid) throw new RangeError(`filler date must be YYYY-MM-DD, got ${options.date}`);
  const start = day.set({ hour: 14, minute: 0, second: 0, millisecond: 0 });
  const stamp = formatIso(
    DateTime.fromJSDate(now).minus({ minutes: 30 }).setZone(siteZone).set({ millisecond: 0 }),
  );
  return baseEvent({
    id,
    name: `Filler Event ${id}`,
    status: options.status ?? 'PROSPECT',
    location,
    start,
    end: start.plus({ hours: 1 }),
    contact: ['Filler', 'Guest'],
    guests: 2,
    updatedAt: stamp,
    createdAt: stamp,
  });
}
