import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RECEIVE_COUNT } from '#functions/core/contract/queue-message';
import {
  failedMessageIds,
  type SqsBatchHandler,
  type SqsPoller,
  startSqsPoller,
} from '../../../dev/sqs-poller';
import { eventually } from '../../support/eventually';

let fauxqs: FauxqsServer;
let client: SQSClient;
let poller: SqsPoller | undefined;
let queueCount = 0;

beforeAll(async () => {
  fauxqs = await startFauxqs({ port: 0, logger: false });
  client = new SQSClient({
    endpoint: `http://127.0.0.1:${fauxqs.port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});
afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});
afterAll(async () => {
  client.destroy();
  await fauxqs.stop();
});

/** A fresh queue with a 1 s visibility timeout and a DLQ after `maxReceiveCount` receives. */
function freshQueue(maxReceiveCount = MAX_RECEIVE_COUNT) {
  queueCount += 1;
  const name = `poller-${queueCount}`;
  const dlq = fauxqs.createQueue(`${name}-dlq`);
  const queue = fauxqs.createQueue(name, {
    attributes: {
      VisibilityTimeout: '1',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.queueArn, maxReceiveCount }),
    },
  });
  const depth = (queueName: string) => {
    const messages = fauxqs.inspectQueue(queueName)?.messages;
    return (messages?.ready.length ?? 0) + (messages?.inflight.length ?? 0) + (messages?.delayed.length ?? 0);
  };
  return { name, queueUrl: queue.queueUrl, depth: () => depth(name), dlqDepth: () => depth(`${name}-dlq`) };
}

async function send(queueUrl: string, body: string): Promise<void> {
  await client.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: body,
      MessageAttributes: { source: { DataType: 'String', StringValue: 'test' } },
    }),
  );
}

function poll(queueUrl: string, handler: SqsBatchHandler) {
  poller = startSqsPoller({ client, queueUrl, handler, waitTimeSeconds: 1 });
}

describe('the local SQS poller', () => {
  it('hands the handler a real SQSEvent and deletes the batch when it succeeds', async () => {
    const queue = freshQueue();
    const events: SQSEvent[] = [];
    await send(queue.queueUrl, '{"eventId":"1"}');
    poll(queue.queueUrl, async (event) => {
      events.push(event);
      return { batchItemFailures: [] };
    });
    await eventually(() => expect(events).toHaveLength(1));
    const record = events[0]?.Records[0];
    expect(record).toMatchObject({
      body: '{"eventId":"1"}',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${queue.name}`,
      awsRegion: 'us-east-1',
      attributes: { ApproximateReceiveCount: '1', SenderId: '000000000000' },
      messageAttributes: { source: { dataType: 'String', stringValue: 'test' } },
    });
    expect(record?.messageId).toMatch(/\S/);
    expect(record?.receiptHandle).toMatch(/\S/);
    expect(record?.md5OfBody).toMatch(/^[0-9a-f]{32}$/);
    expect(record?.attributes.SentTimestamp).toMatch(/^\d+$/);
    expect(record?.attributes.ApproximateFirstReceiveTimestamp).toMatch(/^\d+$/);
    await eventually(() => expect(queue.depth()).toBe(0));
  });

  it('redelivers only the message listed in batchItemFailures', async () => {
    const queue = freshQueue();
    const seen: Array<{ body: string; receiveCount: string }> = [];
    await send(queue.queueUrl, 'good');
    await send(queue.queueUrl, 'bad');
    poll(queue.queueUrl, async (event) => {
      for (const r of event.Records)
        seen.push({ body: r.body, receiveCount: r.attributes.ApproximateReceiveCount });
      return {
        batchItemFailures: event.Records.filter((r) => r.body === 'bad').map((r) => ({
          itemIdentifier: r.messageId,
        })),
      };
    });
    await eventually(() => expect(seen).toContainEqual({ body: 'bad', receiveCount: '2' }), 6_000);
    expect(seen.filter((s) => s.body === 'good')).toEqual([{ body: 'good', receiveCount: '1' }]);
  });

  it('moves a message that fails maxReceiveCount times to the dead-letter queue', async () => {
    const queue = freshQueue(2);
    let receives = 0;
    await send(queue.queueUrl, 'poison');
    poll(queue.queueUrl, async (event) => {
      receives += event.Records.length;
      return { batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };
    });
    await eventually(() => expect(queue.dlqDepth()).toBe(1), 8_000);
    expect(queue.depth()).toBe(0);
    expect(receives).toBe(2);
  });

  it('deletes nothing when the handler throws, like Lambda', async () => {
    const queue = freshQueue();
    const errors: unknown[] = [];
    let calls = 0;
    await send(queue.queueUrl, 'a');
    poller = startSqsPoller({
      client,
      queueUrl: queue.queueUrl,
      waitTimeSeconds: 1,
      onError: (e) => errors.push(e),
      handler: async () => {
        calls += 1;
        if (calls === 1) throw new Error('crashed');
        return undefined;
      },
    });
    await eventually(() => expect(calls).toBe(2), 6_000);
    await eventually(() => expect(queue.depth()).toBe(0));
    expect(errors).toEqual([new Error('crashed')]);
  });

  it('lets stop() wait for the batch in flight and delete it', async () => {
    const queue = freshQueue();
    let started = false;
    let finished = false;
    await send(queue.queueUrl, 'slow');
    poll(queue.queueUrl, async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 300));
      finished = true;
      return undefined;
    });
    await eventually(() => expect(started).toBe(true));
    await poller?.stop();
    poller = undefined;
    expect(finished).toBe(true);
    expect(queue.depth()).toBe(0);
  });

  it('handles two batches at once with a concurrency of 2', async () => {
    const queue = freshQueue();
    let running = 0;
    let peak = 0;
    let handled = 0;
    await send(queue.queueUrl, 'one');
    await send(queue.queueUrl, 'two');
    poller = startSqsPoller({
      client,
      queueUrl: queue.queueUrl,
      batchSize: 1,
      concurrency: 2,
      waitTimeSeconds: 1,
      handler: async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 200));
        running -= 1;
        handled += 1;
        return undefined;
      },
    });
    await eventually(() => expect(handled).toBe(2));
    expect(peak).toBe(2);
  });

  it('stops promptly while idle in a long poll', async () => {
    const queue = freshQueue();
    poller = startSqsPoller({
      client,
      queueUrl: queue.queueUrl,
      waitTimeSeconds: 20,
      handler: async () => undefined,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await poller.stop();
    poller = undefined;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('reading batchItemFailures', () => {
  const messages = [{ MessageId: 'a' }, { MessageId: 'b' }];

  it('treats no answer or an empty list as full success', () => {
    expect(failedMessageIds(undefined, messages)).toEqual(new Set());
    expect(failedMessageIds({ batchItemFailures: [] }, messages)).toEqual(new Set());
    expect(failedMessageIds({ status: 'ok' }, messages)).toEqual(new Set());
  });

  it('fails only the listed messages', () => {
    expect(failedMessageIds({ batchItemFailures: [{ itemIdentifier: 'b' }] }, messages)).toEqual(
      new Set(['b']),
    );
  });

  it('fails the whole batch when an identifier is empty or not in the batch', () => {
    expect(failedMessageIds({ batchItemFailures: [{ itemIdentifier: 'zz' }] }, messages)).toEqual(
      new Set(['a', 'b']),
    );
    expect(failedMessageIds({ batchItemFailures: [{ itemIdentifier: '' }] }, messages)).toEqual(
      new Set(['a', 'b']),
    );
  });
});
