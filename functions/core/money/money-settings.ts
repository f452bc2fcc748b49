import type { LocationConfig, RevelLocationConfig, SyncConfig } from '#functions/core/config/sync-config';
import type { EventInvoice } from '#functions/core/domain/model';
import type { RevelReferenceKind } from '#functions/core/ports/revel-references';
import { formatCents } from './cents';
import { missingMoneySettings, moneySettingsFor } from './money-plan';

/** A money setting one event needs and its location lacks: a reason, what is wrong, what to add. */
export interface SettingFinding {
  reason: string;
  detail: string;
  fix: string;
}

/**
 * The Revel settings a location's orders use: the test establishment's when the connector sends
 * every order there (as the engine does, core/engine/sync-event.ts), else the location's own.
 */
export function revelTarget(
  config: SyncConfig,
  location: LocationConfig,
): { revel: RevelLocationConfig; at: string } {
  return config.connector.testLocation
    ? { revel: config.connector.testLocation, at: 'connector.testLocation' }
    : { revel: location.revel, at: `locations["${location.name}"].revel` };
}

/**
 * Every discount, charge and payment setting the event's money needs and its location lacks,
 * found by the engine's own resolution (core/money/money-plan.ts, missingMoneySettings), each with
 * the key to add. Config only, no vendor call.
 */
export function missingMoneySettingFindings(
  invoice: EventInvoice,
  eventDate: string,
  config: SyncConfig,
  location: LocationConfig,
): SettingFinding[] {
  const { revel, at } = revelTarget(config, location);
  const settings = moneySettingsFor(config, revel, eventDate);
  return missingMoneySettings(invoice, settings).flatMap((missing): SettingFinding[] => {
    if (missing.setting === 'charges.mapping') {
      return missing.charges.map((charge) => ({
        reason: missing.reason,
        detail: `charge "${charge.name}" (${charge.kind}) of ${formatCents(charge.cents)} has no Revel setting`,
        fix: `add a ${at}.charges.mapping entry { "name": "${charge.name}", "serviceFeeId": <Revel service fee> } (or "productId": <open-price fee product>; or { "kind": "${charge.kind}", … } for every ${charge.kind})`,
      }));
    }
    const fix =
      missing.setting === 'discountId'
        ? `set ${at}.discountId to the open-amount "Triple Seat Discount" of establishment ${revel.establishmentId}`
        : `set ${at}.tenderId to the "Triple Seat" payment type of establishment ${revel.establishmentId}`;
    const lacking = missing.setting === 'discountId' ? 'no Revel discount' : 'no Revel tender';
    return [{ reason: missing.reason, detail: `${missing.what}: ${lacking} configured`, fix }];
  });
}

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
 * The Revel references a location's orders use: establishment, station, user, the discount, and
 * each charge mapping's service fee or fee product. The dining option is a plain integer in Revel
 * (no object to look up); the tender (payment type) is not yet readable in the sandbox.
 */
export function configuredReferences(config: SyncConfig, location: LocationConfig): ConfiguredReference[] {
  const { revel, at } = revelTarget(config, location);
  const own = { establishmentId: revel.establishmentId };
  const discount: ConfiguredReference[] =
    revel.discountId === undefined
      ? []
      : [{ kind: 'discount', id: revel.discountId, setting: `${at}.discountId`, ...own }];
  const charges = (revel.charges?.mapping ?? []).map((entry, i): ConfiguredReference => {
    const setting = `${at}.charges.mapping[${i}]`;
    return entry.serviceFeeId !== undefined
      ? { kind: 'serviceFee', id: entry.serviceFeeId, setting: `${setting}.serviceFeeId`, ...own }
      : { kind: 'product', id: entry.productId ?? 0, setting: `${setting}.productId`, ...own };
  });
  return [
    { kind: 'establishment', id: revel.establishmentId, setting: `${at}.establishmentId` },
    {
      kind: 'station',
      id: revel.stationId,
      setting: `${at}.stationId`,
      establishmentId: revel.establishmentId,
    },
    { kind: 'user', id: revel.userId, setting: `${at}.userId` },
    ...discount,
    ...charges,
  ];
}
