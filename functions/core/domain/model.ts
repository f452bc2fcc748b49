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
  totalCents: number;
}

export interface TripleSeatDocument {
  id: string;
  name: string;
  /** Undefined when the API sent no `line_items` key at all (then the invoice HTML is used). */
  lineItems: EventItem[] | undefined;
  /** The "invoice" view's URL (portal page fetched without auth), if any. */
  invoiceUrl: string | undefined;
  grandTotalCents: number | undefined;
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
}

export interface RevelOrder {
  id: number;
  uuid: string | undefined;
  localId: string | undefined;
  establishmentId: number | undefined;
  subtotalCents: number | undefined;
  finalTotalCents: number | undefined;
}

export interface RevelOrderItem {
  id: number;
  uuid: string | undefined;
  orderId: number | undefined;
  productId: number | undefined;
  quantity: number;
}
