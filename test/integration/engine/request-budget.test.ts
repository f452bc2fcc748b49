import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScheduledSync } from '#functions/core/bulk/run-scheduled-sync';
import { syncRecent } from '#functions/core/bulk/sync-recent';
import type { BatchedLookup } from '#functions/core/deps/batched-lookup-source';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { BATCHED_LOOKUP_FRESH_MS } from '#functions/core/engine/batched-lookup';
import { syncEvent } from '#functions/core/engine/sync-event';
import { READ_BACK_BATCH } from '#functions/core/order/batch-read-back';
import { processQueueBatch } from '#functions/sync/queue/queue-batch';
import { legacyOrderId } from '../../../dev/sandbox';
import { QUEUE_BATCH_SIZE } from '../../../lib/sync-queues';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { type MemorySyncQueue, sqsEvent, sqsRecord } from '../../support/fake-sync-handler-deps';
import { startHandlerHarness } from '../../support/scheduled-harness';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(async () => {
  await h.close();
});

const opts = { correlationId: 'it-budget' };
const revelRequests = (from = 0) => h.revelRequests(from);
const LINES = 4; // event 55521609: Maple Bar, Glazed Donut, Coffee Service, Fruit Platter
/** After the last write, the order is read back to compare its money with TripleSeat's. */
const READ_BACK = ['GET /resources/Order/<id>/', 'GET /resources/OrderItem/', 'GET /resources/Payment/'];
/** An order this run created without payments holds none: its payments are not listed. */
const READ_BACK_NO_PAYMENTS = READ_BACK.slice(0, 2);
const ITEMS = Array.from({ length: LINES }, () => 'POST /resources/OrderItem/');
/** `revel.totalsWithCreate: false`: the totals PATCHed after the items, as the production connector did. */
const patchingTotals = () => ({ ...h.config, revel: { ...h.config.revel, totalsWithCreate: false } });

describe('Revel requests per order (the bulk run is paced by them)', () => {
  it('writes a new four-line order in lines + 3 requests once the catalogue is loaded (one look-up for every local_id format, the create with the totals, the lines and the history), then reads the order and its items back in 2, the totals on the order', async () => {
    const deps = h.deps();
    await deps.revel.listProducts(4);
    const before = h.sandboxes.revel.requestLog().length;
    const result = await syncEvent('55521609', deps, opts);
    expect(result.status).toBe('injected');
    expect(revelRequests(before)).toEqual([
      'GET /resources/Order/',
      'POST /resources/Order/',
      ...ITEMS,
      'POST /resources/OrderHistory/',
      ...READ_BACK_NO_PAYMENTS,
    ]);
    // No PATCH, yet the order shows the totals.
    const order = h.sandboxes.revel.orders().find((o) => String(o.id) === result.revel_order_id);
    const itemsTotal = (order?.items ?? []).reduce((sum, i) => sum + Number(i.price) * Number(i.quantity), 0);
    expect(Number(order?.subtotal)).toBeGreaterThan(0);
    expect(Number(order?.subtotal)).toBeCloseTo(itemsTotal, 2);
    // 55521609's invoice adds Tax 10.97 to its items.
    expect(Number(order?.final_total)).toBeCloseTo(itemsTotal + 10.97, 2);
  });

  it('writes a new order with a discount, one charge and one payment in lines + 5 requests, then reads it back in 3', async () => {
    // Event 55521619: four lines, an order discount, a 20 % service charge, a 50.00 deposit.
    const deps = h.deps();
    await deps.revel.listProducts(4);
    const before = h.sandboxes.revel.requestLog().length;
    const result = await syncEvent('55521619', deps, opts);
    expect(result.status).toBe('injected');
    expect(revelRequests(before)).toEqual([
      'GET /resources/Order/',
      // The discount rides on the create with the totals: a field of the order, it cannot be doubled.
      'POST /resources/Order/',
      ...ITEMS,
      'POST /resources/AppliedServiceFee/',
      'POST /resources/Payment/',
      'POST /resources/OrderHistory/',
      ...READ_BACK,
    ]);
  });

  it('reads a paid order back in 3 even when closing through the history row leaves Order.closed false: the fee rows and the close are taken from the answers to their writes', async () => {
    // Event 55521621: three lines, a 20 % service charge, a deposit and the balance, nothing due.
    const deps = h.deps();
    await deps.revel.listProducts(4);
    const before = h.sandboxes.revel.requestLog().length;
    const result = await syncEvent('55521621', deps, opts);
    expect(result.status).toBe('injected');
    expect(revelRequests(before)).toEqual([
      'GET /resources/Order/',
      'POST /resources/Order/',
      ...ITEMS.slice(0, 3),
      'POST /resources/AppliedServiceFee/',
      'POST /resources/Payment/',
      'POST /resources/Payment/',
      'POST /resources/OrderHistory/',
      ...READ_BACK,
    ]);
  });

  it('writes it in lines + 4 with the totals PATCHed after the items when revel.totalsWithCreate is off (plus the read-back of order and items)', async () => {
    const deps = h.deps({ config: patchingTotals() });
    await deps.revel.listProducts(4);
    const before = h.sandboxes.revel.requestLog().length;
    const result = await syncEvent('55521609', deps, opts);
    expect(result.status).toBe('injected');
    expect(revelRequests(before)).toEqual([
      'GET /resources/Order/',
      'POST /resources/Order/',
      ...ITEMS,
      'PATCH /resources/Order/<id>/',
      'POST /resources/OrderHistory/',
      ...READ_BACK_NO_PAYMENTS,
    ]);
  });

  it('reads the product catalogue once for several orders synced by the same warm client', async () => {
    const deps = h.deps();
    expect((await syncEvent('55521609', deps, opts)).status).toBe('injected');
    expect((await syncEvent('55521610', deps, opts)).status).toBe('injected');
    expect(revelRequests().filter((r) => r.startsWith('GET /resources/Product/'))).toHaveLength(1);
  });

  it('spends no Revel and no TripleSeat request on an event already injected and unchanged', async () => {
    await syncEvent('55521609', h.deps(), opts);
    const revelBefore = h.sandboxes.revel.requestLog().length;
    const tripleseatBefore = h.sandboxes.tripleseat.requestLog().length;
    const again = await syncEvent('55521609', h.deps(), opts);
    expect(again).toMatchObject({ status: 'skipped', reason: 'DUPLICATE' });
    expect(h.sandboxes.revel.requestLog().length).toBe(revelBefore);
    expect(h.sandboxes.tripleseat.requestLog().length).toBe(tripleseatBefore);
  });
});

/** Revel's `local_id` look-ups from the `from`-th request on, each as the local_ids it asked for. */
const lookUps = (from = 0) =>
  h.sandboxes.revel
    .requestLog()
    .slice(from)
    .filter((r) => r.method === 'GET' && r.path === '/resources/Order/')
    .map((r) => new URLSearchParams(r.query))
    // The shared read-back lists orders too, by id (`id__in`): not a look-up.
    .filter((query) => query.has('local_id__in') || query.has('local_id'))
    .map((query) => query.get('local_id__in')?.split(',') ?? [query.get('local_id') ?? '']);
const naming = (eventId: string) => (localIds: string[]) => localIds.some((id) => id.endsWith(eventId));
const CLONES = 21; // new copies of 55521609 (four lines) beside the seeded events
/** Events per batched look-up with the example config's two local_id formats (core/bulk/batched-lookups.ts). */
const CHUNK = 20;
const cloneIds = Array.from({ length: CLONES }, (_, i) => String(57_000_000 + i));

/** A first bulk run injects the seeded events; then CLONES new four-line events appear in the window. */
async function clonesAfterASeededRun(deps: EngineDeps): Promise<void> {
  await syncRecent(deps, { hoursBack: 48, correlationId: 'it-budget-seed' });
  const template = h.sandboxes.tripleseat.event('55521609');
  if (!template) throw new Error('seed event 55521609 missing');
  for (const id of cloneIds)
    h.sandboxes.tripleseat.setEvent({ ...structuredClone(template), id: Number(id) });
}

/** Writes per clone, and the look-ups naming any clone, in the bulk run that injects them. */
async function bulkRunOfClones(deps: EngineDeps): Promise<{ writes: number; lookUps: string[][] }> {
  await clonesAfterASeededRun(deps);
  const before = h.sandboxes.revel.requestLog().length;
  const results = await syncRecent(deps, { hoursBack: 48, correlationId: 'it-budget-bulk' });
  for (const id of cloneIds) expect(results.find((r) => r.id === id)).toMatchObject({ status: 'injected' });
  // Nothing but the clones is written in this run (the seeded events were injected by the first).
  const writes = revelRequests(before).filter((r) => !r.startsWith('GET ')).length;
  const clonesLookedUp = lookUps(before).filter((ids) => cloneIds.some((c) => naming(c)(ids)));
  return { writes: writes / CLONES, lookUps: clonesLookedUp };
}

describe('Revel requests per order in a bulk run (duplicate look-ups in batches)', () => {
  it('writes N new four-line orders at lines + 2 each, plus one look-up per establishment for every 20 of them', async () => {
    const { writes, lookUps: batches } = await bulkRunOfClones(h.deps());
    // The create with the totals, one per line and the history; no look-up of its own.
    expect(writes).toBe(LINES + 2);
    expect(batches).toHaveLength(Math.ceil(CLONES / CHUNK));
    // Every format of every new event, CHUNK events a request.
    expect(batches.map((ids) => ids.length)).toEqual([CHUNK * 2, (CLONES - CHUNK) * 2]);
  });

  it('writes them at lines + 3 each with the totals PATCHed after the items (revel.totalsWithCreate off)', async () => {
    const { writes, lookUps: batches } = await bulkRunOfClones(h.deps({ config: patchingTotals() }));
    expect(writes).toBe(LINES + 3);
    expect(batches).toHaveLength(Math.ceil(CLONES / CHUNK));
  });

  it("still reports the event whose order Revel holds under the old connector's local_id as a DUPLICATE, writing nothing", async () => {
    const results = await syncRecent(h.deps(), { hoursBack: 48, correlationId: 'it-budget-legacy' });
    expect(results.find((r) => r.id === '55521617')).toMatchObject({
      status: 'skipped',
      reason: 'DUPLICATE',
      revel_order_id: String(legacyOrderId),
    });
    expect(h.sandboxes.revel.orders().filter((o) => String(o.local_id).endsWith('55521617'))).toHaveLength(1);
    // Found by the establishment's batched look-up, which named other events too, not by one of its own.
    const asked = lookUps().filter(naming('55521617'));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('Triple Seat 55521617');
    expect(asked[0]?.length).toBeGreaterThan(2);
  });
});

/** The read-back GETs from the `from`-th request on: shared lists (`id__in` / `order__in`) and per-order reads. */
function readBacks(from: number): { shared: string[]; alone: string[] } {
  const shared: string[] = [];
  const alone: string[] = [];
  for (const r of h.sandboxes.revel.requestLog().slice(from)) {
    if (r.method !== 'GET') continue;
    const query = new URLSearchParams(r.query);
    if (query.has('id__in') || query.has('order__in')) shared.push(`${r.path} ${r.status}`);
    else if (/^\/resources\/Order\/\d+\/$/.test(r.path) || query.has('order')) alone.push(r.path);
  }
  return { shared, alone };
}

describe('the read-back shared by a bulk run', () => {
  /** The clones' bulk run; then the read-back GETs it made. */
  async function readBackOfClones(deps: EngineDeps) {
    await clonesAfterASeededRun(deps);
    const before = h.sandboxes.revel.requestLog().length;
    const results = await syncRecent(deps, { hoursBack: 48, correlationId: 'it-budget-read-back' });
    for (const id of cloneIds) expect(results.find((r) => r.id === id)).toMatchObject({ status: 'injected' });
    return readBacks(before);
  }

  it('reads N new orders back in one Order list and one OrderItem list for every 20 of them: at most 0.2 requests an order', async () => {
    const { shared, alone } = await readBackOfClones(h.deps());
    const batches = Math.ceil(CLONES / READ_BACK_BATCH);
    expect(shared).toEqual(
      Array.from({ length: batches }, () => ['/resources/Order/ 200', '/resources/OrderItem/ 200']).flat(),
    );
    // Payments are not listed: these orders were created without any.
    expect(alone).toEqual([]);
    expect(shared.length / CLONES).toBeLessThanOrEqual(0.2);
  });

  it('reads each order alone when Revel refuses id__in, and still injects them all', async () => {
    h.sandboxes.revel.behave({ inFilterOnIds: 'refused' });
    const { shared, alone } = await readBackOfClones(h.deps());
    // One refused Order list per shared read; then each order and its items alone.
    expect(shared).toEqual(
      Array.from({ length: Math.ceil(CLONES / READ_BACK_BATCH) }, () => '/resources/Order/ 400'),
    );
    expect(alone.filter((p) => p.startsWith('/resources/Order/'))).toHaveLength(CLONES);
    expect(alone.filter((p) => p === '/resources/OrderItem/')).toHaveLength(CLONES);
  });

  it('reads each order alone when Revel ignores id__in (rows not asked for), after one page of the list', async () => {
    h.sandboxes.revel.behave({ inFilterOnIds: 'ignored' });
    const { shared, alone } = await readBackOfClones(h.deps());
    expect(shared).toEqual(
      Array.from({ length: Math.ceil(CLONES / READ_BACK_BATCH) }, () => '/resources/Order/ 200'),
    );
    expect(alone.filter((p) => p.startsWith('/resources/Order/'))).toHaveLength(CLONES);
  });
});

describe('a batch answer handed to one event', () => {
  const emptyAnswer = (deps: EngineDeps, ageMs: number) => async (): Promise<BatchedLookup> => ({
    establishmentId: 4,
    orders: [],
    at: new Date(deps.clock.now().getTime() - ageMs),
  });

  it("replaces the event's own look-up while fresh", async () => {
    const deps = h.deps();
    await deps.revel.listProducts(4);
    const before = h.sandboxes.revel.requestLog().length;
    const batchedLookup = emptyAnswer(deps, BATCHED_LOOKUP_FRESH_MS);
    expect((await syncEvent('55521609', deps, { ...opts, batchedLookup })).status).toBe('injected');
    expect(lookUps(before)).toEqual([]);
  });

  it("is not trusted once older than the freshness window: the event looks itself up and finds the old connector's order", async () => {
    const deps = h.deps();
    const batchedLookup = emptyAnswer(deps, BATCHED_LOOKUP_FRESH_MS + 1000);
    const result = await syncEvent('55521617', deps, { ...opts, batchedLookup });
    expect(result).toMatchObject({
      status: 'skipped',
      reason: 'DUPLICATE',
      revel_order_id: String(legacyOrderId),
    });
    expect(lookUps().filter(naming('55521617'))).toHaveLength(1);
  });

  it('is not trusted for an event the ledger has seen before: it looks itself up', async () => {
    const deps = h.deps();
    const holder = 'it-budget-earlier';
    await h.ledger.acquireLease('55521617', holder, 60_000);
    await h.ledger.recordOutcome('55521617', holder, { status: 'failed', reason: 'UNMAPPED_ITEMS' });
    await h.ledger.releaseLease('55521617', holder);
    const batchedLookup = emptyAnswer(deps, 0);
    const result = await syncEvent('55521617', deps, { ...opts, batchedLookup });
    expect(result).toMatchObject({
      status: 'skipped',
      reason: 'DUPLICATE',
      revel_order_id: String(legacyOrderId),
    });
  });
});

/** A queue batch's orders read back in one Order list (`id__in`) and one OrderItem list (`order__in`). */
const SHARED_READ_BACK = ['GET /resources/Order/', 'GET /resources/OrderItem/'];
const SHARED_READ_BACK_LISTS = ['/resources/Order/ 200', '/resources/OrderItem/ 200'];

describe('Revel requests of a scheduled run fanned out through the queue', () => {
  /** The seeded events injected, the clones listed; the scheduled run planned over the handler harness. */
  async function plannedRun() {
    await clonesAfterASeededRun(h.deps());
    const hh = startHandlerHarness(h);
    const deps = hh.deps();
    await deps.engine.revel.listProducts(4);
    const before = h.sandboxes.revel.requestLog().length;
    const planned = await runScheduledSync(deps, 'it-budget-schedule');
    if (planned.status !== 'planned') throw new Error('the scheduled run did not plan');
    const queue = deps.queue as MemorySyncQueue;
    const messages = queue.takeAll().filter((m) => m.kind === 'run-event');
    return { hh, deps, before, planned, messages };
  }

  it('plans with no write: one batched look-up per establishment for every 20 new events, and none for the rest', async () => {
    const { hh, before, messages } = await plannedRun();
    // Beside the preflight's reads of the Revel references it checks against (after planning).
    const planning = revelRequests(before).filter((r) => !r.startsWith('GET ') || r.includes('/Order'));
    expect(planning).toEqual(
      Array.from({ length: Math.ceil(CLONES / CHUNK) }, () => 'GET /resources/Order/'),
    );
    expect(lookUps(before).filter((ids) => cloneIds.some((c) => naming(c)(ids)))).toHaveLength(
      Math.ceil(CLONES / CHUNK),
    );
    expect(messages.filter((m) => cloneIds.includes(m.eventId))).toHaveLength(CLONES);
    hh.close();
  });

  it('writes each queued new four-line order in lines + 2 with no look-up of its own, then reads it back in the shared lists (2)', async () => {
    const { hh, deps, messages } = await plannedRun();
    const clone = messages.find((m) => m.eventId === cloneIds[0]);
    const from = h.sandboxes.revel.requestLog().length;
    await processQueueBatch(sqsEvent(sqsRecord(clone)), deps, 'it-budget-consumer');
    expect(revelRequests(from)).toEqual([
      'POST /resources/Order/',
      ...ITEMS,
      'POST /resources/OrderHistory/',
      ...SHARED_READ_BACK,
    ]);
    expect(readBacks(from)).toEqual({ shared: SHARED_READ_BACK_LISTS, alone: [] });
    hh.close();
  });

  it("reads a full queue batch of its messages back together: one Order list and one OrderItem list for the batch's new orders, 0.2 requests an order", async () => {
    const { hh, deps, planned, messages } = await plannedRun();
    const clones = messages.filter((m) => cloneIds.includes(m.eventId)).slice(0, QUEUE_BATCH_SIZE);
    const records = clones.map((m, i) => sqsRecord(m, { messageId: `msg-${i}` }));
    const from = h.sandboxes.revel.requestLog().length;
    const answer = await processQueueBatch(sqsEvent(...records), deps, 'it-budget-consumer');
    expect(answer.batchItemFailures).toEqual([]);
    const writes = revelRequests(from).filter((r) => !r.startsWith('GET '));
    expect(writes).toHaveLength(clones.length * (LINES + 2));
    expect(lookUps(from)).toEqual([]);
    const { shared, alone } = readBacks(from);
    expect(shared).toEqual(SHARED_READ_BACK_LISTS);
    expect(alone).toEqual([]);
    expect(shared.length / clones.length).toBeLessThanOrEqual(0.2);
    // Each outcome counted once in the run.
    const recorded = (await deps.runs.runResults(planned.runId)) as { id: string; status: string }[];
    const ofClones = recorded.filter((r) => clones.some((m) => m.eventId === r.id));
    expect(ofClones.map((r) => r.status)).toEqual(clones.map(() => 'injected'));
    hh.close();
  });

  it('reads the orders of a batch that also holds the run-close together: the close reads nothing back and none waits for it', async () => {
    const { hh, deps, planned, messages } = await plannedRun();
    const clones = messages.filter((m) => cloneIds.includes(m.eventId)).slice(0, 3);
    const close = { kind: 'run-close', runId: planned.runId, correlationId: 'it-budget-close' };
    const records = [close, ...clones].map((m, i) => sqsRecord(m, { messageId: `msg-${i}` }));
    const from = h.sandboxes.revel.requestLog().length;
    const answer = await processQueueBatch(sqsEvent(...records), deps, 'it-budget-consumer');
    expect(answer.batchItemFailures).toEqual([]);
    expect(readBacks(from)).toEqual({ shared: SHARED_READ_BACK_LISTS, alone: [] });
    hh.close();
  });

  it('looks a full queue batch up again in one request when its carried answers have aged: lines + 2 writes, 0.1 look-ups an order', async () => {
    const { hh, deps, messages } = await plannedRun();
    const clones = messages.filter((m) => cloneIds.includes(m.eventId)).slice(0, QUEUE_BATCH_SIZE);
    const records = clones.map((m, i) => sqsRecord(m, { messageId: `msg-${i}` }));
    // A busy day: the batch reaches the queue minutes after planning.
    hh.clock.set(new Date(hh.clock.now().getTime() + 5 * 60_000));
    const from = h.sandboxes.revel.requestLog().length;
    const answer = await processQueueBatch(sqsEvent(...records), deps, 'it-budget-consumer');
    expect(answer.batchItemFailures).toEqual([]);
    const writes = revelRequests(from).filter((r) => !r.startsWith('GET '));
    expect(writes).toHaveLength(clones.length * (LINES + 2));
    // One local_id__in look-up for the batch (one establishment), every format of each of its events.
    expect(lookUps(from)).toEqual([
      clones.flatMap((m) => [expect.stringContaining(m.eventId), expect.stringContaining(m.eventId)]),
    ]);
    hh.close();
  });

  it("looks itself up once its message waited past the batch answer's freshness", async () => {
    const { hh, deps, messages } = await plannedRun();
    const clone = messages.find((m) => m.eventId === cloneIds[1]);
    hh.clock.set(new Date(hh.clock.now().getTime() + BATCHED_LOOKUP_FRESH_MS + 1000));
    const from = h.sandboxes.revel.requestLog().length;
    await processQueueBatch(sqsEvent(sqsRecord(clone)), deps, 'it-budget-consumer');
    expect(revelRequests(from)).toEqual([
      'GET /resources/Order/',
      'POST /resources/Order/',
      ...ITEMS,
      'POST /resources/OrderHistory/',
      ...SHARED_READ_BACK,
    ]);
    hh.close();
  });
});
