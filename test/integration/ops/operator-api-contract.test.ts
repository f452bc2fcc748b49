import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_API, type OperatorEndpoint } from '#functions/core/contract/operator-api/route-schemas';
import { eventually } from '../../support/eventually';
import { makeHalfWritten } from '../../support/half-written';
import { startTestRuntime, type TestRuntime } from '../../support/local-runtime';
import { operatorCall } from '../../support/operator-call';
import { dish, putEvent } from '../../support/sandbox-events';

// Real answers of the operator API (local runtime, real HTTP) read with the contract's schemas
// (functions/core/contract/operator-api/): what the console is typed from is what the server sends.
let local: TestRuntime;

beforeAll(async () => {
  local = await startTestRuntime();
});
afterAll(async () => {
  await local?.stop();
});

const checked = new Set<OperatorEndpoint>();

/** Calls `endpoint`, expects 200 and answers the body as its contract schema reads it (strictly). */
async function call<E extends OperatorEndpoint>(
  endpoint: E,
  options: { id?: string; query?: string; body?: unknown } = {},
) {
  const [method, template] = endpoint.split(' ') as [string, string];
  const path = template.replace('{id}', encodeURIComponent(options.id ?? ''));
  const response = await fetch(`${local.runtime.url}${path}${options.query ?? ''}`, {
    method,
    headers: {
      authorization: `Bearer ${local.runtime.variables.OPERATOR_TOKEN}`,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const body: unknown = await response.json();
  expect({ endpoint, status: response.status }).toEqual({ endpoint, status: 200 });
  const read = OPERATOR_API[endpoint].answer.safeParse(body);
  expect(read.error?.issues ?? [], `${endpoint} answered ${JSON.stringify(body).slice(0, 400)}`).toEqual([]);
  checked.add(endpoint);
  return OPERATOR_API[endpoint].answer.parse(body) as ReturnType<(typeof OPERATOR_API)[E]['answer']['parse']>;
}

const refusal = (method: string, path: string, body?: unknown) =>
  operatorCall(local.runtime, method, path, body);

describe('the operator API answers as its contract says', () => {
  it('answers the board, a preview, the unmapped items and an injected and a failed event with their schemas', async () => {
    const day = await call('GET /api/day');
    expect(day.locations.flatMap((l) => l.events).map((e) => e.event_id)).toContain('55521609');
    await call('GET /api/status');
    const board = await call('GET /api/events');
    expect(board.events.map((e) => e.event_id)).toContain('55521609');
    await call('GET /api/events/{id}/preview', { id: '55521609' });
    const unmappedPreview = await call('GET /api/events/{id}/preview', { id: '55521611' });
    expect(unmappedPreview.eligibility.eligible).toBe(false);
    const unmapped = await call('GET /api/mappings/unmapped', { query: '?days=7' });
    expect(unmapped.items.length).toBeGreaterThan(0);

    const synced = await call('POST /api/events/{id}/sync', { id: '55521609' });
    expect(synced.events[0]?.status).toBe('injected');
    const injected = await call('GET /api/events/{id}', { id: '55521609' });
    expect(injected.order).not.toBeNull();
    expect(injected.money.length).toBeGreaterThan(0);

    const failedSync = await call('POST /api/events/{id}/sync', { id: '55521611' });
    expect(failedSync.events[0]?.status).toBe('failed');
    const failed = await call('GET /api/events/{id}', { id: '55521611' });
    expect(failed.outcome).toBe('failed');
  });

  it('answers the drift of an event changed after its order was written with its schema', async () => {
    const sandboxes = local.runtime.sandboxes;
    if (sandboxes === undefined) throw new Error('the local runtime runs its sandboxes');
    const event = { id: 55529301, name: 'Contract brunch' };
    putEvent(sandboxes, new Date(), { ...event, items: [dish('Maple Bar', 6, '2.50', 3001)] });
    await call('POST /api/events/{id}/sync', { id: String(event.id) });
    putEvent(sandboxes, new Date(), {
      ...event,
      updatedHoursAgo: 1,
      items: [dish('Maple Bar', 9, '2.50', 3001)],
    });
    await call('POST /api/events/{id}/sync', { id: String(event.id) });
    const detail = await call('GET /api/events/{id}', { id: String(event.id) });
    expect(detail.drift?.current?.fields).toContain('items');
  });

  it('answers the settings, a saved mapping, its export and the audit trail with their schemas', async () => {
    const before = await call('GET /api/settings');
    await call('PUT /api/settings', { body: { dry_run: !before.dry_run } });
    await call('PUT /api/settings', { body: { dry_run: before.dry_run } });
    const { items } = await call('GET /api/mappings/unmapped');
    const item = items[0];
    if (item === undefined) throw new Error('the sandbox has an unmapped item');
    const search = await call('GET /api/mappings/products', {
      query: `?establishment_id=${item.establishment_id}&q=Maple&unit_price_cents=${item.unit_price_cents}`,
    });
    const product = search.products[0];
    if (product === undefined) throw new Error('the sandbox sells a Maple Bar');
    const saved = await call('PUT /api/mappings', {
      body: {
        name: item.name,
        revel_product_id: product.revel_product_id,
        establishment_id: item.establishment_id,
      },
    });
    expect(saved.mapping?.revel_product_id).toBe(product.revel_product_id);
    const exported = await call('GET /api/mappings/export');
    expect(exported.runtime_mappings).toHaveLength(1);
    const audit = await call('GET /api/audit');
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['settings', 'mapping', 'sync']),
    );
    await call('GET /api/doctor');
  });

  it('answers the runs, a finished run with its summary, and the dead letters with their schemas', async () => {
    const started = await fetch(`${local.runtime.variables.SYNC_URL}?hours_back=24`, {
      method: 'POST',
      headers: { authorization: `Bearer ${local.runtime.variables.SYNC_API_TOKEN}` },
    });
    const { run_id: runId } = (await started.json()) as { run_id: string };
    await eventually(async () => {
      const { runs } = await call('GET /api/runs');
      expect(runs.find((r) => r.run_id === runId)?.state).toBe('finished');
    }, 90_000);
    const run = await call('GET /api/runs/{id}', { id: runId });
    expect(run.summary?.mode).toBe('bulk');

    const message = {
      kind: 'event',
      eventId: '55521616',
      correlationId: 'contract-test',
      trigger: 'UPDATE_EVENT',
    };
    await local.runtime.sqs.client.send(
      new SendMessageCommand({ QueueUrl: local.runtime.dlqUrl, MessageBody: JSON.stringify(message) }),
    );
    const { messages } = await call('GET /api/dlq');
    expect(messages.map((m) => m.event_id)).toContain('55521616');
    expect(await call('POST /api/dlq/redrive', { body: {} })).toEqual({ redriven: 1, remaining: 0 });
  }, 120_000);

  it('answers a release of a half-written order and a backfill with their schemas', async () => {
    const sandboxes = local.runtime.sandboxes;
    if (sandboxes === undefined) throw new Error('the local runtime runs its sandboxes');
    putEvent(sandboxes, new Date(), {
      id: 55529302,
      name: 'Contract lunch',
      items: [dish('Maple Bar', 4, '2.50', 3001)],
    });
    await makeHalfWritten(local.runtime, '55529302');
    const released = await call('POST /api/events/{id}/release', {
      id: '55529302',
      body: { action: 'adopt', confirm: true },
    });
    expect(released.reason).toBe('ADOPTED_AS_WRITTEN');
    const since = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const backfill = await call('POST /api/backfill', { body: { since, dry_run: true } });
    expect(backfill.dry_run).toBe(true);
  }, 60_000);

  it('has checked every operator endpoint above', () => {
    expect([...checked].sort()).toEqual(Object.keys(OPERATOR_API).sort());
  });
});

describe('the operator API refuses what its contract refuses, with the parameter and a reason', () => {
  it.each([
    ['GET', '/api/events/abc', 'id', undefined],
    ['GET', `/api/runs/${'r'.repeat(101)}`, 'id', undefined],
    ['GET', '/api/mappings/unmapped?days=61', 'days', undefined],
    ['GET', '/api/mappings/unmapped?days=soon', 'days', undefined],
    ['POST', '/api/dlq/redrive', 'ids', { ids: 'all' }],
    ['POST', '/api/dlq/redrive', 'body', { ids: ['m-1'], also: true }],
    ['PUT', '/api/settings', 'dry_run', { dry_run: 'yes' }],
    [
      'PUT',
      '/api/mappings',
      'body',
      { name: 'Cake', establishment_id: 1, revel_product_id: 1, open_price: true },
    ],
    ['GET', '/api/day?date=tomorrow', 'date', undefined],
  ] as const)('%s %s answers 400 naming %s', async (method, path, parameter, body) => {
    expect(await refusal(method, path, body)).toEqual({
      status: 400,
      body: { error: expect.any(String), parameter, reason: 'BAD_INPUT' },
    });
  });
});
