import { describe, expect, it } from 'vitest';
import { RUN_TIME_LIMIT_MS } from '#functions/core/bulk/plan-bulk-run';
import { REVEL_WEBHOOK_PATH, runStatusPath } from '#functions/core/contract/routes';
import type { Ledger } from '#functions/core/ports/ledger';
import { MetricName } from '#functions/core/ports/metrics';
import { createHttpHandler } from '#functions/sync/http-handler';
import { processQueueBatch } from '#functions/sync/queue/queue-batch';
import { testConfig } from '../../../support/builders';
import {
  fakeSyncHandlerDeps,
  type HttpRequest,
  httpEvent,
  jsonBody,
  NOW,
  sqsEvent,
  sqsRecord,
} from '../../../support/fake-sync-handler-deps';
import { publishedValues } from '../../../support/metric-lines';
import { drainQueue } from '../../../support/run-to-end';

const EVENT_ID = '55521609';

/** Through the HTTP trigger's handler, as the sync Lambda serves the route (errors answered by its middleware). */
async function call(request: HttpRequest, harness = fakeSyncHandlerDeps()) {
  const handler = createHttpHandler(async () => harness.deps);
  const answer = await handler(httpEvent(request), { awsRequestId: 'req-1' });
  return { answer, body: jsonBody(answer), ...harness };
}

describe('routeHttp authentication', () => {
  it('refuses a request without a token with 401 and a Bearer challenge, syncing nothing', async () => {
    const { answer, body, tripleseat } = await call({ query: `event_id=${EVENT_ID}`, token: null });
    expect(answer.statusCode).toBe(401);
    expect(body).toEqual({ error: 'unauthorized' });
    expect(answer.headers?.['www-authenticate']).toBe('Bearer');
    expect(tripleseat.calls).toBe(0);
  });

  it('refuses a wrong token, whatever its length', async () => {
    for (const token of ['x', 'manual-route-token-0123456789abcdeX', 'a'.repeat(500)]) {
      const { answer } = await call({ query: `event_id=${EVENT_ID}`, token });
      expect(answer.statusCode).toBe(401);
    }
  });

  it('reads the Authorization header whatever the case of its name', async () => {
    const { answer } = await call({
      query: `event_id=${EVENT_ID}`,
      token: null,
      headers: { AUTHORIZATION: 'bearer manual-route-token-0123456789abcdef' },
    });
    expect(answer.statusCode).toBe(200);
  });
});

describe('routeHttp parameters', () => {
  it.each(['0', '169', 'abc', '1.5', ''])(
    'answers 400 naming hours_back for hours_back=%s',
    async (value) => {
      const { answer, body, queue } = await call({ query: `hours_back=${value}` });
      expect(answer.statusCode).toBe(400);
      expect(body).toMatchObject({ parameter: 'hours_back' });
      expect(String(body.error)).toContain('hours_back');
      expect(queue.sent).toHaveLength(0);
    },
  );

  it('answers 400 naming hours_back when event_id comes with it', async () => {
    const { answer, body, tripleseat } = await call({ query: `event_id=${EVENT_ID}&hours_back=24` });
    expect(answer.statusCode).toBe(400);
    expect(body.parameter).toBe('hours_back');
    expect(String(body.error)).toContain('event_id');
    expect(tripleseat.calls).toBe(0);
  });

  it.each([
    ['event_id=12ab', 'event_id'],
    ['event_id=1&dry_run=maybe', 'dry_run'],
    ['event_id=1&event_id=2', 'event_id'],
    ['hours_bak=5', 'hours_bak'],
  ])('answers 400 for %s naming %s', async (query, parameter) => {
    const { answer, body } = await call({ query });
    expect(answer.statusCode).toBe(400);
    expect(body.parameter).toBe(parameter);
  });

  it('names the parameter of a bad JSON body too', async () => {
    const { answer, body } = await call({
      method: 'POST',
      body: JSON.stringify({ hours_back: 500 }),
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.statusCode).toBe(400);
    expect(body.parameter).toBe('hours_back');
  });
});

describe('routeHttp single event', () => {
  it('syncs one event and answers 200 with the summary, echoing the caller’s correlation id', async () => {
    const { answer, body, revel, mailer } = await call({
      query: `event_id=${EVENT_ID}`,
      headers: { 'X-Correlation-Id': 'ops-check-1' },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers?.['x-correlation-id']).toBe('ops-check-1');
    expect(answer.headers?.['content-type']).toContain('application/json');
    expect(body).toMatchObject({
      success: true,
      mode: 'single',
      correlation_id: 'ops-check-1',
      dry_run: false,
      summary: { queried: 1, injected: 1 },
      events: [{ id: EVENT_ID, status: 'injected', revel_order_id: String(revel.orders[0]?.id) }],
    });
    expect(mailer.sent.map((m) => m.correlationId)).toEqual(['ops-check-1']);
    expect(answer.body).not.toContain('jon@example.com');
    expect(answer.body).not.toContain('555-0100');
  });

  it('counts the synced event in the metrics, and a preview not at all', async () => {
    const synced = await call({ query: `event_id=${EVENT_ID}` });
    synced.deps.metrics.flush();
    expect(publishedValues(synced.metrics(), MetricName.EventsInjected)).toEqual([1]);

    const preview = await call({ query: `event_id=${EVENT_ID}&dry_run=true` });
    preview.deps.metrics.flush();
    expect(preview.body).toMatchObject({ dry_run: true, summary: { would_inject: 1 } });
    expect(preview.metricLines).toEqual([]);
  });

  it('replaces an unsafe correlation id header with a fresh one', async () => {
    const { answer } = await call({
      query: `event_id=${EVENT_ID}`,
      headers: { 'x-correlation-id': 'a b\n{}' },
    });
    expect(answer.headers?.['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('previews a POSTed JSON dry run without writing or mailing', async () => {
    const { answer, body, revel, mailer } = await call({
      method: 'POST',
      body: JSON.stringify({ event_id: Number(EVENT_ID), dry_run: true }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(answer.statusCode).toBe(200);
    expect(body).toMatchObject({ dry_run: true, summary: { would_inject: 1 } });
    expect(revel.orders).toHaveLength(0);
    expect(mailer.sent).toHaveLength(0);
  });

  it('keeps previewing when the connector is in dry-run mode, whatever the request says', async () => {
    const harness = fakeSyncHandlerDeps({ config: testConfig({ connector: { dryRun: true } }) });
    const { body, revel } = await call({ query: `event_id=${EVENT_ID}&dry_run=false` }, harness);
    expect(body).toMatchObject({ dry_run: true, summary: { would_inject: 1 } });
    expect(revel.orders).toHaveLength(0);
  });
});

describe('routeHttp bulk runs', () => {
  it('queues a bulk run, answers 202 with its status URL, and serves its progress and summary', async () => {
    const harness = fakeSyncHandlerDeps();
    const { answer, body, queue } = await call({ query: 'hours_back=24' }, harness);
    expect(answer.statusCode).toBe(202);
    const runId = String(body.run_id);
    expect(body).toEqual({ run_id: runId, status: 'queued', status_url: runStatusPath(runId) });
    expect(answer.headers?.location).toBe(runStatusPath(runId));
    expect(queue.sent).toEqual([
      { kind: 'bulk-run', runId, hoursBack: 24, dryRun: false, correlationId: expect.any(String) },
    ]);

    const queued = await call({ path: runStatusPath(runId) }, harness);
    expect(queued.answer.statusCode).toBe(200);
    expect(queued.body).toMatchObject({ run_id: runId, state: 'queued', hours_back: 24, processed: 0 });

    await processQueueBatch(sqsEvent(sqsRecord(queue.sent[0])), harness.deps, 'req-2');
    const planned = await call({ path: runStatusPath(runId) }, harness);
    expect(planned.body).toMatchObject({
      state: 'running',
      processed: 0,
      progress: { listed: 1, queued: 1, injected: 0, still_queued: 1 },
    });

    await drainQueue(harness.deps);
    const finished = await call({ path: runStatusPath(runId) }, harness);
    expect(finished.body).toMatchObject({
      state: 'finished',
      trigger: 'manual',
      processed: 1,
      progress: { listed: 1, queued: 1, injected: 1, failed: 0, still_queued: 0 },
      summary: { mode: 'bulk', summary: { injected: 1 } },
      error: null,
    });
  });

  it('serves a run at its time limit as finished, with the events still queued', async () => {
    let now = NOW.getTime();
    const harness = fakeSyncHandlerDeps({ clock: { now: () => new Date(now) } });
    const { body, queue } = await call({ query: 'hours_back=168' }, harness);
    const runId = String(body.run_id);
    await processQueueBatch(sqsEvent(sqsRecord(queue.sent[0])), harness.deps, 'req-2');
    now += RUN_TIME_LIMIT_MS;
    const close = { kind: 'run-close', runId, correlationId: 'c' };
    await processQueueBatch(sqsEvent(sqsRecord(close)), harness.deps, 'req-3');
    const stopped = await call({ path: runStatusPath(runId) }, harness);
    expect(stopped.body).toMatchObject({
      state: 'finished',
      processed: 0,
      progress: { listed: 1, queued: 1, still_queued: 1 },
      summary: { success: false, incomplete: { still_queued: 1 }, events: [] },
      error: null,
    });
  });

  it('defaults to 48 hours back, and reads a form-encoded POST body', async () => {
    const plain = await call({});
    expect(plain.queue.sent[0]).toMatchObject({ kind: 'bulk-run', hoursBack: 48 });
    const form = await call({
      method: 'POST',
      body: Buffer.from('hours_back=12&dry_run=1').toString('base64'),
      isBase64Encoded: true,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.answer.statusCode).toBe(202);
    expect(form.queue.sent[0]).toMatchObject({ hoursBack: 12, dryRun: true });
  });

  it('answers 503 and marks the run failed when the run cannot be queued', async () => {
    const harness = fakeSyncHandlerDeps();
    harness.queue.failure = new Error('SQS unreachable');
    const { answer, runs } = await call({ query: 'hours_back=24' }, harness);
    expect(answer.statusCode).toBe(503);
    expect([...runs.runs.values()]).toMatchObject([{ state: 'failed' }]);
  });

  it('answers 404 for a run it does not know', async () => {
    const { answer, body } = await call({ path: runStatusPath('manual-nope') });
    expect(answer.statusCode).toBe(404);
    expect(body).toEqual({ error: 'not found' });
  });
});

describe('routeHttp routing and errors', () => {
  it("answers Revel's webhook 404 while no Revel webhook secret is configured, and 401 unsigned once one is", async () => {
    const unconfigured = await call({ method: 'POST', path: REVEL_WEBHOOK_PATH, token: null });
    expect(unconfigured.answer.statusCode).toBe(404);
    const harness = fakeSyncHandlerDeps();
    harness.deps.revelWebhookSecrets = async () => ['revel-webhook-secret-0123456789'];
    const unsigned = await call({ method: 'POST', path: REVEL_WEBHOOK_PATH, token: null }, harness);
    expect(unsigned.answer.statusCode).toBe(401);
    expect(unsigned.tripleseat.calls).toBe(0);
  });

  it('answers 404 for another path and 405 with the allowed methods for another method', async () => {
    expect((await call({ path: '/api/other' })).answer.statusCode).toBe(404);
    const wrong = await call({ method: 'DELETE' });
    expect(wrong.answer.statusCode).toBe(405);
    expect(wrong.answer.headers?.allow).toBe('GET, POST');
    const runs = await call({ method: 'POST', path: runStatusPath('abc') });
    expect(runs.answer.headers?.allow).toBe('GET');
  });

  it('answers a generic 500 with the correlation id, never the error’s message', async () => {
    const harness = fakeSyncHandlerDeps();
    const broken: Ledger = Object.create(harness.ledger);
    broken.acquireLease = async () => {
      throw new Error('DynamoDB said secret=hunter2');
    };
    harness.deps.engine = { ...harness.deps.engine, ledger: broken };
    const { answer, body, logLines } = await call(
      { query: `event_id=${EVENT_ID}`, headers: { 'x-correlation-id': 'corr-500' } },
      harness,
    );
    expect(answer.statusCode).toBe(500);
    expect(body).toEqual({ status: 'error', message: 'internal error', correlation_id: 'corr-500' });
    expect(answer.body).not.toContain('hunter2');
    expect(logLines.some((l) => l.includes('request failed') && l.includes('corr-500'))).toBe(true);
  });
});
