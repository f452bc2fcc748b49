import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_ROUTES } from '#functions/core/contract/routes';
import { legacyOrderId } from '../../../dev/sandbox';
import { samplePayload, signWebhook } from '../../../dev/webhook-signing';
import { eventually } from '../../support/eventually';
import { startTestRuntime, type TestRuntime } from '../../support/local-runtime';
import { dish, putEvent } from '../../support/sandbox-events';

// The operator API through the local runtime over real HTTP, as the console and `npm run ops` call it.
let local: TestRuntime;

beforeAll(async () => {
  local = await startTestRuntime();
});
afterAll(async () => {
  await local?.stop();
});

type Json = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field, as a script would
type Answer = { status: number; body: any };

const operatorToken = () => local.runtime.variables.OPERATOR_TOKEN ?? '';

async function call(
  method: string,
  path: string,
  body?: Json,
  token: string | null = operatorToken(),
): Promise<Answer> {
  const response = await fetch(`${local.runtime.url}${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

const ordersFor = (eventId: string) =>
  (local.runtime.sandboxes?.revel.orders() ?? []).filter((o) => o.local_id === `Triple Seat_${eventId}`);

const boardRow = async (eventId: string) =>
  ((await call('GET', '/api/events')).body.events as Json[]).find((e) => e.event_id === eventId);

const auditEntries = async (action: string) =>
  ((await call('GET', '/api/audit')).body.entries as Json[]).filter((e) => e.action === action);

describe('the operator API, signing in', () => {
  const paths = OPERATOR_ROUTES.flatMap((route) =>
    route.methods.map((method) => [method, route.path.replace('{id}', '55521609')] as const),
  );

  it.each(paths)('refuses %s %s without a token, and with a wrong one', async (method, path) => {
    const body = method === 'GET' ? undefined : {};
    for (const token of [null, 'not-an-operator-token-0123456789']) {
      const answer = await call(method, path, body, token);
      expect(answer).toEqual({ status: 401, body: { error: 'unauthorized', reason: 'UNAUTHORIZED' } });
    }
  });

  it('refuses SYNC_API_TOKEN on every operator route with a 403 naming OPERATOR_TOKEN', async () => {
    for (const { path, methods } of OPERATOR_ROUTES) {
      const answer = await call(
        methods[0],
        path.replace('{id}', '55521609'),
        undefined,
        local.runtime.variables.SYNC_API_TOKEN ?? '',
      );
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ reason: 'SYNC_TOKEN_NOT_OPERATOR' });
      expect(answer.body.error).toContain('OPERATOR_TOKEN');
    }
  });
});

describe('the operator API, reading', () => {
  it("shows today's events per location, none synced yet", async () => {
    const { status, body } = await call('GET', '/api/events');
    expect(status).toBe(200);
    expect(body.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.events).toContainEqual(
      expect.objectContaining({
        event_id: '55521609',
        name: 'Ponder Holiday Breakfast',
        location_name: 'Downtown',
        outcome: 'not_synced',
        total_cents: 14197,
      }),
    );
    expect(body.events).toContainEqual(
      expect.objectContaining({ event_id: '55521616', location_name: 'Denver Taproom' }),
    );
  });

  it('filters the board by location and refuses a status it does not know', async () => {
    const denver = await call('GET', '/api/events?location=102');
    const locations = new Set(denver.body.events.map((e: Json) => e.location_name));
    expect(denver.body.events.length).toBeGreaterThan(0);
    expect([...locations]).toEqual(['Denver Taproom']);
    const bad = await call('GET', '/api/events?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.parameter).toBe('status');
  });

  it('previews the order line by line and writes nothing', async () => {
    const { status, body } = await call('GET', '/api/events/55521609/preview');
    expect(status).toBe(200);
    expect(body.eligibility).toEqual(expect.objectContaining({ eligible: true, reason: null }));
    expect(body.lines).toContainEqual(
      expect.objectContaining({
        name: 'Maple Bar',
        quantity: 8,
        unit_price_cents: 250,
        revel_product_id: 579,
        mapped: true,
      }),
    );
    expect(body.grand_total_cents).toBe(14197);
    expect(ordersFor('55521609')).toEqual([]);
  });

  it('marks the unmapped line of a preview and says why the event would fail', async () => {
    const { body } = await call('GET', '/api/events/55521611/preview');
    expect(body.eligibility).toEqual(expect.objectContaining({ eligible: false, reason: 'UNMAPPED_ITEMS' }));
    expect(body.lines).toContainEqual(
      expect.objectContaining({ name: 'Unicorn Cake', revel_product_id: null, mapped: false }),
    );
  });

  it('lists the items of upcoming events that map to no product, with no suggestion below the threshold and the open item', async () => {
    const { status, body } = await call('GET', '/api/mappings/unmapped?days=7');
    expect(status).toBe(200);
    expect(body.suggestion_threshold).toBe(0.75);
    const cake = body.items.find((i: Json) => i.name === 'Unicorn Cake');
    expect(cake).toEqual(
      expect.objectContaining({
        menu_item_id: '3099',
        location_id: '101',
        establishment_id: 4,
        event_ids: ['55521611'],
        unit_price_cents: 6500,
        // Iced Coffee scored 0.32: no suggestion at all is better than a wrong one.
        suggestions: [],
        open_price_product: {
          revel_product_id: 999,
          name: 'Catering Open Item',
          price_cents: 0,
          category: null,
          price_difference_cents: -6500,
        },
      }),
    );
  });

  it("searches the establishment's products by name, with price, category and the difference to TripleSeat's price", async () => {
    const { status, body } = await call(
      'GET',
      '/api/mappings/products?establishment_id=4&q=iced%20coffee&unit_price_cents=6500',
    );
    expect(status).toBe(200);
    expect(body.products).toEqual([
      {
        revel_product_id: 601,
        name: 'Iced Coffee',
        price_cents: 400,
        category: null,
        price_difference_cents: -6100,
      },
    ]);
    const denver = await call('GET', '/api/mappings/products?establishment_id=7&q=croissant');
    expect(denver.body.products.map((p: Json) => p.revel_product_id)).toEqual([1203]);
  });

  it('refuses a product search without an establishment, or in one the config does not name', async () => {
    const without = await call('GET', '/api/mappings/products?q=coffee');
    expect(without).toEqual({
      status: 400,
      body: expect.objectContaining({ parameter: 'establishment_id', reason: 'ESTABLISHMENT_REQUIRED' }),
    });
    const unknown = await call('GET', '/api/mappings/products?establishment_id=12&q=coffee');
    expect(unknown.body).toEqual(expect.objectContaining({ reason: 'UNKNOWN_ESTABLISHMENT' }));
    expect(unknown.body.error).toContain('configured: 4, 7');
  });

  it("shows what the kitchen's ticket is built from: allergies, special instructions and guests", async () => {
    const detail = (await call('GET', '/api/events/55521619')).body;
    expect(detail.kitchen).toEqual({
      notes: [{ label: 'Allergies', text: 'Tree nuts (one guest)' }],
      instructions: ['No nuts please'],
      guest_count: 16,
    });
  });

  it('answers 404 for an event TripleSeat does not know and 400 for an id that is not one', async () => {
    expect((await call('GET', '/api/events/99999999')).status).toBe(404);
    expect((await call('GET', '/api/events/abc/preview')).status).toBe(400);
  });
});

describe('the operator API, acting', () => {
  it('syncs one event with the manual engine and shows it injected on the board and in its history', async () => {
    const answer = await call('POST', '/api/events/55521609/sync');
    expect(answer.status).toBe(200);
    expect(answer.body.events).toEqual([expect.objectContaining({ id: '55521609', status: 'injected' })]);
    const [order] = ordersFor('55521609');
    expect(order).toBeDefined();
    expect(await boardRow('55521609')).toEqual(
      expect.objectContaining({ outcome: 'injected', revel_order_id: String(order?.id) }),
    );
    const detail = (await call('GET', '/api/events/55521609')).body;
    expect(detail).toEqual(
      expect.objectContaining({
        outcome: 'injected',
        revel_order_id: String(order?.id),
        drift: null,
        preflight: [],
        write_back: { enabled: false, revel_order_id: null, notes: [], error: null },
      }),
    );
    expect(detail.attempts).toEqual([
      expect.objectContaining({
        outcome: 'injected',
        correlation_id: answer.body.correlation_id,
        trigger: 'operator',
      }),
    ]);
    expect(detail.order).toEqual(expect.objectContaining({ id: order?.id, subtotal_cents: 13100 }));
    expect(detail.money).toContainEqual(
      expect.objectContaining({ label: 'Subtotal', tripleseat_cents: 13100, revel_cents: 13100 }),
    );
    expect(await auditEntries('sync')).toContainEqual(
      expect.objectContaining({ operator: 'local', change: { event_id: '55521609' } }),
    );
  });

  it('saves a mapping at runtime, audited, after which the event injects without a deploy', async () => {
    const saved = await call('PUT', '/api/mappings', {
      menu_item_id: '3099',
      revel_product_id: 601,
      establishment_id: 4,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.mapping).toEqual(
      expect.objectContaining({
        menu_item_id: '3099',
        revel_product_id: 601,
        establishment_id: 4,
        operator: 'local',
      }),
    );
    expect(await auditEntries('mapping')).toContainEqual(
      expect.objectContaining({
        operator: 'local',
        change: expect.objectContaining({ menu_item_id: '3099', revel_product_id: { from: null, to: 601 } }),
      }),
    );
    const preview = (await call('GET', '/api/events/55521611/preview')).body;
    expect(preview.lines).toContainEqual(
      expect.objectContaining({
        name: 'Unicorn Cake',
        revel_product_id: 601,
        revel_product_name: 'Iced Coffee',
        ticket_name: 'Unicorn Cake',
        mapped: true,
      }),
    );
    const synced = await call('POST', '/api/events/55521611/sync');
    expect(synced.body.events).toEqual([expect.objectContaining({ status: 'injected' })]);
    // The kitchen reads the cake's name on the Iced Coffee product's line, not "Iced Coffee".
    const cakeLine = ordersFor('55521611')[0]?.items.find((i) => i.product === '/resources/Product/601/');
    expect(cakeLine).toMatchObject({ product_name_override: 'Unicorn Cake', price: 65 });
    const unmapped = (await call('GET', '/api/mappings/unmapped')).body.items as Json[];
    expect(unmapped.map((i) => i.name)).not.toContain('Unicorn Cake');
  });

  it('exports the runtime mappings as a patch of the config file', async () => {
    const { body } = await call('GET', '/api/mappings/export');
    expect(body.patch).toEqual([
      {
        op: 'replace',
        path: '/items/mapping',
        value: expect.arrayContaining([{ menuItemId: '3099', revelProductId: 601, establishmentId: 4 }]),
      },
    ]);
  });

  it('refuses a mapping to a product the establishment does not sell', async () => {
    const answer = await call('PUT', '/api/mappings', {
      name: 'Unicorn Cake',
      revel_product_id: 999_999,
      establishment_id: 4,
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(
      expect.objectContaining({ parameter: 'revel_product_id', reason: 'PRODUCT_NOT_IN_ESTABLISHMENT' }),
    );
  });

  it("refuses a mapping without an establishment, or to another establishment's product, saving and auditing nothing", async () => {
    const before = await auditEntries('mapping');
    const exported = (await call('GET', '/api/mappings/export')).body.runtime_mappings;
    const unscoped = await call('PUT', '/api/mappings', { menu_item_id: '3099', revel_product_id: 601 });
    expect(unscoped).toEqual({
      status: 400,
      body: expect.objectContaining({ parameter: 'establishment_id', reason: 'ESTABLISHMENT_REQUIRED' }),
    });
    // Product 601 is Downtown's: Denver (establishment 7) does not sell it.
    const elsewhere = await call('PUT', '/api/mappings', {
      menu_item_id: '3099',
      revel_product_id: 601,
      establishment_id: 7,
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.reason).toBe('PRODUCT_NOT_IN_ESTABLISHMENT');
    expect(elsewhere.body.error).toBe('no active Revel product 601 in establishment 7');
    const unknown = await call('PUT', '/api/mappings', {
      menu_item_id: '3099',
      revel_product_id: 601,
      establishment_id: 12,
    });
    expect(unknown.body.reason).toBe('UNKNOWN_ESTABLISHMENT');
    expect(await auditEntries('mapping')).toEqual(before);
    expect((await call('GET', '/api/mappings/export')).body.runtime_mappings).toEqual(exported);
  });

  it("maps an item to the establishment's open-price product on purpose, keeping its name on the line", async () => {
    const saved = await call('PUT', '/api/mappings', {
      name: 'Dragon Fruit Tart',
      open_price: true,
      establishment_id: 7,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.product).toEqual(
      expect.objectContaining({ revel_product_id: 1299, name: 'Catering Open Item', open_price: true }),
    );
    expect(saved.body.mapping).toEqual(
      expect.objectContaining({ name: 'Dragon Fruit Tart', revel_product_id: 1299, establishment_id: 7 }),
    );
    const both = await call('PUT', '/api/mappings', {
      name: 'Dragon Fruit Tart',
      open_price: true,
      revel_product_id: 1201,
      establishment_id: 7,
    });
    expect(both.status).toBe(400);
  });

  it('switches the connector off and on again without a deploy, each change audited', async () => {
    const before = await call('GET', '/api/settings');
    expect(before.body).toEqual(
      expect.objectContaining({ connector_enabled: true, dry_run: false, test_establishment: false }),
    );
    const off = await call('PUT', '/api/settings', { connector_enabled: false });
    expect(off.body).toEqual(expect.objectContaining({ connector_enabled: false, updated_by: 'local' }));
    const skipped = await call('POST', '/api/events/55521610/sync');
    expect(skipped.body.events).toEqual([
      expect.objectContaining({ status: 'skipped', reason: 'CONNECTOR_DISABLED' }),
    ]);
    expect(ordersFor('55521610')).toEqual([]);
    // The queue path too: a webhook delivery while the connector is off is recorded, not written.
    const delivery = JSON.stringify(samplePayload('55521617', 'UPDATE_EVENT', '2026-01-01T12:00:00Z'));
    const secret = local.runtime.variables.WEBHOOK_SIGNING_SECRET ?? '';
    const signature = signWebhook(delivery, secret, Math.floor(Date.now() / 1000));
    const queued = await fetch(local.runtime.variables.WEBHOOK_URL ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signature },
      body: delivery,
    });
    expect(queued.status).toBe(200);
    await eventually(async () => {
      const row = await boardRow('55521617');
      expect(row).toEqual(expect.objectContaining({ outcome: 'skipped', reason: 'CONNECTOR_DISABLED' }));
    }, 15_000);
    await call('PUT', '/api/settings', { connector_enabled: true });
    const injected = await call('POST', '/api/events/55521610/sync');
    expect(injected.body.events).toEqual([expect.objectContaining({ status: 'injected' })]);
    expect(ordersFor('55521610')).toHaveLength(1);
    // Each attempt names how it was started: the operator's retry, the webhook's queue message.
    expect((await call('GET', '/api/events/55521610')).body.attempts).toEqual([
      expect.objectContaining({ outcome: 'skipped', reason: 'CONNECTOR_DISABLED', trigger: 'operator' }),
      expect.objectContaining({ outcome: 'injected', trigger: 'operator' }),
    ]);
    expect((await call('GET', '/api/events/55521617')).body.attempts).toContainEqual(
      expect.objectContaining({ outcome: 'skipped', reason: 'CONNECTOR_DISABLED', trigger: 'webhook' }),
    );
    const changes = (await auditEntries('settings')).map((e) => e.change);
    expect(changes).toEqual(
      expect.arrayContaining([
        { connector_enabled: { from: true, to: false } },
        { connector_enabled: { from: false, to: true } },
      ]),
    );
  });

  it('refuses a settings change it cannot make', async () => {
    expect((await call('PUT', '/api/settings', { connector_enabled: 'no' })).status).toBe(400);
    expect((await call('PUT', '/api/settings', {})).status).toBe(400);
    // The example config names no test location, so orders cannot be sent to one.
    const test = await call('PUT', '/api/settings', { test_establishment: true });
    expect(test).toEqual({ status: 400, body: expect.objectContaining({ parameter: 'test_establishment' }) });
  });

  it('lists the bulk runs and shows one', async () => {
    const started = await fetch(`${local.runtime.variables.SYNC_URL}?hours_back=24`, {
      method: 'POST',
      headers: { authorization: `Bearer ${local.runtime.variables.SYNC_API_TOKEN}` },
    });
    const { run_id: runId } = (await started.json()) as { run_id: string };
    await eventually(async () => {
      const runs = (await call('GET', '/api/runs')).body.runs as Json[];
      expect(runs).toContainEqual(expect.objectContaining({ run_id: runId, state: 'finished' }));
    }, 20_000);
    const one = await call('GET', `/api/runs/${runId}`);
    expect(one.body).toEqual(expect.objectContaining({ run_id: runId, trigger: 'manual' }));
    expect((await call('GET', '/api/runs/no-such-run')).status).toBe(404);
  });

  it('shows the dead letters and redrives the chosen one, audited', async () => {
    const body = JSON.stringify({
      kind: 'event',
      eventId: '55521616',
      correlationId: 'dead-letter-test',
      trigger: 'UPDATE_EVENT',
    });
    await local.runtime.sqs.client.send(
      new SendMessageCommand({ QueueUrl: local.runtime.dlqUrl, MessageBody: body }),
    );
    const listed = await call('GET', '/api/dlq');
    const message = (listed.body.messages as Json[]).find((m) => m.event_id === '55521616');
    expect(message).toEqual(
      expect.objectContaining({ id: expect.any(String), receive_count: expect.any(Number) }),
    );
    const redriven = await call('POST', '/api/dlq/redrive', { ids: [message?.id] });
    expect(redriven.body).toEqual({ redriven: 1, remaining: 0 });
    expect((await call('GET', '/api/dlq')).body.messages).toEqual([]);
    await eventually(() => expect(ordersFor('55521616')).toHaveLength(1), 15_000);
    expect(await auditEntries('dlq_redrive')).toContainEqual(
      expect.objectContaining({
        operator: 'local',
        change: { ids: [message?.id] },
        outcome: 'applied',
        result: { redriven: 1 },
      }),
    );
  });
});

describe("the operator API, an event's page", () => {
  const CHANGED = '55529201';
  const UPCOMING = '55529202';
  const SCHEDULED = '55529203';
  const sandboxes = () => {
    if (!local.runtime.sandboxes) throw new Error('the local runtime runs the sandboxes');
    return local.runtime.sandboxes;
  };
  const detailOf = async (eventId: string) => (await call('GET', `/api/events/${eventId}`)).body;

  it('shows the invoice against the Revel order row by row: discount, charge, tax, paid and due, equal in both columns', async () => {
    // Injected now, or already by an earlier bulk run of this file.
    await call('POST', '/api/events/55521619/sync');
    expect(ordersFor('55521619')).toHaveLength(1);

    const { money } = await detailOf('55521619');

    // The worked example: 200.00 − 20.00 + 36.00 + 15.08 = 231.08, 50.00 paid, 181.08 due.
    expect(money.map((r: Json) => [r.kind, r.tripleseat_cents])).toEqual([
      ['subtotal', 20000],
      ['discount', 2000],
      ['charge', 3600],
      ['tax', 1508],
      ['total', 23108],
      ['paid', 5000],
      ['due', 18108],
    ]);
    expect(money.find((r: Json) => r.kind === 'charge').label).toBe('Service Charge (20%)');
    for (const row of money) expect(row.revel_cents).toBe(row.tripleseat_cents);
  });

  it('shows the change recorded after the order was written', async () => {
    putEvent(sandboxes(), new Date(), {
      id: Number(CHANGED),
      name: 'Book club brunch',
      items: [dish('Maple Bar', 6, '2.50', 3001)],
    });
    expect((await call('POST', `/api/events/${CHANGED}/sync`)).body.events).toEqual([
      expect.objectContaining({ status: 'injected' }),
    ]);
    expect((await detailOf(CHANGED)).drift).toBeNull();
    putEvent(sandboxes(), new Date(), {
      id: Number(CHANGED),
      name: 'Book club brunch',
      updatedHoursAgo: 1,
      items: [dish('Maple Bar', 10, '2.50', 3001)],
    });

    await call('POST', `/api/events/${CHANGED}/sync`);
    const detail = await detailOf(CHANGED);

    expect(detail.drift).toEqual({
      revel_order_id: detail.revel_order_id,
      current: expect.objectContaining({
        fields: expect.arrayContaining(['items']),
        detected_at: expect.any(String),
        changes: expect.arrayContaining([
          expect.objectContaining({ field: 'items', before: expect.stringContaining('Maple Bar') }),
        ]),
      }),
      history: [expect.objectContaining({ fields: expect.arrayContaining(['items']) })],
    });
  });

  it('shows the preflight problem of an upcoming event on its page, and records the schedule as the trigger', async () => {
    putEvent(sandboxes(), new Date(), {
      id: Number(UPCOMING),
      name: 'Gala in three days',
      dayOffset: 3,
      items: [dish('Maple Bar', 6, '2.50', 3001), dish('Dragon Fruit Tart', 1, '65.00')],
    });
    putEvent(sandboxes(), new Date(), {
      id: Number(SCHEDULED),
      name: 'Staff lunch today',
      items: [dish('Maple Bar', 12, '2.50', 3001)],
    });

    await local.runtime.scheduler.fireNow();

    expect((await detailOf(UPCOMING)).preflight).toEqual([
      expect.objectContaining({
        reason: 'UNMAPPED_ITEMS',
        detail: 'no Revel product for: Dragon Fruit Tart',
        fix: expect.stringContaining('"name": "Dragon Fruit Tart"'),
        event_specific: true,
        checked_at: expect.any(String),
      }),
    ]);
    // The run planned it; the queue injects it a moment later.
    await eventually(async () =>
      expect((await detailOf(SCHEDULED)).attempts).toEqual([
        expect.objectContaining({ outcome: 'injected', trigger: 'schedule' }),
      ]),
    );
  }, 60_000);

  it("shows an event the old connector's order holds with that order, and Retry now writes ours once it is deleted in Revel", async () => {
    const HELD = '55521617'; // seeded in Revel under the old connector's "Triple Seat 55521617"
    const held = await call('POST', `/api/events/${HELD}/sync`);
    expect(held.body.events).toEqual([
      expect.objectContaining({
        status: 'skipped',
        reason: 'DUPLICATE',
        revel_order_id: String(legacyOrderId),
      }),
    ]);
    expect(await boardRow(HELD)).toEqual(
      expect.objectContaining({
        outcome: 'skipped',
        reason: 'DUPLICATE',
        revel_order_id: String(legacyOrderId),
      }),
    );
    const detail = await detailOf(HELD);
    expect(detail.error).toContain(`Revel already has order ${legacyOrderId}`);
    expect(detail.order).toEqual(
      expect.objectContaining({ id: legacyOrderId, local_id: `Triple Seat ${HELD}` }),
    );

    expect(sandboxes().revel.removeOrder(legacyOrderId)).toBe(true);
    const retried = await call('POST', `/api/events/${HELD}/sync`);
    expect(retried.body.events).toEqual([expect.objectContaining({ status: 'injected' })]);
    expect(ordersFor(HELD)).toHaveLength(1);
    expect(await boardRow(HELD)).toEqual(expect.objectContaining({ outcome: 'injected' }));
  });
});
