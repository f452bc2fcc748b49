import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSyncConfig, tenderFor } from '#functions/core/config/sync-config';
import { ConfigError } from '#functions/core/domain/errors';
import { loadSyncConfigFile } from '#functions/platform/sync-config-file';

const location = {
  name: 'Downtown',
  tripleseatLocationId: 101,
  timeZone: 'America/Los_Angeles',
  revel: { establishmentId: 4, stationId: 4, userId: 1, diningOption: 113 },
};

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e: unknown) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('sync config', () => {
  it('fills the documented defaults around a minimal location list', () => {
    const config = parseSyncConfig({ locations: [location] });
    expect(config.eligibility.statuses).toEqual(['DEFINITE', 'CLOSED']);
    expect(config.revel.localIdFormat).toBe('Triple Seat_{eventId}');
    expect(config.revel.legacyLocalIdFormats).toEqual(['Triple Seat {eventId}']);
    expect(config.items.excludedCategories).toEqual(['Special Instructions']);
    expect(config.locations[0]?.tripleseatLocationId).toBe('101');
  });

  it('writes nothing back to TripleSeat unless writeBack.tripleseatNotes is switched on', () => {
    expect(parseSyncConfig({ locations: [location] }).writeBack.tripleseatNotes).toBe(false);
    const on = parseSyncConfig({ locations: [location], writeBack: { tripleseatNotes: true } });
    expect(on.writeBack.tripleseatNotes).toBe(true);
    expect(errorOf(() => parseSyncConfig({ locations: [location], writeBack: { notes: true } })).field).toBe(
      'writeBack',
    );
  });

  it('leaves the money settings optional, taxes as TripleSeat does and closes paid orders by default', () => {
    const config = parseSyncConfig({ locations: [location] });
    expect(config.tax.mode).toBe('tripleseat');
    expect(config.revel.closeWhenPaid).toBe(true);
    const revel = config.locations[0]?.revel;
    expect(revel).toMatchObject({ charges: { mapping: [] } });
    expect(revel?.discountId).toBeUndefined();
    expect(revel && tenderFor(config, revel)).toBeUndefined();
  });

  it("reads a location's discount, tender and charge mapping, and the earlier payment switch as a fallback tender", () => {
    const revel = {
      ...location.revel,
      discountId: 3358,
      charges: {
        mapping: [
          { kind: 'gratuity', serviceFeeId: 42 },
          { name: 'Room fee', productId: 999 },
        ],
      },
    };
    const config = parseSyncConfig({
      locations: [
        { ...location, revel },
        { ...location, revel: { ...revel, tenderId: 236 } },
      ],
      revel: { payment: { enabled: true, paymentTypeId: 7 } },
    });
    const [first, second] = config.locations;
    expect(first?.revel.charges.mapping).toHaveLength(2);
    expect(first && tenderFor(config, first.revel)).toBe(7);
    expect(second && tenderFor(config, second.revel)).toBe(236);
  });

  it('rejects a charge mapping with both a service fee and a fee product', () => {
    const revel = {
      ...location.revel,
      charges: { mapping: [{ kind: 'fee', serviceFeeId: 41, productId: 999 }] },
    };
    const error = errorOf(() => parseSyncConfig({ locations: [{ ...location, revel }] }));
    expect(error.message).toContain('locations.0.revel.charges.mapping.0');
    expect(error.message).toContain('exactly one of serviceFeeId or productId');
  });

  it('names the field of a bad time zone', () => {
    const e = errorOf(() => parseSyncConfig({ locations: [{ ...location, timeZone: 'Pacific Time' }] }));
    expect(e.field).toBe('locations.0.timeZone');
    expect(e.message).toContain('locations.0.timeZone');
  });

  it('names a misspelt key instead of ignoring it', () => {
    const e = errorOf(() => parseSyncConfig({ locations: [location], conector: { enabled: false } }));
    expect(e.message).toMatch(/conector/);
  });

  it('rejects a local id format without the {eventId} placeholder', () => {
    const e = errorOf(() =>
      parseSyncConfig({ locations: [location], revel: { localIdFormat: 'Triple Seat' } }),
    );
    expect(e.field).toBe('revel.localIdFormat');
  });

  it('rejects a mapping entry that names neither a menu item nor an item name', () => {
    const e = errorOf(() =>
      parseSyncConfig({ locations: [location], items: { mapping: [{ revelProductId: 5 }] } }),
    );
    expect(e.field).toBe('items.mapping.0');
  });

  it('says which file is unreadable or not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sync-config-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "locations": [');
    expect(errorOf(() => loadSyncConfigFile(broken)).message).toContain('not valid JSON');
    expect(errorOf(() => loadSyncConfigFile(join(dir, 'missing.json'))).message).toContain('ENOENT');
  });
});
