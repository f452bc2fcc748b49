import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { syncEvent } from '#functions/core/engine/sync-event';
import { createJsonLogger } from '#functions/platform/logger';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';

/**
 * The totals go with the Order create (`revel.totalsWithCreate`, on by default); whether real Revel
 * keeps them is unknown (docs/vendors/revel.md, "Creating an order"). Here the Revel sandbox resets
 * them to what the items alone say as items are added, and the read-back must catch and heal it.
 */
let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
  h.sandboxes.revel.behave({ resetTotalsOnItems: true });
});
afterEach(async () => {
  await h.close();
});

const opts = { correlationId: 'it-create-totals' };
const revelRequests = (from = 0) => h.revelRequests(from);
const ordersFor = (eventId: string) =>
  h.sandboxes.revel.orders().filter((o) => String(o.local_id).endsWith(`_${eventId}`));
const ITEMS = Array.from({ length: 4 }, () => 'POST /resources/OrderItem/');
const READ_BACK = ['GET /resources/Order/<id>/', 'GET /resources/OrderItem/', 'GET /resources/Payment/'];
const PATCH = 'PATCH /resources/Order/<id>/';

/** One warm process's engine deps, its log lines kept. */
function warmProcess(): { deps: EngineDeps; warnings: () => Record<string, unknown>[]; lines: string[] } {
  const lines: string[] = [];
  const deps = {
    ...h.deps(),
    logger: createJsonLogger({ level: 'info', write: (line) => lines.push(line) }),
  };
  const warnings = () =>
    lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.level === 'warn');
  return { deps, warnings, lines };
}

describe('totals sent with the create that Revel does not keep', () => {
  it("are PATCHed once and the order alone read again: the order shows TripleSeat's figures, a warning names the establishment", async () => {
    // Event 55521619 (Downtown): items 200.00, discount 20.00, charge 36.00, tax 15.08, deposit 50.00.
    const { deps, warnings, lines } = warmProcess();
    await deps.revel.listProducts(4);
    const before = h.sandboxes.revel.requestLog().length;
    const result = await syncEvent('55521619', deps, opts);
    expect(result).toMatchObject({ status: 'injected', reason: null });
    expect(revelRequests(before)).toEqual([
      'GET /resources/Order/',
      'POST /resources/Order/',
      ...ITEMS,
      'POST /resources/AppliedServiceFee/',
      'POST /resources/Payment/',
      'POST /resources/OrderHistory/',
      ...READ_BACK,
      PATCH,
      'GET /resources/Order/<id>/',
    ]);
    const [order, ...others] = ordersFor('55521619');
    expect(others).toHaveLength(0);
    expect(order).toMatchObject({ subtotal: 200, tax: 15.08, final_total: 231.08, remaining_due: 181.08 });
    expect(warnings()).toEqual([
      expect.objectContaining({
        message: 'Revel did not keep the totals sent with the create; patched them',
        establishment_id: 4,
        revel_order_id: result.revel_order_id,
      }),
    ]);
    // No guest data in the log: not the contact's name, not the call name with the phone.
    expect(lines.join('\n')).not.toContain('Lindqvist');
    expect(lines.join('\n')).not.toContain(String(order?.call_name));
  });

  it('are not sent again for that establishment by the same warm process: its next order takes the PATCH, with no extra read', async () => {
    const { deps, warnings } = warmProcess();
    expect((await syncEvent('55521619', deps, opts)).status).toBe('injected');
    const before = h.sandboxes.revel.requestLog().length;
    // Event 55521622, also Downtown: four lines, discount, charge, deposit.
    const next = await syncEvent('55521622', deps, opts);
    expect(next).toMatchObject({ status: 'injected', reason: null });
    expect(revelRequests(before)).toEqual([
      'GET /resources/Order/',
      'POST /resources/Order/',
      ...ITEMS,
      'POST /resources/AppliedServiceFee/',
      PATCH,
      'POST /resources/Payment/',
      'POST /resources/OrderHistory/',
      ...READ_BACK,
    ]);
    expect(ordersFor('55521622')[0]).toMatchObject({ final_total: 437.76, remaining_due: 337.76 });
    expect(warnings()).toHaveLength(1);
  });

  it('are sent with the create again by a new process (a recycled Lambda), and healed the same way', async () => {
    expect((await syncEvent('55521619', warmProcess().deps, opts)).status).toBe('injected');
    const fresh = warmProcess();
    const before = h.sandboxes.revel.requestLog().length;
    expect((await syncEvent('55521622', fresh.deps, opts)).status).toBe('injected');
    expect(revelRequests(before).slice(-2)).toEqual([PATCH, 'GET /resources/Order/<id>/']);
    expect(fresh.warnings()).toHaveLength(1);
  });

  it('are PATCHed by the next attempt when Revel refuses the PATCH for a while: the same order, injected', async () => {
    h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'PATCH',
      path: /^\/resources\/Order\/\d+\/$/,
      times: 50,
      action: { kind: 'fail', status: 503 },
    });
    const first = await syncEvent('55521619', h.deps(), opts);
    expect(first).toMatchObject({ status: 'failed', reason: 'REVEL_UNAVAILABLE', retryable: true });

    h.sandboxes.faults.clear();
    const second = await syncEvent('55521619', h.deps(), opts);
    expect(second).toMatchObject({ status: 'injected', reason: null });
    const [order, ...others] = ordersFor('55521619');
    expect(others).toHaveLength(0);
    expect(String(order?.id)).toBe(second.revel_order_id);
    expect(order).toMatchObject({ final_total: 231.08, remaining_due: 181.08 });
    expect(order?.items).toHaveLength(4);
    expect(order?.payments).toHaveLength(1);
  });

  it('are PATCHed by the next attempt when the one that created the order stopped before reading it back', async () => {
    h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'GET',
      path: /^\/resources\/Order\/\d+\/$/,
      times: 50,
      action: { kind: 'fail', status: 503 },
    });
    const first = await syncEvent('55521619', h.deps(), opts);
    expect(first).toMatchObject({ status: 'failed', reason: 'REVEL_UNAVAILABLE', retryable: true });
    expect(revelRequests()).not.toContain(PATCH);

    h.sandboxes.faults.clear();
    const second = await syncEvent('55521619', h.deps(), opts);
    expect(second).toMatchObject({ status: 'injected', reason: null });
    const [order, ...others] = ordersFor('55521619');
    expect(others).toHaveLength(0);
    expect(order).toMatchObject({ final_total: 231.08, remaining_due: 181.08 });
    expect(order?.items).toHaveLength(4);
  });

  it('fail RECONCILIATION_MISMATCH as before when the PATCH does not hold either', async () => {
    h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'PATCH',
      path: /^\/resources\/Order\/\d+\/$/,
      action: { kind: 'alter-body', set: { final_total: 0 } },
    });
    const result = await syncEvent('55521619', h.deps(), opts);
    expect(result).toMatchObject({ status: 'failed', reason: 'RECONCILIATION_MISMATCH', retryable: false });
    expect(result.error).toContain('final total: TripleSeat 231.08, Revel 0.00');
    expect(h.sandboxes.faults.hits()).toBe(1);
  });

  it('are not PATCHed when the payments differ too: the order is left for a person', async () => {
    h.sandboxes.faults.add({
      vendor: 'revel',
      method: 'POST',
      path: '/resources/Payment/',
      action: { kind: 'alter-body', set: { amount: 5 } },
    });
    const before = h.sandboxes.revel.requestLog().length;
    const result = await syncEvent('55521619', h.deps(), opts);
    expect(result).toMatchObject({ status: 'failed', reason: 'RECONCILIATION_MISMATCH' });
    expect(result.error).toContain('payments: TripleSeat 50.00, Revel 5.00');
    expect(revelRequests(before)).not.toContain(PATCH);
  });
});

describe('totals sent with the create that Revel keeps (the sandbox by default)', () => {
  it('cost no PATCH and no second read, and log no warning', async () => {
    h.sandboxes.revel.behave({ resetTotalsOnItems: false });
    const { deps, warnings } = warmProcess();
    expect((await syncEvent('55521619', deps, opts)).status).toBe('injected');
    expect(revelRequests()).not.toContain(PATCH);
    expect(revelRequests().filter((r) => r === 'GET /resources/Order/<id>/')).toHaveLength(1);
    expect(warnings()).toEqual([]);
  });
});
