import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type FaultRule, InvalidFaultRuleError, type Sandboxes, startSandboxes } from '../../../dev/sandbox';
import { sandboxAccessToken } from '../../support/sandbox-token';

const sandboxes: Sandboxes = await startSandboxes({ tripleseatPerSecond: 1000 });
const { faults } = sandboxes;
const revelBase = sandboxes.env.REVEL_API_URL;
const tripleseatBase = sandboxes.env.TRIPLESEAT_API_URL;
const auth = { 'API-AUTHENTICATION': `${sandboxes.env.REVEL_API_KEY}:${sandboxes.env.REVEL_API_SECRET}` };

afterAll(() => sandboxes.close());
beforeEach(() => sandboxes.reset());

const order = (localId: string) => ({
  establishment: '/enterprise/Establishment/4/',
  created_by: '/enterprise/User/1/',
  station: '/resources/PosStation/4/',
  dining_option: 113,
  local_id: localId,
  final_total: 0,
  tax: 0,
  subtotal: 0,
  remaining_due: 0,
  surcharge: 0,
});

const postOrder = (localId: string) =>
  fetch(`${revelBase}/resources/Order/`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(order(localId)),
  });

const tripleseatToken = () => sandboxAccessToken(sandboxes);

const ordersWith = (localId: string) => sandboxes.revel.orders().filter((o) => o.local_id === localId);

describe('sandbox faults in-process', () => {
  it('fails the matching request once, then lets the next one through', async () => {
    const rule = faults.add({
      vendor: 'revel',
      method: 'POST',
      path: '/resources/Order/',
      action: { kind: 'fail', status: 503 },
    });
    const failed = await postOrder('a');
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ error: 'Service Unavailable' });
    expect((await postOrder('a')).status).toBe(201);
    expect(faults.hits(rule)).toBe(1);
    expect(ordersWith('a')).toHaveLength(1);
  });

  it('serves a 429 burst with Retry-After on TripleSeat, matching a RegExp path', async () => {
    const token = await tripleseatToken();
    faults.add({
      vendor: 'tripleseat',
      path: /^\/v1\/events\/\d+/,
      times: 2,
      action: { kind: 'fail', status: 429, body: '{"error":"Rate limit exceeded"}', retryAfterSeconds: 5 },
    });
    const statuses: (string | number | null)[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(`${tripleseatBase}/v1/events/55521609.json`, {
        headers: { authorization: `Bearer ${token}` },
      });
      statuses.push(response.status, response.headers.get('retry-after'));
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([429, '5', 429, '5', 200, null]);
  });

  it('skips the first matching requests before it starts failing', async () => {
    faults.add({ vendor: 'revel', path: '/resources/Order', skip: 1, action: { kind: 'fail', status: 500 } });
    expect([
      (await postOrder('s')).status,
      (await postOrder('s')).status,
      (await postOrder('s')).status,
    ]).toEqual([201, 500, 201]);
  });

  it('keeps failing for times: Infinity until cleared', async () => {
    faults.add({ vendor: 'revel', path: /Order/, times: Infinity, action: { kind: 'fail', status: 502 } });
    for (let i = 0; i < 3; i += 1) expect((await postOrder('i')).status).toBe(502);
    faults.clear();
    expect((await postOrder('i')).status).toBe(201);
  });

  it('delays the answer by the given milliseconds', async () => {
    faults.add({ vendor: 'revel', path: '/resources/Product/', action: { kind: 'delay', ms: 150 } });
    const started = performance.now();
    const response = await fetch(`${revelBase}/resources/Product/?establishment=7`, { headers: auth });
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(sandboxes.revel.requestLog()[0]).toMatchObject({ status: 200, fault: 'delay' });
  });

  it('commits the write, then answers a 504 gateway page (commit-then-fail)', async () => {
    faults.add({
      vendor: 'revel',
      method: 'POST',
      path: '/resources/Order/',
      action: { kind: 'commit-then-fail' },
    });
    const response = await postOrder('Triple Seat_55521609');
    expect(response.status).toBe(504);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<h1>504 Gateway Timeout</h1>');
    expect(ordersWith('Triple Seat_55521609')).toHaveLength(1);
  });

  it('keeps other figures than those sent, answering as usual (alter-body)', async () => {
    faults.add({
      vendor: 'revel',
      method: 'POST',
      path: '/resources/Order/',
      action: { kind: 'alter-body', set: { tax: 9.99 } },
    });
    const response = await postOrder('Triple Seat_55521619');
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ tax: 9.99, local_id: 'Triple Seat_55521619' });
    expect(ordersWith('Triple Seat_55521619')[0]).toMatchObject({ tax: 9.99 });
    expect((await postOrder('Triple Seat_55521620')).status).toBe(201);
    expect(ordersWith('Triple Seat_55521620')[0]).toMatchObject({ tax: 0 });
  });

  it('answers an HTML page: the sign-in page for TripleSeat, an error page for Revel', async () => {
    const token = await tripleseatToken();
    faults.add({
      vendor: 'tripleseat',
      path: '/v1/events/55521609.json',
      action: { kind: 'html', status: 200 },
    });
    faults.add({ vendor: 'revel', path: '/resources/Product/', action: { kind: 'html', status: 403 } });
    const login = await fetch(`${tripleseatBase}/v1/events/55521609.json`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('Sign in to Tripleseat');
    const forbidden = await fetch(`${revelBase}/resources/Product/`, { headers: auth });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toContain('<h1>Forbidden</h1>');
  });

  it('refuses a malformed rule', () => {
    const rule = { vendor: 'revel', path: '/x', action: { kind: 'explode' } } as unknown as FaultRule;
    expect(() => faults.add(rule)).toThrow(InvalidFaultRuleError);
  });
});

describe('sandbox controls over HTTP', () => {
  const control = (path: string, init: RequestInit = {}) => fetch(`${revelBase}/__sandbox/${path}`, init);

  it('adds a fault from JSON (a "/…/" path is a RegExp, "Infinity" a count) and clears it', async () => {
    const added = await control('faults', {
      method: 'POST',
      body: JSON.stringify({
        vendor: 'revel',
        method: 'POST',
        path: '/^\\/resources\\/Order\\/$/',
        times: 'Infinity',
        action: { kind: 'fail', status: 503 },
      }),
    });
    expect(added.status).toBe(201);
    expect((await postOrder('h')).status).toBe(503);
    expect((await postOrder('h')).status).toBe(503);
    expect(faults.hits()).toBe(2);
    expect((await control('faults', { method: 'DELETE' })).status).toBe(200);
    expect((await postOrder('h')).status).toBe(201);
  });

  it('answers 400 to a fault rule it cannot read', async () => {
    const response = await control('faults', { method: 'POST', body: JSON.stringify({ vendor: 'revel' }) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('invalid fault rule');
  });

  it('reports orders with their children and request counts, on either server', async () => {
    await postOrder('state');
    const state = (await (await fetch(`${tripleseatBase}/__sandbox/state`)).json()) as {
      orders: { local_id: string; items: unknown[] }[];
      requestCounts: { tripleseat: number; revel: number };
    };
    expect(state.orders.map((o) => o.local_id)).toEqual(['Triple Seat 55521617', 'state']);
    expect(state.orders[0]?.items).toHaveLength(2);
    expect(state.requestCounts).toEqual({ tripleseat: 0, revel: 1 });
  });

  it('re-seeds both sandboxes on reset', async () => {
    await postOrder('gone');
    sandboxes.tripleseat.updateEvent(55521614, { status: 'DEFINITE' });
    expect((await control('reset', { method: 'POST' })).status).toBe(200);
    expect(ordersWith('gone')).toHaveLength(0);
    expect(sandboxes.tripleseat.event(55521614)?.status).toBe('TENTATIVE');
  });
});
