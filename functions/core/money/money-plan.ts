import {
  type ChargeMapping,
  type RevelLocationConfig,
  type SyncConfig,
  type TaxMode,
  tenderFor,
} from '#functions/core/config/sync-config';
import type { EventInvoice, InvoiceCharge, InvoicePayment, NamedAmount } from '#functions/core/domain/model';
import { FailReason } from '#functions/core/domain/reasons';
import { formatCents } from './cents';

/** Where a charge goes in Revel: an AppliedServiceFee, or an OrderItem of an open-price fee product. */
export type ChargeTarget = { serviceFeeId: number } | { productId: number };

export interface ResolvedCharge extends InvoiceCharge {
  target: ChargeTarget;
}

/** TripleSeat's money with the Revel settings it needs, resolved before anything is written. */
export interface MoneyInput {
  /** Order discounts (line discounts stay on the lines). */
  discounts: NamedAmount[];
  /** The Revel Discount for order and line discounts; set whenever there is one. */
  discountId?: number | undefined;
  charges: ResolvedCharge[];
  taxes: NamedAmount[];
  taxMode: TaxMode;
  grandTotalCents: number | undefined;
  amountDueCents: number | undefined;
  payments: InvoicePayment[];
  /** Set whenever there are payments. */
  tenderId?: number | undefined;
  closeWhenPaid: boolean;
  /** `YYYY-MM-DD` for a payment TripleSeat gave no date (the event's day). */
  fallbackDate: string;
}

export interface MoneySettings {
  revel: RevelLocationConfig;
  tenderId: number | undefined;
  taxMode: TaxMode;
  closeWhenPaid: boolean;
  fallbackDate: string;
}

export type MoneyResolution =
  | { ok: true; money: MoneyInput }
  | {
      ok: false;
      reason:
        | typeof FailReason.DISCOUNT_NOT_CONFIGURED
        | typeof FailReason.UNMAPPED_CHARGES
        | typeof FailReason.PAYMENT_NOT_CONFIGURED;
      error: string;
    };

const squash = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** The mapping entry of a charge: by name first, then by kind. */
export function chargeTargetFor(
  charge: Pick<InvoiceCharge, 'name' | 'kind'>,
  mapping: readonly ChargeMapping[],
): ChargeTarget | undefined {
  const entry =
    mapping.find((m) => m.name !== undefined && squash(m.name) === squash(charge.name)) ??
    mapping.find((m) => m.name === undefined && m.kind === charge.kind);
  if (!entry) return undefined;
  if (entry.serviceFeeId !== undefined) return { serviceFeeId: entry.serviceFeeId };
  return entry.productId === undefined ? undefined : { productId: entry.productId };
}

/** The settings of one location's money, as the engine reads them from the sync config. */
export function moneySettingsFor(
  config: Pick<SyncConfig, 'revel' | 'tax'>,
  revel: RevelLocationConfig,
  fallbackDate: string,
): MoneySettings {
  return {
    revel,
    tenderId: tenderFor(config, revel),
    taxMode: config.tax.mode,
    closeWhenPaid: config.revel.closeWhenPaid,
    fallbackDate,
  };
}

type MoneyFailureReason =
  | typeof FailReason.DISCOUNT_NOT_CONFIGURED
  | typeof FailReason.UNMAPPED_CHARGES
  | typeof FailReason.PAYMENT_NOT_CONFIGURED;

/** One setting the event's money needs and the location lacks. */
export interface MissingMoneySetting {
  reason: MoneyFailureReason;
  error: string;
  /** The key under the location's `revel` settings to add. */
  setting: 'discountId' | 'charges.mapping' | 'tenderId';
  /** What needs it, e.g. `discount Triple Seat Discount 20.00`. */
  what: string;
  /** For `charges.mapping`: the charges without an entry. */
  charges: InvoiceCharge[];
}

/**
 * Every setting the event's money needs and the location lacks, in the order the engine checks
 * them: a discount (order or line) needs `discountId`, each charge a `charges.mapping` entry,
 * payments a tender. The engine stops at the first (resolveMoney); preflight reports them all.
 */
export function missingMoneySettings(invoice: EventInvoice, settings: MoneySettings): MissingMoneySetting[] {
  const { revel } = settings;
  const missing: MissingMoneySetting[] = [];
  const discounted = [
    ...invoice.discounts.filter((d) => d.cents !== 0).map((d) => `${d.name} ${formatCents(d.cents)}`),
    ...invoice.lines
      .filter((l) => (l.discountCents ?? 0) !== 0)
      .map((l) => `line "${l.name}" ${formatCents(l.discountCents ?? 0)}`),
  ];
  if (discounted.length > 0 && revel.discountId === undefined) {
    missing.push({
      what: `discount ${discounted.join(', ')}`,
      reason: FailReason.DISCOUNT_NOT_CONFIGURED,
      error: `discount ${discounted.join(', ')} needs locations[].revel.discountId (the open-amount "Triple Seat Discount" of establishment ${revel.establishmentId})`,
      setting: 'discountId',
      charges: [],
    });
  }
  const mapping = revel.charges?.mapping ?? [];
  const unmapped = invoice.charges.filter((c) => c.cents !== 0 && chargeTargetFor(c, mapping) === undefined);
  if (unmapped.length > 0) {
    missing.push({
      what: `charges ${unmapped.map((c) => `${c.name} (${c.kind}) ${formatCents(c.cents)}`).join(', ')}`,
      reason: FailReason.UNMAPPED_CHARGES,
      error: `no locations[].revel.charges.mapping entry for: ${unmapped
        .map((c) => `${c.name} (${c.kind}) ${formatCents(c.cents)}`)
        .join(', ')}`,
      setting: 'charges.mapping',
      charges: unmapped,
    });
  }
  const payments = (invoice.payments ?? []).filter((p) => p.cents !== 0);
  if (payments.length > 0 && settings.tenderId === undefined) {
    missing.push({
      what: `payments ${payments.map((p) => `${p.kind} ${formatCents(p.cents)}`).join(', ')}`,
      reason: FailReason.PAYMENT_NOT_CONFIGURED,
      error: `payments ${payments
        .map((p) => `${p.kind} ${formatCents(p.cents)}`)
        .join(
          ', ',
        )} need locations[].revel.tenderId (the "Triple Seat" tender of establishment ${revel.establishmentId})`,
      setting: 'tenderId',
      charges: [],
    });
  }
  return missing;
}

/**
 * Every setting the event's money needs, or the first one missing, named (nothing is written then):
 * a discount (order or line) needs `discountId`, each charge a `charges.mapping` entry, payments a tender.
 */
export function resolveMoney(invoice: EventInvoice, settings: MoneySettings): MoneyResolution {
  const [first] = missingMoneySettings(invoice, settings);
  if (first) return { ok: false, reason: first.reason, error: first.error };
  const { revel } = settings;
  const mapping = revel.charges?.mapping ?? [];
  const charges = invoice.charges.filter((c) => c.cents !== 0);
  return {
    ok: true,
    money: {
      discounts: invoice.discounts.filter((d) => d.cents !== 0),
      discountId: revel.discountId,
      charges: charges.map((c) => ({ ...c, target: chargeTargetFor(c, mapping) as ChargeTarget })),
      taxes: invoice.taxes,
      taxMode: settings.taxMode,
      grandTotalCents: invoice.grandTotalCents,
      amountDueCents: invoice.amountDueCents,
      payments: (invoice.payments ?? []).filter((p) => p.cents !== 0),
      tenderId: settings.tenderId,
      closeWhenPaid: settings.closeWhenPaid,
      fallbackDate: settings.fallbackDate,
    },
  };
}

/**
 * `total` split over `weights` in proportion, each part whole cents, the parts adding up to `total`
 * exactly (largest remainder). Zero or negative weights get nothing; with no positive weight, the
 * first part takes it all.
 */
export function spreadCents(total: number, weights: readonly number[]): number[] {
  if (total < 0) return spreadCents(-total, weights).map((part) => -part);
  const positive = weights.map((w) => Math.max(0, w));
  const sum = positive.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = positive.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}
