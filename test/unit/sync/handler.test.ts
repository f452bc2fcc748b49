import type { APIGatewayProxyStructuredResultV2, SQSBatchResponse } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createSyncHandler } from '../../../functions/sync/handler';
import type { ScheduledRunResult } from '../../../functions/sync/scheduled-run';
import {
  eventMessage,
  fakeSyncHandlerDeps,
  httpEvent,
  scheduledEvent,
  sqsEvent,
  sqsRecord,
} from '../../support/fake-sync-handler-deps';

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

  it('runs the scheduled sync for an EventBridge event, holding the lease as this invocation', async () => {
    const { handler, harness } = setup();
    const holders: string[] = [];
    const acquire = harness.runLock.acquireNamedLease.bind(harness.runLock);
    harness.runLock.acquireNamedLease = async (name: string, holder: string) => {
      holders.push(holder);
      return acquire(name, holder);
    };
    const answer = (await handler(scheduledEvent(), context)) as ScheduledRunResult;
    expect(answer).toMatchObject({ status: 'finished', summary: { injected: 1 } });
    expect(holders).toEqual(['aws-req-1']);
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
