import { DateTime } from 'luxon';
import type { RevelLocationConfig } from '../config/sync-config';
import { InputError } from '../domain/errors';
import type { TripleSeatEvent } from '../domain/model';
import { deterministicUuid } from './deterministic-uuid';
import type { MappedLine } from './product-mapping';

export interface PlannedLine {
  uuid: string;
  productId: number;
  nameOverride?: string | undefined;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
}

export interface PlannedPayment {
  paymentTypeId: number;
  uuid: string;
}

/** Everything the saga writes, fixed up front so a resumed run writes exactly the same rows. */
export interface OrderPlan {
  eventId: string;
  localId: string;
  establishmentId: number;
  orderUuid: string;
  /** Naive establishment-local `YYYY-MM-DDTHH:mm:ss`: Revel shows UTC (`Z`) times on the wrong day. */
  timestampLocal: string;
  notes: string;
  /** Naive local `YYYY-MM-DDTHH:mm:ss` of the event's start in the location's zone, when known. */
  pickupTime?: string | undefined;
  callName: string;
  userId: number;
  stationId: number;
  diningOption: number;
  lines: PlannedLine[];
  subtotalCents: number;
  payment?: PlannedPayment | undefined;
  orderHistory: boolean;
  /** The create carries the totals; no totals step after the items (`revel.totalsWithCreate`). */
  totalsWithCreate: boolean;
}

export interface OrderPlanInput {
  eventId: string;
  localId: string;
  /** The Revel settings of the event's location (or the test location). */
  revel: RevelLocationConfig;
  timestampLocal: string;
  notes: string;
  pickupTime?: string | undefined;
  callName: string;
  lines: readonly MappedLine[];
  /** From `config.revel.payment` when enabled. */
  paymentTypeId?: number | undefined;
  orderHistory: boolean;
  totalsWithCreate?: boolean | undefined;
}

const NAIVE_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/** Uuids are derived from the local_id (and each line's place and content), never random. */
export function buildOrderPlan(input: OrderPlanInput): OrderPlan {
  if (!NAIVE_TIMESTAMP.test(input.timestampLocal)) {
    throw new InputError(
      'timestampLocal',
      `expected naive local YYYY-MM-DDTHH:mm:ss, got "${input.timestampLocal}"`,
    );
  }
  const lines = input.lines.map(
    (line, index): PlannedLine => ({
      uuid: deterministicUuid(
        'item',
        input.localId,
        String(index),
        String(line.productId),
        String(line.item.quantity),
      ),
      productId: line.productId,
      nameOverride: line.nameOverride,
      quantity: line.item.quantity,
      unitPriceCents: line.item.unitPriceCents,
      totalCents: line.item.totalCents,
    }),
  );
  return {
    eventId: input.eventId,
    localId: input.localId,
    establishmentId: input.revel.establishmentId,
    orderUuid: deterministicUuid('order', input.localId),
    timestampLocal: input.timestampLocal,
    notes: input.notes,
    pickupTime: input.pickupTime,
    callName: input.callName,
    userId: input.revel.userId,
    stationId: input.revel.stationId,
    diningOption: input.revel.diningOption,
    lines,
    subtotalCents: lines.reduce((sum, line) => sum + line.totalCents, 0),
    payment:
      input.paymentTypeId === undefined
        ? undefined
        : { paymentTypeId: input.paymentTypeId, uuid: deterministicUuid('payment', input.localId) },
    orderHistory: input.orderHistory,
    totalsWithCreate: input.totalsWithCreate ?? false,
  };
}

/**
 * Revel shows UTC timestamps on the wrong day: naive local store time
 * (docs/vendors/revel.md, "Creating an order").
 */
export function localTimestamp(instant: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!local.isValid)
    throw new InputError('timeZone', `cannot express ${instant.toISOString()} in "${timeZone}"`);
  return local.toFormat("yyyy-MM-dd'T'HH:mm:ss");
}

/**
 * Revel documents no length for an order's `notes`; 255 characters (the usual text-column size) is
 * the conservative choice (docs/vendors/revel.md, "Order notes and pickup time").
 */
export const ORDER_NOTES_LIMIT = 255;

/** What the kitchen and the counter need beyond the items. */
export interface KitchenInfo {
  /** Rows of excluded categories ("Special Instructions"), as TripleSeat wrote them. */
  instructions?: readonly string[];
  /** Naive local start in the location's zone (pickupTimeFor). */
  pickupTime?: string | undefined;
}

/**
 * "Triple Seat Event #55521609 — Smith rehearsal dinner", as the proven connector wrote it, then the
 * allergy and note fields, the special instructions, and the pickup time with the guest count; cut
 * to ORDER_NOTES_LIMIT with "…".
 */
export function orderNotesFor(
  event: Pick<TripleSeatEvent, 'id' | 'name'> & Partial<Pick<TripleSeatEvent, 'guestCount' | 'kitchenNotes'>>,
  kitchen: KitchenInfo = {},
): string {
  const name = event.name.trim();
  const header = name === '' ? `Triple Seat Event #${event.id}` : `Triple Seat Event #${event.id} — ${name}`;
  const pickup = kitchen.pickupTime ? DateTime.fromISO(kitchen.pickupTime) : undefined;
  const when = pickup?.isValid ? `Pickup ${pickup.toFormat('ccc LLL d, h:mm a')}` : '';
  const guests = event.guestCount === undefined ? '' : `${event.guestCount} guests`;
  const lines = [
    header,
    ...(event.kitchenNotes ?? []).map((n) => `${n.label}: ${n.text}`),
    ...(kitchen.instructions ?? []),
    [when, guests].filter((p) => p !== '').join(' · '),
  ].filter((l) => l.trim() !== '');
  return truncate(lines.join('\n'), ORDER_NOTES_LIMIT);
}

/** Cut to `limit` characters (code points), the last one "…". */
export function truncate(text: string, limit: number): string {
  const chars = [...text];
  return chars.length <= limit
    ? text
    : `${chars
        .slice(0, limit - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * The event's start in the location's zone, naive (Revel refuses UTC pickup times,
 * docs/vendors/revel.md, "Order notes and pickup time"); undefined when TripleSeat gave no start.
 */
export function pickupTimeFor(
  event: Pick<TripleSeatEvent, 'startUtc' | 'startLocal' | 'timeZone'>,
  timeZone: string,
): string | undefined {
  const format = "yyyy-MM-dd'T'HH:mm:ss";
  if (event.startUtc) {
    const instant = DateTime.fromISO(event.startUtc, { setZone: true });
    if (instant.isValid) return instant.setZone(timeZone).toFormat(format);
  }
  if (!event.startLocal) return undefined;
  const local = DateTime.fromISO(event.startLocal, { zone: event.timeZone ?? timeZone });
  return local.isValid ? local.setZone(timeZone).toFormat(format) : undefined;
}

/** "<guest> | <phone>" for the kitchen ticket; the event name when TripleSeat gave no contact. */
export function callNameFor(event: Pick<TripleSeatEvent, 'name' | 'contact'>): string {
  const contact = event.contact;
  const guest = contact ? `${contact.firstName} ${contact.lastName}`.trim() : '';
  const parts = [guest || event.name.trim(), contact?.phone?.trim() ?? ''].filter((p) => p !== '');
  return parts.join(' | ');
}
