import { describe, expect, it } from 'vitest';
import type { SyncConfig } from '#functions/core/config/sync-config';
import type { EventInvoice } from '#functions/core/domain/model';
import { configuredReferences, missingMoneySettingFindings } from '#functions/core/money/money-settings';
import { loadSyncConfigFile } from '#functions/platform/sync-config-file';
import { item } from '../../../support/builders';

const example = loadSyncConfigFile('config/sync.example.json');
const downtownOf = (config: SyncConfig) => {
  const downtown = config.locations[0];
  if (!downtown) throw new Error('the example config has a Downtown location');
  return downtown;
};
/** The example config with Downtown's Revel settings changed. */
const downtownWith = (revel: Partial<SyncConfig['locations'][number]['revel']>): SyncConfig => {
  const [downtown, ...others] = example.locations;
  if (!downtown) throw new Error('the example config has a Downtown location');
  return { ...example, locations: [{ ...downtown, revel: { ...downtown.revel, ...revel } }, ...others] };
};

const invoice: EventInvoice = {
  documents: ['Invoice 1'],
  lines: [item('Maple Bar', 20, 250)],
  instructions: [],
  discounts: [{ name: 'Discount', cents: 500 }],
  charges: [
    { name: 'Service Charge (20%)', cents: 900, kind: 'service_charge' },
    { name: 'Gratuity', cents: 810, kind: 'gratuity' },
  ],
  taxes: [{ name: 'Sales Tax', cents: 400 }],
  subtotalCents: 5000,
  grandTotalCents: 6610,
  payments: [{ cents: 2000, date: undefined, kind: 'deposit' }],
  amountDueCents: 4610,
};

describe('the money settings preflight asks for', () => {
  it('finds nothing missing for a location with a discount, a mapping for every charge and a tender', () => {
    expect(missingMoneySettingFindings(invoice, '2026-12-02', example, downtownOf(example))).toEqual([]);
  });

  it('names every missing setting at once, one problem per unmapped charge, each with the key to add', () => {
    const config = downtownWith({
      discountId: undefined,
      tenderId: undefined,
      charges: { mapping: [{ kind: 'service_charge', serviceFeeId: 41 }] },
    });

    const findings = missingMoneySettingFindings(invoice, '2026-12-02', config, downtownOf(config));

    expect(findings).toEqual([
      {
        reason: 'DISCOUNT_NOT_CONFIGURED',
        detail: 'discount Discount 5.00: no Revel discount configured',
        fix: 'set locations["Downtown"].revel.discountId to the open-amount "Triple Seat Discount" of establishment 4',
      },
      {
        reason: 'UNMAPPED_CHARGES',
        detail: 'charge "Gratuity" (gratuity) of 8.10 has no Revel setting',
        fix: expect.stringContaining(
          'add a locations["Downtown"].revel.charges.mapping entry { "name": "Gratuity", "serviceFeeId": <Revel service fee> }',
        ),
      },
      {
        reason: 'PAYMENT_NOT_CONFIGURED',
        detail: 'payments deposit 20.00: no Revel tender configured',
        fix: 'set locations["Downtown"].revel.tenderId to the "Triple Seat" payment type of establishment 4',
      },
    ]);
  });

  it('takes the earlier global revel.payment as the tender, as the sync does', () => {
    const config = {
      ...downtownWith({ tenderId: undefined }),
      revel: { ...example.revel, payment: { enabled: true, paymentTypeId: 236 } },
    };
    expect(missingMoneySettingFindings(invoice, '2026-12-02', config, downtownOf(config))).toEqual([]);
  });
});

describe('the Revel references preflight checks', () => {
  it("include the location's discount and each charge mapping's service fee or fee product", () => {
    const refs = configuredReferences(example, downtownOf(example));

    expect(refs.map((r) => [r.kind, r.id, r.setting, r.establishmentId])).toEqual([
      ['establishment', 4, 'locations["Downtown"].revel.establishmentId', undefined],
      ['station', 4, 'locations["Downtown"].revel.stationId', 4],
      ['user', 1, 'locations["Downtown"].revel.userId', undefined],
      ['discount', 3358, 'locations["Downtown"].revel.discountId', 4],
      ['serviceFee', 41, 'locations["Downtown"].revel.charges.mapping[0].serviceFeeId', 4],
      ['serviceFee', 42, 'locations["Downtown"].revel.charges.mapping[1].serviceFeeId', 4],
      ['product', 999, 'locations["Downtown"].revel.charges.mapping[2].productId', 4],
    ]);
  });
});
