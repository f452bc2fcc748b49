/**
 * The engine's own view of the vendors' data, after the edge schemas have normalised it
 * (money in integer cents, quantities as numbers, `{event:{…}}` unwrapped, names trimmed).
 * The zod schemas in tripleseat/ and revel/ produce exactly these shapes.
 */

export type EventStatus =
  | 'PROSPECT'
  | 'TENTATIVE'
  | 'DEFINITE'
  | 'CLOSED'
  | 'LOST'
  | 'WAITLIST'
  | (string & {});

export interface TripleSeatContact {
  firstName: string;
  lastName: string;
  email: string | undefined;
  phone: string | undefined;
}

/** One row of a TripleSeat document, from `line_items` or parsed from the invoice HTML. */
export interface EventItem {
  source: 'line_items' | 'invoice_html';
  /** TripleSeat menu item id for menu rows; undefined for freehand rows and invoice rows. */
  menuItemId: string | undefined;
  /** Product name: menu `display_name`, else freehand `description`, cut before " - ". */
  name: string;
  /** The full text as TripleSeat shows it (for mails and logs of unmapped items). */
  description: string;
  category: string | undefined;
  quantity: number;
  unitPriceCents: number;
  /** Quantity × unit price as TripleSeat shows it, before any line discount. */
  totalCents: number;
  /** A discount on this line alone (positive cents); absent or 0 when the line has none. */
  discountCents?: number | undefined;
}

/** A named amount of an invoice: an order discount ("Discount") or a tax ("Sales Tax"), positive cents. */
export interface NamedAmount {
  name: string;
  cents: number;
}

/** Every kind of charge the money rows tell apart (tripleseat/money-rows.ts) and a mapping can name. */
export const CHARGE_KINDS = ['service_charge', 'gratuity', 'fee'] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

/** A charge on top of the items, by its TripleSeat name ("Service Charge (20%)", "Gratuity", a fee). */
export interface InvoiceCharge extends NamedAmount {
  kind: ChargeKind;
}

/** Money the guest already paid TripleSeat (a deposit or a later payment). */
export interface InvoicePayment {
  /** TripleSeat's payment id, when the payment was itemised with one. */
  id?: string | undefined;
  cents: number;
  /** Local calendar day `YYYY-MM-DD` when TripleSeat gave one. */
  date: string | undefined;
  kind: 'deposit' | 'payment';
  /**
   * Set on the one deposit read from the event's `deposit_amount` when nothing was itemised: a summary
   * that itemised payments from another source (the invoice page) replace when their deposits make it up.
   */
  summary?: true | undefined;
}

/**
 * The money one source states about an event or one of its documents: the event's JSON, a
 * document's `financials`, or an invoice page's totals table. A field is undefined when that source
 * did not say (an empty list means "said: none"), so sources can be merged field by field.
 */
export interface InvoiceMoney {
  subtotalCents: number | undefined;
  /** Order discounts (line discounts stay on their lines), positive cents. */
  discounts: NamedAmount[] | undefined;
  charges: InvoiceCharge[] | undefined;
  taxes: NamedAmount[] | undefined;
  grandTotalCents: number | undefined;
  payments: InvoicePayment[] | undefined;
  amountDueCents: number | undefined;
}

export const noMoney = (): InvoiceMoney => ({
  subtotalCents: undefined,
  discounts: undefined,
  charges: undefined,
  taxes: undefined,
  grandTotalCents: undefined,
  payments: undefined,
  amountDueCents: undefined,
});

/** An invoice page, parsed: its item rows and its totals table. */
export interface InvoicePage {
  items: EventItem[];
  money: InvoiceMoney;
}

/**
 * What an event orders and what it costs, normalised from whichever documents make up its grand
 * total (core/engine/event-items.ts): the input of the check before writing.
 */
export interface EventInvoice {
  /** The documents chosen, as "Invoice 7312619", for messages. */
  documents: string[];
  /** The rows to order (excluded categories and zero quantities left out). */
  lines: EventItem[];
  /** Text of the excluded rows ("Special Instructions"): information for the kitchen, not products. */
  instructions: string[];
  discounts: NamedAmount[];
  charges: InvoiceCharge[];
  taxes: NamedAmount[];
  subtotalCents: number | undefined;
  /** Undefined when TripleSeat stated no grand total anywhere: then only the bounds are checked. */
  grandTotalCents: number | undefined;
  /** Undefined when no source listed payments. */
  payments: InvoicePayment[] | undefined;
  amountDueCents: number | undefined;
}

/** A kitchen-relevant field of the event ("Allergies", notes), for the order's notes. */
export interface KitchenNote {
  label: string;
  text: string;
}

export interface TripleSeatDocument {
  id: string;
  /** The document's `title` (public models) or `name` (an older guess): "Invoice", "Proposal". */
  name: string;
  /** Undefined when the API sent no `line_items` key at all (then the invoice HTML is used). */
  lineItems: EventItem[] | undefined;
  /** The "invoice" view's URL (portal page fetched without auth), if any. */
  invoiceUrl: string | undefined;
  grandTotalCents: number | undefined;
  /** The document's `financials`; absent when TripleSeat sent none. */
  money?: InvoiceMoney | undefined;
}

export interface TripleSeatEvent {
  id: string;
  name: string;
  status: EventStatus;
  /** The event's local calendar day, `YYYY-MM-DD`. */
  eventDate: string;
  /** Local start `YYYY-MM-DDTHH:mm:ss` (no offset), when TripleSeat gave one. */
  startLocal: string | undefined;
  /** Instant of the start, ISO with offset or `Z`, when known. */
  startUtc: string | undefined;
  timeZone: string | undefined;
  siteId: string | undefined;
  locationId: string | undefined;
  locationName: string | undefined;
  guestCount: number | undefined;
  contact: TripleSeatContact | undefined;
  documents: TripleSeatDocument[];
  grandTotalCents: number | undefined;
  /** Event-level money (`billing_totals`, `amount_due`, `payments[]`…); absent when not sent. */
  money?: InvoiceMoney | undefined;
  /** Allergy and note fields for the kitchen; absent or empty when there are none. */
  kitchenNotes?: KitchenNote[] | undefined;
  /** As TripleSeat sent it (formats vary); compared for "changed since injected", never parsed for logic. */
  updatedAt: string | undefined;
  deleted: boolean;
}

/** Search criteria; dates are local calendar days `YYYY-MM-DD` (TripleSeat filters by day only). */
export interface EventSearch {
  eventDate?: { from: string; to: string };
  updated?: { from: string; to: string };
  locationIds?: readonly string[];
}

export interface RevelProduct {
  id: number;
  name: string;
  priceCents: number;
  active: boolean;
  /** The product's category name, when Revel serves one with its name (not a documented field). */
  category?: string | undefined;
}

export interface RevelOrder {
  id: number;
  uuid: string | undefined;
  localId: string | undefined;
  establishmentId: number | undefined;
  subtotalCents: number | undefined;
  finalTotalCents: number | undefined;
  /** Whether the order is closed (settled) in Revel; undefined when Revel did not say. */
  closed?: boolean | undefined;
}

/** An order's money as Revel holds it, read back after writing (undefined: Revel did not say). */
export interface RevelOrderMoney extends RevelOrder {
  taxCents: number | undefined;
  remainingDueCents: number | undefined;
  discountCents: number | undefined;
  /**
   * `service_fee_untaxed` + `service_fee_taxed`, the order's own fee fields (captured orders carry no
   * `service_fee_amount`); undefined when Revel sent neither. Whether Revel fills them for fees made
   * through the API is unknown, so they are never trusted alone (core/order/fee-figure.ts).
   */
  serviceFeeFieldsCents: number | undefined;
  closed: boolean | undefined;
}

export interface RevelOrderItem {
  id: number;
  uuid: string | undefined;
  orderId: number | undefined;
  productId: number | undefined;
  quantity: number;
  priceCents?: number | undefined;
  taxCents?: number | undefined;
  discountCents?: number | undefined;
  /** `product_name_override` as Revel kept it (undefined: absent, null or empty). */
  nameOverride?: string | undefined;
  /** `special_request` as Revel kept it (undefined: absent, null or empty). */
  specialRequest?: string | undefined;
}

/** A Payment on an order; `uuid` may be absent (Revel is not known to keep a client's). */
export interface RevelPayment {
  id: number;
  uuid: string | undefined;
  orderId: number | undefined;
  paymentTypeId: number | undefined;
  amountCents: number;
  createdDate: string | undefined;
}

/** An AppliedServiceFee on an order. */
export interface RevelServiceFee {
  id: number;
  uuid: string | undefined;
  orderId: number | undefined;
  serviceFeeId: number | undefined;
  amountCents: number;
}

export interface RevelOrderHistory {
  id: number;
  closed: boolean;
}
