import * as z from 'zod';
import type {
  DriftField,
  EventFingerprint,
  FieldChange,
  FingerprintLine,
  FingerprintPayment,
  FingerprintPayments,
} from '#functions/core/domain/event-fingerprint';
import type { EventInvoice, TripleSeatEvent } from '#functions/core/domain/model';
import { formatCents } from '#functions/core/money/cents';

/** The changes that alter the order's notes (the kitchen's ticket): order-plan.ts `orderNotesFor`. */
export const KITCHEN_FIELDS: readonly DriftField[] = ['kitchen_notes', 'guest_count', 'time'];

const named = (list: readonly { name: string; cents: number }[]): string[] =>
  list.map((x) => `${x.name} ${formatCents(x.cents)}`).sort();

export function fingerprintOf(event: TripleSeatEvent, invoice: EventInvoice | undefined): EventFingerprint {
  return {
    status: event.status.toUpperCase(),
    date: event.eventDate,
    start: event.startLocal ?? null,
    locationId: event.locationId ?? null,
    guestCount: event.guestCount ?? null,
    deleted: event.deleted,
    lines: invoice?.lines
      .map((l) => ({
        name: l.name,
        quantity: l.quantity,
        unitPriceCents: l.unitPriceCents,
        totalCents: l.totalCents - (l.discountCents ?? 0),
      }))
      .sort((a, b) => lineKey(a).localeCompare(lineKey(b)) || a.quantity - b.quantity),
    kitchen: invoice && [
      ...(event.kitchenNotes ?? []).map((n) => `${n.label}: ${n.text}`),
      ...invoice.instructions,
    ],
    money: invoice && {
      subtotalCents: invoice.subtotalCents ?? null,
      grandTotalCents: invoice.grandTotalCents ?? null,
      discounts: named(invoice.discounts),
      charges: named(invoice.charges),
      taxes: named(invoice.taxes),
      payments: paymentsOf(invoice),
    },
  };
}

/** The payments that count (cents > 0, as money-plan.ts `resolveMoney` keeps them), in TripleSeat's order. */
export function paymentsOf(invoice: Pick<EventInvoice, 'payments' | 'amountDueCents'>): FingerprintPayments {
  const list = (invoice.payments ?? [])
    .filter((p) => p.cents !== 0)
    .map((p) => ({ cents: p.cents, date: p.date ?? null, kind: p.kind, id: p.id ?? null }));
  return {
    paidCents: list.reduce((sum, p) => sum + p.cents, 0),
    dueCents: invoice.amountDueCents ?? null,
    list,
  };
}

/** The same event after a delete: what was known, marked deleted. */
export const deletedFingerprint = (before: EventFingerprint): EventFingerprint => ({
  ...before,
  deleted: true,
});

/** A line is the same line when its name and unit price are (a quantity change is a change of it). */
export const lineKey = (line: Pick<FingerprintLine, 'name' | 'unitPriceCents'>): string =>
  `${line.name.trim().toLowerCase()}|${line.unitPriceCents}`;

const show = (value: string | number | null): string => (value === null ? '(none)' : String(value));
const showLines = (lines: readonly FingerprintLine[]): string =>
  lines.length === 0
    ? '(none)'
    : lines.map((l) => `${l.quantity} × ${l.name} @ ${formatCents(l.unitPriceCents)}`).join('; ');
const showKitchen = (kitchen: readonly string[]): string =>
  kitchen.length === 0 ? '(none)' : kitchen.join(' | ');
export const showPayments = (payments: FingerprintPayments): string =>
  [
    `paid ${formatCents(payments.paidCents)}`,
    `due ${payments.dueCents === null ? '(none)' : formatCents(payments.dueCents)}`,
    ...payments.list.map(
      (p) =>
        `${p.kind} ${formatCents(p.cents)} on ${p.date ?? '(no date)'}${p.id === null ? '' : ` #${p.id}`}`,
    ),
  ].join('; ');
const showMoney = (money: NonNullable<EventFingerprint['money']>): string =>
  [
    `subtotal ${money.subtotalCents === null ? '(none)' : formatCents(money.subtotalCents)}`,
    `total ${money.grandTotalCents === null ? '(none)' : formatCents(money.grandTotalCents)}`,
    ...money.discounts.map((d) => `discount ${d}`),
    ...money.charges.map((c) => `charge ${c}`),
    ...money.taxes.map((t) => `tax ${t}`),
  ].join('; ');

/**
 * What differs between the fingerprint an order was built from and the event now, field by field.
 * Lines and money are compared only when both sides could be read.
 */
export function diffFingerprints(before: EventFingerprint, after: EventFingerprint): FieldChange[] {
  const changes: FieldChange[] = [];
  const scalar = (field: DriftField, a: string | number | null, b: string | number | null) => {
    if (a !== b) changes.push({ field, before: show(a), after: show(b) });
  };
  if (before.deleted !== after.deleted)
    changes.push({ field: 'deleted', before: 'exists', after: after.deleted ? 'deleted' : 'exists' });
  scalar('status', before.status, after.status);
  scalar('date', before.date, after.date);
  scalar('time', before.start, after.start);
  scalar('location', before.locationId, after.locationId);
  scalar('guest_count', before.guestCount, after.guestCount);
  if (before.lines && after.lines) {
    const a = showLines(before.lines);
    const b = showLines(after.lines);
    if (a !== b) changes.push({ field: 'items', before: a, after: b });
  }
  if (before.kitchen && after.kitchen) {
    const a = showKitchen(before.kitchen);
    const b = showKitchen(after.kitchen);
    if (a !== b) changes.push({ field: 'kitchen_notes', before: a, after: b });
  }
  if (before.money && after.money) {
    const a = showMoney(before.money);
    const b = showMoney(after.money);
    if (a !== b) changes.push({ field: 'money', before: a, after: b });
  }
  const paidBefore = before.money?.payments;
  const paidAfter = after.money?.payments;
  if (paidBefore && paidAfter) {
    const a = showPayments(paidBefore);
    const b = showPayments(paidAfter);
    // An amount due that moved with the grand total is the money change (items added): a payments
    // change is a payment made, refunded or removed, or a due that moved on its own.
    const dueAlone =
      paidBefore.dueCents !== paidAfter.dueCents &&
      before.money?.grandTotalCents === after.money?.grandTotalCents;
    const listed =
      showPayments({ ...paidBefore, dueCents: null }) !== showPayments({ ...paidAfter, dueCents: null });
    if (a !== b && (listed || dueAlone)) changes.push({ field: 'payments', before: a, after: b });
  }
  return changes;
}

/** How the payments moved: those made since (each with its place in `after`), and whether any went away. */
export interface PaymentsMove {
  added: { payment: FingerprintPayment; index: number }[];
  /** A payment gone or smaller (a refund, a deletion): never written to Revel, only alerted. */
  reduced: boolean;
}

const samePayment = (a: FingerprintPayment, b: FingerprintPayment): boolean =>
  a.id !== null && b.id !== null
    ? a.id === b.id
    : a.cents === b.cents && a.date === b.date && a.kind === b.kind;

/**
 * Matches each payment of `before` to one of `after` (the same TripleSeat id, or without ids the same
 * amount, day and kind; an id kept with another amount is a reduced or grown payment): what is left
 * of `after` was paid since.
 */
export function movedPayments(before: FingerprintPayments, after: FingerprintPayments): PaymentsMove {
  const taken = new Set<number>();
  let reduced = after.paidCents < before.paidCents;
  for (const payment of before.list) {
    const index = after.list.findIndex((p, i) => !taken.has(i) && samePayment(p, payment));
    const match = after.list[index];
    if (!match) {
      reduced = true;
      continue;
    }
    taken.add(index);
    if (match.cents !== payment.cents) reduced = true;
  }
  const added = after.list.flatMap((payment, index) => (taken.has(index) ? [] : [{ payment, index }]));
  return { added, reduced };
}

/**
 * Lines of `after` that the order built from `before` lacks: a line not there at all, or the part
 * of a quantity that grew. Lines that shrank or vanished are not returned (nothing is ever removed).
 */
export function missingLines(
  before: readonly FingerprintLine[],
  after: readonly FingerprintLine[],
): FingerprintLine[] {
  const had = new Map<string, number>();
  for (const line of before) had.set(lineKey(line), (had.get(lineKey(line)) ?? 0) + line.quantity);
  const missing: FingerprintLine[] = [];
  for (const line of after) {
    const key = lineKey(line);
    const available = had.get(key) ?? 0;
    const lacking = line.quantity - Math.max(0, available);
    had.set(key, available - line.quantity);
    if (lacking <= 0) continue;
    const quantity = Math.min(lacking, line.quantity);
    missing.push({ ...line, quantity, totalCents: Math.round(line.unitPriceCents * quantity) });
  }
  return missing;
}

export const serializeFingerprint = (fingerprint: EventFingerprint): string => JSON.stringify(fingerprint);

const lineSchema = z.object({
  name: z.string(),
  quantity: z.number(),
  unitPriceCents: z.number(),
  totalCents: z.number(),
});
/** FingerprintPayments as stored (here and in the drift record's baseline, drift-log-dynamodb.ts). */
export const fingerprintPaymentsSchema = z.object({
  paidCents: z.number(),
  dueCents: z.number().nullable(),
  list: z.array(
    z.object({
      cents: z.number(),
      date: z.string().nullable(),
      kind: z.enum(['deposit', 'payment']),
      id: z.string().nullable(),
    }),
  ),
});
const fingerprintSchema = z.object({
  status: z.string(),
  date: z.string(),
  start: z.string().nullable(),
  locationId: z.string().nullable(),
  guestCount: z.number().nullable(),
  deleted: z.boolean(),
  lines: z.array(lineSchema).optional(),
  kitchen: z.array(z.string()).optional(),
  money: z
    .object({
      subtotalCents: z.number().nullable(),
      grandTotalCents: z.number().nullable(),
      discounts: z.array(z.string()),
      charges: z.array(z.string()),
      taxes: z.array(z.string()),
      payments: fingerprintPaymentsSchema.optional(),
    })
    .optional(),
});

/** The stored fingerprint, or undefined when there is none or it cannot be read (then nothing is compared). */
export function parseFingerprint(stored: string | undefined): EventFingerprint | undefined {
  if (stored === undefined) return undefined;
  try {
    const parsed = fingerprintSchema.safeParse(JSON.parse(stored));
    return parsed.success
      ? { ...parsed.data, lines: parsed.data.lines, kitchen: parsed.data.kitchen, money: parsed.data.money }
      : undefined;
  } catch {
    return undefined;
  }
}
