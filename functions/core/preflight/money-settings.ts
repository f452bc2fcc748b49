import type { LocationConfig, SyncConfig } from '../config/sync-config';
import type { EventInvoice } from '../domain/model';
import { formatCents } from '../domain/money';
import { FailReason } from '../engine/reasons';
import type { RevelReferenceKind } from '../ports/revel-references';

/** What one money rule finds missing for one event: a reason, what is wrong, what to add. */
export interface SettingFinding {
  reason: string;
  detail: string;
  fix: string;
}

/**
 * One rule per kind of money on an invoice: "this discount / charge / payment has its setting".
 * A rule looks at the event's invoice and the config only (no vendor call), and returns what is
 * missing. A new money setting is one more function in `moneySettingRules`.
 */
export type MoneySettingRule = (
  invoice: EventInvoice,
  config: SyncConfig,
  location: LocationConfig,
) => SettingFinding | undefined;

/** Payments (deposits) need a Revel tender: `revel.payment` (enabled, with its payment type). */
export const paymentHasTender: MoneySettingRule = (invoice, config) => {
  const paid = invoice.payments ?? [];
  if (paid.length === 0 || config.revel.payment?.enabled === true) return undefined;
  const total = paid.reduce((sum, p) => sum + p.cents, 0);
  return {
    reason: FailReason.PAYMENT_NOT_CONFIGURED,
    detail: `${paid.length} payment(s) of ${formatCents(total)} and no Revel tender configured`,
    fix: 'set revel.payment { "enabled": true, "paymentTypeId": <Revel payment type> } in the sync config',
  };
};

/**
 * Every rule a preflight applies. The discount and charge rules (DISCOUNT_NOT_CONFIGURED,
 * UNMAPPED_CHARGES) join this list with their settings.
 */
export const moneySettingRules: readonly MoneySettingRule[] = [paymentHasTender];

/** A Revel object the config names, checked once per location: it must exist and be active. */
export interface ConfiguredReference {
  kind: RevelReferenceKind;
  id: number;
  /** Where in the config it is set, for the fix. */
  setting: string;
  /** The object must belong to this establishment (stations, discounts, fees). */
  establishmentId?: number | undefined;
}

/**
 * The Revel references a location's orders use. The dining option is a plain integer in Revel (no
 * object to look up); the tender (payment type) is not yet readable in the sandbox. Discount and
 * service-fee settings add their references here.
 */
export function configuredReferences(config: SyncConfig, location: LocationConfig): ConfiguredReference[] {
  const revel = config.connector.testLocation ?? location.revel;
  const at = config.connector.testLocation ? 'connector.testLocation' : `locations["${location.name}"].revel`;
  return [
    { kind: 'establishment', id: revel.establishmentId, setting: `${at}.establishmentId` },
    {
      kind: 'station',
      id: revel.stationId,
      setting: `${at}.stationId`,
      establishmentId: revel.establishmentId,
    },
    { kind: 'user', id: revel.userId, setting: `${at}.userId` },
  ];
}
