import type { RevelProduct } from '#functions/core/domain/model';
import type { RevelReferenceState, RevelReferences } from './revel-references';

/** The token request's outcome: which grant, and whether TripleSeat handed out a new refresh token. */
export interface TokenProbe {
  grant: 'refresh_token' | 'client_credentials';
  /** True when the refresh token rotated: the configured one is spent and the new one must be stored. */
  refreshTokenRotated: boolean;
}

/** One listed event, enough to pick a recent one and to see which locations exist. */
export interface ProbedEvent {
  id: string;
  locationId: string | undefined;
  eventDate: string | undefined;
}

/**
 * Which shapes a `show_financial` event uses (docs/doctor.md), detected on the raw JSON by the
 * adapter (functions/tripleseat/event-shapes.ts), and what our reader made of it.
 */
export interface TripleSeatEventShapes {
  eventId: string;
  /** Where payments were found: `payment_set`, `event payments[]`, `deposit_amount`; empty: none. */
  paymentsIn: string[];
  /** How documents are named: `title`, `name`; empty when no document says. */
  documentNaming: string[];
  documents: number;
  /** Billing rows seen: `event {name,total}` ×n, `document {description,total_price}` ×n. */
  billingRows: string[];
  /** Documents carrying `line_items`, and documents with only an invoice view. */
  documentsWithLineItems: number;
  documentsWithInvoiceViewOnly: number;
  /** Undefined when our event reader accepts it; else its refusal. */
  readError: string | undefined;
}

/** Read-only TripleSeat look-ups of the doctor (implemented by functions/tripleseat/doctor-probe.ts). */
export interface TripleSeatProbe {
  readonly host: string;
  requestToken(): Promise<TokenProbe>;
  /** Events dated in the window (`YYYY-MM-DD`, inclusive), without financials. */
  listEvents(from: string, to: string): Promise<ProbedEvent[]>;
  readEventShapes(eventId: string): Promise<TripleSeatEventShapes>;
}

/** The fields of one Revel order that the read-back depends on, as Revel returned them. */
export interface RevelOrderShapes {
  orderId: number;
  /** Which fee fields the order carries, of `service_fee_untaxed/_taxed/_tax`, `service_charge`, `applied_service_fee[]`, `service_fee_amount`. */
  feeFields: string[];
  /** `boolean`, `number` (0/1), `absent`, …: the JSON type of `closed`. */
  closedType: string;
  closed: boolean | undefined;
  /** The JSON type of `local_id`. */
  localIdType: string;
  /** Money as Revel holds it, in cents (undefined: not returned). */
  subtotalCents: number | undefined;
  finalTotalCents: number | undefined;
  discountCents: number | undefined;
  remainingDueCents: number | undefined;
  /** The sum of `service_fee_untaxed` + `service_fee_taxed`, when returned. */
  serviceFeeCents: number | undefined;
  /** `deleted` as Revel returned it (the guessed void, docs/doctor.md). */
  deleted: boolean | undefined;
}

/** Read-only Revel look-ups of the doctor, plus the void of its own test order (functions/revel/doctor-probe.ts). */
export interface RevelProbe extends RevelReferences {
  readonly host: string;
  /** `GET /resources/CustomPaymentType/<id>/`. */
  lookUpTender(id: number): Promise<RevelReferenceState>;
  listProducts(establishmentId: number): Promise<RevelProduct[]>;
  /** The establishment's most recent order, if any. */
  latestOrder(establishmentId: number): Promise<RevelOrderShapes | undefined>;
  readOrder(orderId: number): Promise<RevelOrderShapes>;
  /** Voids the doctor's own test order (guessed: docs/doctor.md, "How the test order is voided"). */
  voidOrder(orderId: number): Promise<void>;
}
