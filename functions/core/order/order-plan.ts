import { DateTime } from 'luxon';
import type { RevelLocationConfig } from '#functions/core/config/sync-config';
import { InputError } from '#functions/core/domain/errors';
import type { TripleSeatEvent } from '#functions/core/domain/model';
import type {
  ItemNameField,
  OrderPlan,
  PlannedLine,
  PlannedPayment,
  PlannedServiceFee,
} from '#functions/core/domain/planned-order';
import { type MoneyInput, spreadCents } from '#functions/core/money/money-plan';
import { deterministicUuid } from './deterministic-uuid';
import type { MappedLine } from './product-mapping';

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
  /** TripleSeat's money, its settings resolved (money-plan.ts); absent: the items alone, nothing paid. */
  money?: MoneyInput | undefined;
  orderHistory: boolean;
  totalsWithCreate?: boolean | undefined;
  /**
   * Set for an order written to the test establishment: its uuids differ from the real order's, so
   * the real one can be written later under the same local_id without reusing a uuid (whether Revel
   * accepts one uuid in two establishments is unknown).
   */
  uuidScope?: string | undefined;
  /** Where a line's TripleSeat name goes (default `product_name_override`). */
  itemNameFields?: readonly ItemNameField[] | undefined;
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
  const money = input.money;
  const uuidKey = input.uuidScope === undefined ? input.localId : `${input.localId}#${input.uuidScope}`;
  const itemLines = input.lines.map(
    (line, index): PlannedLine => ({
      uuid: deterministicUuid(
        'item',
        uuidKey,
        String(index),
        String(line.productId),
        String(line.item.quantity),
      ),
      productId: line.productId,
      nameOverride: line.nameOverride,
      quantity: line.item.quantity,
      unitPriceCents: line.item.unitPriceCents,
      totalCents: line.item.totalCents,
      ...(line.item.discountCents ? { discountCents: line.item.discountCents } : {}),
    }),
  );
  const taxCents = money?.taxMode === 'tripleseat' ? money.taxes.reduce((sum, t) => sum + t.cents, 0) : 0;
  const taxes = spreadCents(
    taxCents,
    itemLines.map((l) => l.totalCents - (l.discountCents ?? 0)),
  );
  const taxed = itemLines.map((line, i) => (taxes[i] ? { ...line, taxCents: taxes[i] } : line));
  const feeLines = (money?.charges ?? []).flatMap((charge, i): PlannedLine[] => {
    if (!('productId' in charge.target)) return [];
    const index = itemLines.length + i;
    return [
      {
        uuid: deterministicUuid('item', uuidKey, String(index), String(charge.target.productId), '1'),
        productId: charge.target.productId,
        nameOverride: charge.name,
        quantity: 1,
        unitPriceCents: charge.cents,
        totalCents: charge.cents,
        charge: charge.name,
      },
    ];
  });
  const lines = [...taxed, ...feeLines];
  const subtotalCents = lines.reduce((sum, l) => sum + l.totalCents - (l.discountCents ?? 0), 0);
  const discountCents = (money?.discounts ?? []).reduce((sum, d) => sum + d.cents, 0);
  const serviceFees = (money?.charges ?? []).flatMap((charge, i): PlannedServiceFee[] =>
    'serviceFeeId' in charge.target
      ? [
          {
            uuid: deterministicUuid('fee', uuidKey, String(i), String(charge.target.serviceFeeId)),
            name: charge.name,
            serviceFeeId: charge.target.serviceFeeId,
            amountCents: charge.cents,
          },
        ]
      : [],
  );
  const feeCents = serviceFees.reduce((sum, f) => sum + f.amountCents, 0);
  const statedTax = (money?.taxes ?? []).reduce((sum, t) => sum + t.cents, 0);
  const finalTotalCents =
    money?.grandTotalCents === undefined
      ? subtotalCents - discountCents + feeCents + taxCents
      : money.grandTotalCents - (statedTax - taxCents);
  const payments = (money?.payments ?? []).map(
    (p, i): PlannedPayment => ({
      paymentTypeId: money?.tenderId ?? 0,
      uuid: deterministicUuid('payment', uuidKey, String(i), String(p.cents)),
      amountCents: p.cents,
      createdDate: paymentTime(p.date ?? money?.fallbackDate ?? input.timestampLocal.slice(0, 10), i),
    }),
  );
  const paidCents = payments.reduce((sum, p) => sum + p.amountCents, 0);
  const remainingDueCents =
    money?.amountDueCents !== undefined && money.taxMode === 'tripleseat'
      ? money.amountDueCents
      : Math.max(0, finalTotalCents - paidCents);
  const lineDiscountId = lines.some((l) => l.discountCents) ? money?.discountId : undefined;
  return {
    eventId: input.eventId,
    localId: input.localId,
    establishmentId: input.revel.establishmentId,
    orderUuid: deterministicUuid('order', uuidKey),
    timestampLocal: input.timestampLocal,
    notes: input.notes,
    pickupTime: input.pickupTime,
    callName: input.callName,
    userId: input.revel.userId,
    stationId: input.revel.stationId,
    diningOption: input.revel.diningOption,
    lines,
    subtotalCents,
    ...(lineDiscountId === undefined ? {} : { lineDiscountId }),
    ...(discountCents !== 0 && money?.discountId !== undefined
      ? {
          discount: {
            discountId: money.discountId,
            amountCents: discountCents,
            reason: `Triple Seat: ${money.discounts.map((d) => d.name).join(' + ')}`,
          },
        }
      : {}),
    serviceFees,
    taxCents,
    finalTotalCents,
    remainingDueCents,
    payments,
    close: (money?.closeWhenPaid ?? false) && remainingDueCents === 0 && paidCents === finalTotalCents,
    orderHistory: input.orderHistory,
    totalsWithCreate: input.totalsWithCreate ?? false,
    itemNameFields: input.itemNameFields ?? ['product_name_override'],
  };
}

/** `YYYY-MM-DD` → naive local noon, plus the payment's place as seconds: unique within the order. */
function paymentTime(day: string, index: number): string {
  const minutes = String(Math.floor(index / 60) % 60).padStart(2, '0');
  const seconds = String(index % 60).padStart(2, '0');
  return `${day}T12:${minutes}:${seconds}`;
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
