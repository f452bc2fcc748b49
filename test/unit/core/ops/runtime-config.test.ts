import { describe, expect, it } from 'vitest';
import { applyOverrides, mappingKey, settingsView } from '#functions/core/ops/runtime-config';
import { mapItemsToProducts } from '#functions/core/order/product-mapping';
import { noOverrides, type RuntimeMapping } from '#functions/core/ports/runtime-overrides';
import { item, testConfig } from '../../../support/builders';

const testLocation = { establishmentId: 99, stationId: 1, userId: 1, diningOption: 1 };
const runtimeMapping = (m: Partial<RuntimeMapping>): RuntimeMapping => {
  const entry = { revelProductId: 700, operator: 'maria', at: '2026-11-29T10:00:00Z', ...m };
  return { key: mappingKey(entry), ...entry };
};

describe('the runtime layer over the deployed config', () => {
  it('leaves the deployed config as it is when nothing was changed at runtime', () => {
    const config = testConfig();
    expect(applyOverrides(config, noOverrides())).toBe(config);
  });

  it('switches the connector off and dry run on without touching the deployed config', () => {
    const config = testConfig();
    const effective = applyOverrides(config, {
      settings: { connectorEnabled: false, dryRun: true },
      mappings: [],
    });
    expect(effective.connector).toEqual(expect.objectContaining({ enabled: false, dryRun: true }));
    expect(config.connector).toEqual(expect.objectContaining({ enabled: true, dryRun: false }));
  });

  it('sends orders to the test establishment only while the switch is on', () => {
    const config = testConfig({ connector: { testLocation } });
    const off = applyOverrides(config, { settings: { testEstablishment: false }, mappings: [] });
    expect(off.connector.testLocation).toBeUndefined();
    expect(
      applyOverrides(config, { settings: { testEstablishment: true }, mappings: [] }).connector.testLocation,
    ).toMatchObject(testLocation);
    expect(settingsView(config, { settings: { testEstablishment: false }, mappings: [] })).toEqual(
      expect.objectContaining({
        test_establishment: false,
        deployed: expect.objectContaining({ test_establishment: true }),
        overridden: expect.objectContaining({ test_establishment: true }),
      }),
    );
  });

  it("lets a runtime mapping win over the config file's mapping for the same item", () => {
    const config = testConfig({ items: { mapping: [{ menuItemId: '3099', revelProductId: 600 }] } });
    const effective = applyOverrides(config, {
      settings: {},
      mappings: [runtimeMapping({ menuItemId: '3099', establishmentId: 4 })],
    });
    const cake = item('Unicorn Cake', 1, 4500, { menuItemId: '3099' });
    const catalogue = [600, 700].map((id) => ({ id, name: `Product ${id}`, priceCents: 100, active: true }));
    const mapped = mapItemsToProducts([cake], catalogue, {
      mapping: effective.items.mapping,
      establishmentId: 4,
    });
    expect(mapped.lines.map((l) => l.productId)).toEqual([700]);
  });

  it('keys a mapping by item and establishment, names compared as the mapping compares them', () => {
    expect(mappingKey({ name: '  Unicorn   CAKE ' })).toBe(mappingKey({ name: 'unicorn cake' }));
    expect(mappingKey({ name: 'Unicorn Cake', establishmentId: 4 })).not.toBe(
      mappingKey({ name: 'Unicorn Cake' }),
    );
    expect(mappingKey({ menuItemId: '3099' })).toBe('*|menu:3099');
  });
});
