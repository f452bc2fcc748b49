import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSyncConfig } from '#functions/core/config/sync-config';
import { productCatalogue } from '../../../dev/sandbox';
import { seedRevel } from '../../../dev/sandbox/revel-seed';
import { seedTripleSeatEvents } from '../../../dev/sandbox/tripleseat-seed';

const config = parseSyncConfig(JSON.parse(readFileSync('config/sync.example.json', 'utf8')), 'example');
const revel = seedRevel(new Date());
const events = seedTripleSeatEvents(new Date(), 'http://sandbox').map((s) => s.event);

describe('config/sync.example.json', () => {
  it('parses with the strict schema and maps locations 101 and 102', () => {
    expect(config.locations.map((l) => [l.tripleseatLocationId, l.revel.establishmentId])).toEqual([
      ['101', 4],
      ['102', 7],
    ]);
    expect(config.revel.orderHistory).toBe(true);
    expect(config.items.excludedCategories).toEqual(['Special Instructions']);
  });

  it('matches the sandbox seed: zones, stations of the right establishment, an active user', () => {
    for (const location of config.locations) {
      const event = events.find((e) => String(e.location_id) === location.tripleseatLocationId);
      expect(event?.event_timezone).toBe(location.timeZone);
      const station = revel.PosStation.find((s) => s.id === location.revel.stationId);
      expect(station?.establishment).toBe(`/enterprise/Establishment/${location.revel.establishmentId}/`);
      expect(revel.User.find((u) => u.id === location.revel.userId)?.active).toBe(true);
    }
  });

  it('maps menu item 7001 ("Choc Croiss") to the Denver Chocolate Croissant', () => {
    const entry = config.items.mapping.find((m) => m.menuItemId === '7001');
    const product = productCatalogue[7]?.find(([id]) => id === entry?.revelProductId);
    expect(entry?.establishmentId).toBe(7);
    expect(product?.[1]).toBe('Chocolate Croissant');
  });

  it('looks up the legacy local_id format of the seeded legacy order', () => {
    const legacy = config.revel.legacyLocalIdFormats.map((f) => f.replace('{eventId}', '55521617'));
    expect(legacy).toContain(revel.Order[0]?.local_id);
  });
});
