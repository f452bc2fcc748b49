// What an injected order was built from, and the fields a later change of its event can name
// (compared by core/drift/fingerprint.ts; kept in the ledger and the drift record).

/** One ordered line as the order was built from it. */
export interface FingerprintLine {
  name: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
}

/** One payment TripleSeat lists, in its place among the event's payments (order-plan.ts keys on it). */
export interface FingerprintPayment {
  cents: number;
  /** Local day `YYYY-MM-DD`; null when TripleSeat gave none. */
  date: string | null;
  kind: 'deposit' | 'payment';
  /** TripleSeat's payment id; null when the payment was not itemised with one. */
  id: string | null;
}

/** What the guest has paid, as TripleSeat says it: the part of the money a cashier acts on. */
export interface FingerprintPayments {
  paidCents: number;
  /** TripleSeat's amount due; null when it stated none. */
  dueCents: number | null;
  /** In TripleSeat's order (payments.ts `mergePayments`), not sorted: a payment's place is its key. */
  list: FingerprintPayment[];
}

/**
 * What a Revel order was built from, kept with the injected record (ledger `fingerprint`) so a
 * later look at the event can say what changed since: lines, money, day and time, location, guest
 * count, status, payments. `lines` and `money` are undefined when the event's items could not be read.
 */
export interface EventFingerprint {
  status: string;
  date: string;
  start: string | null;
  locationId: string | null;
  guestCount: number | null;
  deleted: boolean;
  lines: FingerprintLine[] | undefined;
  /**
   * The kitchen's information the order's notes are built from besides guest count and start: the
   * event's allergy/diet/notes fields and the special-instruction rows, in order. Undefined when the
   * items could not be read, or in fingerprints kept before it was (then it is not compared).
   */
  kitchen?: string[] | undefined;
  money:
    | {
        subtotalCents: number | null;
        grandTotalCents: number | null;
        discounts: string[];
        charges: string[];
        taxes: string[];
        /**
         * Undefined in fingerprints kept before payments were (then compared against the first seen,
         * DriftState.paymentsBaseline).
         */
        payments?: FingerprintPayments | undefined;
      }
    | undefined;
}

/** A field that differs, as a person would read it. */
export interface FieldChange {
  field: DriftField;
  before: string;
  after: string;
}

/** Every field a change of an injected event can name, in the order a diff lists them. */
export const DRIFT_FIELDS = [
  'status',
  'deleted',
  'date',
  'time',
  'location',
  'guest_count',
  'items',
  'kitchen_notes',
  'money',
  'payments',
] as const;
export type DriftField = (typeof DRIFT_FIELDS)[number];
