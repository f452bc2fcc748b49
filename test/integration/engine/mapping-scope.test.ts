import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandboxes } from '../../../dev/sandbox';
import { locations } from '../../../dev/sandbox/tripleseat-event';
import { startTestRuntime, type TestRuntime } from '../../support/local-runtime';
import { dish, putEvent } from '../../support/sandbox-events';

// An item mapping without an establishment, as runtime mappings were saved before they needed one
// and as a config file may still hold: product 601 (Iced Coffee) is sold by Downtown (4) only.
const config = JSON.parse(readFileSync('config/sync.example.json', 'utf8'));
config.items.mapping.push({ menuItemId: '3099', revelProductId: 601 });
const configPath = join(mkdtempSync(join(tmpdir(), 'mapping-scope-')), 'sync.json');
writeFileSync(configPath, JSON.stringify(config));

const DENVER_CAKE = '55529401';
let local: TestRuntime;
const sandboxes = (): Sandboxes => {
  const s = local.runtime.sandboxes;
  if (!s) throw new Error('the runtime runs no sandboxes');
  return s;
};

beforeAll(async () => {
  local = await startTestRuntime({ env: { SYNC_CONFIG: configPath } });
  putEvent(sandboxes(), new Date(), {
    id: Number(DENVER_CAKE),
    name: 'Denver birthday',
    location: locations.denver,
    items: [dish('Unicorn Cake', 1, '65.00', 3099)],
  });
});
afterAll(async () => {
  await local?.stop();
});

async function sync(eventId: string) {
  const response = await fetch(`${local.runtime.url}/api/events/${eventId}/sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${local.runtime.variables.OPERATOR_TOKEN ?? ''}` },
  });
  return ((await response.json()) as { events: Record<string, unknown>[] }).events[0];
}

const ordersFor = (eventId: string) =>
  sandboxes()
    .revel.orders()
    .filter((o) => o.local_id === `Triple Seat_${eventId}`);

async function preview(eventId: string) {
  const response = await fetch(`${local.runtime.url}/api/events/${eventId}/preview`, {
    headers: { authorization: `Bearer ${local.runtime.variables.OPERATOR_TOKEN ?? ''}` },
  });
  return (await response.json()) as {
    eligibility: { reason: string | null };
    lines: Record<string, unknown>[];
  };
}

describe('an item mapping without an establishment', () => {
  it('shows the Denver line as not mapped in the preview, as the sync will find it', async () => {
    const answer = await preview(DENVER_CAKE);
    expect(answer.eligibility.reason).toBe('UNMAPPED_ITEMS');
    expect(answer.lines).toEqual([expect.objectContaining({ name: 'Unicorn Cake', mapped: false })]);
  });

  it("fails the Denver event UNMAPPED_ITEMS before any write, since Denver does not sell Downtown's product", async () => {
    const result = await sync(DENVER_CAKE);
    expect(result).toEqual(
      expect.objectContaining({
        status: 'failed',
        reason: 'UNMAPPED_ITEMS',
        error:
          'no Revel product for: Unicorn Cake (its mapping names product 601, not an active product of establishment 7)',
      }),
    );
    expect(ordersFor(DENVER_CAKE)).toEqual([]);
  });

  it('still maps the item where the product is sold, with the item name on the line', async () => {
    const result = await sync('55521611');
    expect(result).toEqual(expect.objectContaining({ status: 'injected' }));
    const [order] = ordersFor('55521611');
    expect(order?.items.find((i) => i.product === '/resources/Product/601/')).toMatchObject({
      product_name_override: 'Unicorn Cake',
    });
  });
});
