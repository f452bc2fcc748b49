import type { APIGatewayProxyStructuredResultV2, SQSBatchResponse } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScheduledRunResult } from '#functions/core/bulk/run-scheduled-sync';
import { VendorError } from '#functions/core/domain/errors';
import { MetricName } from '#functions/core/ports/metrics';
import { createMetrics } from '#functions/platform/metrics-emf';
import { createSyncHandler } from '#functions/sync/handler';
import { testConfig, tsEvent } from '../../support/builders';
import {
  eventMessage,
  fakeSyncHandlerDeps,
  httpEvent,
  METRICS_NAMESPACE,
  manualClock,
  NOTIFICATIONS,
  ordersTake,
  scheduledEvent,
  sqsEvent,
  sqsRecord,
} from '../../support/fake-sync-handler-deps';
import { publishedValues } from '../../support/metric-lines';

function setup() {
  const harness = fakeSyncHandlerDeps();
  let builds = 0;
  const handler = createSyncHandler(async () => {
    builds += 1;
    return harness.deps;
  });
  return { handler, harness, builds: () => builds };
}

const context = { awsRequestId: 'aws-req-1' };

describe('createSyncHandler', () => {
  it('hands an SQS batch to the queue processor and answers with its batch failures', async () => {
    const { handler, harness } = setup();
    const answer = (await handler(
      sqsEvent(sqsRecord(eventMessage('55521609'))),
      context,
    )) as SQSBatchResponse;
    expect(answer).toEqual({ batchItemFailures: [] });
    expect(harness.revel.orders).toHaveLength(1);
  });

  it('plans the scheduled sync for an EventBridge event, the run holding the lease', async () => {
    const { handler, harness } = setup();
    const holders: string[] = [];
    const acquire = harness.runLock.acquireNamedLease.bind(harness.runLock);
    harness.runLock.acquireNamedLease = async (name: string, holder: string) => {
      holders.push(holder);
      return acquire(name, holder);
    };
    const answer = (await handler(scheduledEvent(), context)) as ScheduledRunResult;
    expect(answer).toMatchObject({ status: 'planned', listed: 1, queued: 1 });
    expect(holders).toEqual([answer.status === 'planned' ? answer.runId : '']);
  });

  it('routes an HTTP API event to the manual route', async () => {
    const { handler } = setup();
    const answer = (await handler(httpEvent({ token: null }), context)) as APIGatewayProxyStructuredResultV2;
    expect(answer.statusCode).toBe(401);
  });

  it('builds its dependencies once for every invocation of a warm container', async () => {
    const { handler, builds } = setup();
    await handler(httpEvent({ path: '/nowhere' }), context);
    await handler(sqsEvent(), context);
    await handler(httpEvent({ path: '/nowhere' }), context);
    expect(builds()).toBe(1);
  });

  it('builds them again on the next invocation after a failed build', async () => {
    const harness = fakeSyncHandlerDeps();
    let builds = 0;
    const handler = createSyncHandler(async () => {
      builds += 1;
      if (builds === 1) throw new Error('Secrets Manager unreachable');
      return harness.deps;
    });
    await expect(handler(sqsEvent(), context)).rejects.toThrow('Secrets Manager unreachable');
    await expect(handler(sqsEvent(), context)).resolves.toEqual({ batchItemFailures: [] });
    await handler(sqsEvent(), context);
    expect(builds).toBe(2);
  });
});

describe('createSyncHandler metrics', () => {
  const EVENT_ID = '55521609';
  const queued = (receiveCount = 1) => sqsEvent(sqsRecord(eventMessage(EVENT_ID), { receiveCount }));

  it('writes one EMF line with EventsInjected = 1 in the configured namespace for a queue batch with an injected event', async () => {
    const { handler, harness } = setup();

    await handler(queued(), context);

    const [line, ...more] = harness.metrics();
    expect(more).toEqual([]);
    expect(line?.namespace).toBe(METRICS_NAMESPACE);
    expect(line?.dimensions).toEqual([[]]);
    expect(line?.metrics).toEqual({
      [MetricName.EventsInjected]: 1,
      [MetricName.ConsecutiveFailedInjections]: 0,
    });
    expect(line?.line.service).toBe('sync');
  });

  it('publishes ConsecutiveFailedInjections 5 after five failed injections in a row, and 0 once one succeeds', async () => {
    const { handler, harness } = setup();
    harness.tripleseat.failures.set(
      EVENT_ID,
      new VendorError('tripleseat', 'TRIPLESEAT_UNAVAILABLE', 503, true, 'TripleSeat answered 503'),
    );
    for (let receive = 1; receive <= 5; receive += 1) await handler(queued(receive), context);
    harness.tripleseat.failures.delete(EVENT_ID);
    await handler(queued(6), context);

    expect(publishedValues(harness.metrics(), MetricName.ConsecutiveFailedInjections)).toEqual([
      1, 2, 3, 4, 5, 0,
    ]);
    expect(publishedValues(harness.metrics(), MetricName.EventsFailed)).toEqual([1, 1, 1, 1, 1]);
    expect(harness.metricLines).toHaveLength(6);
  });

  it('flushes the metrics it recorded even when the invocation throws', async () => {
    const { handler, harness } = setup();
    // A count made while planning, then planning's final write fails.
    const put = harness.runs.putRun.bind(harness.runs);
    harness.runs.putRun = async (run) => {
      if (run.listed !== undefined) {
        harness.deps.metrics.count(MetricName.EventsInjected);
        throw new Error('DynamoDB unreachable');
      }
      return put(run);
    };

    await expect(handler(scheduledEvent(), context)).rejects.toThrow('DynamoDB unreachable');

    expect(publishedValues(harness.metrics(), MetricName.EventsInjected)).toEqual([1]);
    expect(publishedValues(harness.metrics(), MetricName.ScheduledRunCompleted)).toEqual([]);
  });

  it('writes nothing for an invocation that recorded no metric', async () => {
    const { handler, harness } = setup();

    await handler(httpEvent({ path: '/nowhere' }), context);

    expect(harness.metricLines).toEqual([]);
  });

  it('still answers when the metrics line cannot be written, and logs why', async () => {
    const { handler, harness } = setup();
    harness.deps.metrics = createMetrics({
      namespace: METRICS_NAMESPACE,
      service: 'sync',
      write: () => {
        throw new Error('EPIPE');
      },
    });

    await expect(handler(queued(), context)).resolves.toEqual({ batchItemFailures: [] });

    expect(harness.logs()).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'metrics not flushed', error: 'EPIPE' }),
    );
  });
});

describe('createSyncHandler deadline', () => {
  /** Three events due today, one at a time, each costing two seconds of the clock to inject. */
  function slowSetup() {
    const clock = manualClock();
    const events = ['701', '702', '703'].map((id) => tsEvent({ id }));
    const config = testConfig({ notifications: NOTIFICATIONS, sync: { concurrency: 1 } });
    const harness = fakeSyncHandlerDeps({ events, config, clock });
    ordersTake(2_000, harness.revel, clock);
    return { handler: createSyncHandler(async () => harness.deps), harness };
  }
  const remaining = (ms: number) => ({ awsRequestId: 'aws-req-1', getRemainingTimeInMillis: () => ms });

  it('plans a scheduled run well within a short deadline: every event is queued, none left for the next run', async () => {
    const { handler, harness } = slowSetup();
    const answer = (await handler(scheduledEvent(), remaining(63_000))) as ScheduledRunResult;
    expect(answer).toMatchObject({ status: 'planned', listed: 3, queued: 3 });
    expect(harness.revel.orders).toHaveLength(0);
    const events = harness.queue.sent.filter((m) => m.kind === 'run-event');
    expect(events.map((m) => m.eventId)).toEqual(['701', '702', '703']);
  });

  it('hands a run’s event back to SQS unstarted once the invocation is past its deadline', async () => {
    const { handler, harness } = slowSetup();
    await handler(scheduledEvent(), context);
    const records = harness.queue
      .takeAll()
      .filter((m) => m.kind === 'run-event')
      .map((m, i) => sqsRecord(m, { messageId: `e-${i}` }));
    const late = await handler(sqsEvent(...records), remaining(0));
    expect(late).toEqual({
      batchItemFailures: ['e-0', 'e-1', 'e-2'].map((itemIdentifier) => ({ itemIdentifier })),
    });
    expect(harness.revel.orders).toHaveLength(0);
    expect(await handler(sqsEvent(...records), context)).toEqual({ batchItemFailures: [] });
    expect(harness.revel.orders).toHaveLength(3);
  });
});

describe('createSyncHandler log lines', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('carry the Lambda request id and the cold-start flag, whichever trigger runs', async () => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    const { handler, harness } = setup();

    await handler(sqsEvent(sqsRecord(eventMessage('55521609'))), { awsRequestId: 'lambda-req-1' });
    await handler(httpEvent({ token: null }), { awsRequestId: 'lambda-req-2' });

    const logs = harness.logs();
    expect(logs.length).toBeGreaterThan(1);
    const first = logs.filter((l) => l.function_request_id === 'lambda-req-1');
    const second = logs.filter((l) => l.function_request_id === 'lambda-req-2');
    expect(first.length + second.length).toBe(logs.length);
    expect(first.every((l) => l.cold_start === true)).toBe(true);
    expect(first).toContainEqual(expect.objectContaining({ correlation_id: 'corr-55521609' }));
    expect(second).toEqual([
      expect.objectContaining({
        message: 'manual route refused: missing or wrong bearer token',
        cold_start: false,
        correlation_id: expect.any(String),
      }),
    ]);
  });
});
