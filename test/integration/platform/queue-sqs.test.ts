import { ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '#functions/core/contract/queue-message';
import { SqsSyncQueue } from '#functions/platform/queue-sqs';
import { type LocalSqs, startLocalSqs } from '../../../dev/local-sqs';

let sqs: LocalSqs;

beforeAll(async () => {
  sqs = await startLocalSqs();
});
afterAll(async () => {
  await sqs.close();
});

const message: EventMessage = {
  kind: 'event',
  eventId: '55521001',
  trigger: 'UPDATE_EVENT',
  receivedAt: '2025-06-01T12:00:00.000Z',
  correlationId: 'corr-queue-1',
};

const receive = (queueUrl: string, visibilityTimeout = 30) =>
  sqs.client.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: visibilityTimeout,
      MessageAttributeNames: ['All'],
    }),
  );

describe('SqsSyncQueue on a local SQS server', () => {
  it('sends the message as JSON with its correlation id as a message attribute', async () => {
    const queueUrl = await sqs.createQueue('sync-plain');
    await new SqsSyncQueue({ client: sqs.client, queueUrl }).send(message);

    const { Messages } = await receive(queueUrl);

    expect(Messages).toHaveLength(1);
    expect(JSON.parse(Messages?.[0]?.Body ?? '')).toEqual(message);
    expect(Messages?.[0]?.MessageAttributes?.correlationId).toMatchObject({
      DataType: 'String',
      StringValue: 'corr-queue-1',
    });
  });

  it('carries a bulk-run hand-off as well', async () => {
    const queueUrl = await sqs.createQueue('sync-bulk');
    const bulk = {
      kind: 'bulk-run',
      runId: 'run-1',
      hoursBack: 48,
      dryRun: true,
      correlationId: 'c-2',
    } as const;

    await new SqsSyncQueue({ client: sqs.client, queueUrl }).send(bulk);

    expect(JSON.parse((await receive(queueUrl)).Messages?.[0]?.Body ?? '')).toEqual(bulk);
  });

  it('refuses to enqueue a message the sync Lambda could not read', async () => {
    const queueUrl = await sqs.createQueue('sync-refused');
    const queue = new SqsSyncQueue({ client: sqs.client, queueUrl });

    await expect(queue.send({ ...message, eventId: 'not-a-number' })).rejects.toThrow();
    expect((await receive(queueUrl)).Messages ?? []).toHaveLength(0);
  });

  it('lets a send error reach the caller when SQS is unreachable', async () => {
    const closed = await startLocalSqs();
    const queueUrl = await closed.createQueue('sync-gone');
    await closed.close();
    const client = new SQSClient({
      region: 'us-east-1',
      endpoint: closed.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });

    await expect(new SqsSyncQueue({ client, queueUrl }).send(message)).rejects.toThrow();
    client.destroy();
  });
});

describe('startLocalSqs', () => {
  it('moves a message to the dead-letter queue after maxReceiveCount receives', async () => {
    const queueUrl = await sqs.createQueue('sync-redrive', { dlq: 'sync-redrive-dlq', maxReceiveCount: 2 });
    await new SqsSyncQueue({ client: sqs.client, queueUrl }).send(message);

    expect((await receive(queueUrl, 0)).Messages).toHaveLength(1);
    expect((await receive(queueUrl, 0)).Messages).toHaveLength(1);
    expect((await receive(queueUrl, 0)).Messages ?? []).toHaveLength(0);

    const dead = await receive(await sqs.queueUrl('sync-redrive-dlq'));
    expect(JSON.parse(dead.Messages?.[0]?.Body ?? '')).toEqual(message);
  });

  it('returns the same URL when a queue is created twice', async () => {
    const first = await sqs.createQueue('sync-twice', { dlq: 'sync-twice-dlq' });

    expect(await sqs.createQueue('sync-twice', { dlq: 'sync-twice-dlq' })).toBe(first);
  });
});

describe('SqsSyncQueue.sendMany on a local SQS server', () => {
  const runEvent = (i: number) =>
    ({
      kind: 'run-event',
      runId: 'sched-1',
      eventId: String(55_530_000 + i),
      trigger: 'schedule',
      dryRun: false,
      correlationId: 'c-fan-out',
    }) as const;

  it('sends 25 run events in SendMessageBatch calls of 10, every one arriving', async () => {
    const queueUrl = await sqs.createQueue('sync-fan-out');
    const messages = Array.from({ length: 25 }, (_, i) => runEvent(i));
    expect(await new SqsSyncQueue({ client: sqs.client, queueUrl }).sendMany(messages)).toEqual([]);
    const bodies: unknown[] = [];
    for (let i = 0; i < 5 && bodies.length < 25; i += 1) {
      const { Messages = [] } = await receive(queueUrl);
      bodies.push(...Messages.map((m) => JSON.parse(m.Body ?? '')));
    }
    expect(bodies).toHaveLength(25);
    expect(new Set(bodies.map((b) => (b as { eventId: string }).eventId)).size).toBe(25);
  });

  it('gives back every message it could not send after its tries, rather than throwing or dropping them', async () => {
    const queueUrl = `${sqs.endpoint}/000000000000/no-such-queue`;
    const messages = Array.from({ length: 12 }, (_, i) => runEvent(i));
    const unsent = await new SqsSyncQueue({ client: sqs.client, queueUrl, batchAttempts: 2 }).sendMany(
      messages,
    );
    expect(unsent).toEqual(messages);
  });
});

describe('SqsSyncQueue showing received messages again', () => {
  it('makes 12 received messages visible at once on a queue whose visibility timeout is 1,080 s', async () => {
    const queueUrl = await sqs.createQueue('sync-hand-back', { visibilityTimeoutSeconds: 1080 });
    for (const ids of [
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      [10, 11],
    ])
      await sqs.client.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: ids.map((i) => ({
            Id: String(i),
            MessageBody: JSON.stringify({ ...message, eventId: String(i) }),
          })),
        }),
      );
    const received = [...((await receiveAll(queueUrl)) ?? [])];
    expect(received).toHaveLength(12);
    // Hidden for the queue's 1,080 s now.
    expect(await receiveAll(queueUrl)).toHaveLength(0);

    const queue = new SqsSyncQueue({ client: sqs.client, queueUrl });
    const unchanged = await queue.showAgainAfter(
      received.map((m) => m.ReceiptHandle ?? ''),
      0,
    );

    expect(unchanged).toEqual([]);
    const again = await receiveAll(queueUrl);
    expect(again.map((m) => JSON.parse(m.Body ?? '').eventId).sort()).toEqual(
      received.map((m) => JSON.parse(m.Body ?? '').eventId).sort(),
    );
  });

  it('gives back the receipt handles SQS refused, and all of them when SQS cannot be reached', async () => {
    const queueUrl = await sqs.createQueue('sync-hand-back-refused', { visibilityTimeoutSeconds: 1080 });
    await new SqsSyncQueue({ client: sqs.client, queueUrl }).send(message);
    const [first] = await receiveAll(queueUrl);
    const queue = new SqsSyncQueue({ client: sqs.client, queueUrl });

    expect(await queue.showAgainAfter([first?.ReceiptHandle ?? '', 'not-a-receipt-handle'], 0)).toEqual([
      'not-a-receipt-handle',
    ]);

    const closed = await startLocalSqs();
    const goneUrl = await closed.createQueue('sync-hand-back-gone');
    await closed.close();
    const unreachable = new SqsSyncQueue({
      client: new SQSClient({
        region: 'us-east-1',
        endpoint: closed.endpoint,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      }),
      queueUrl: goneUrl,
    });
    expect(await unreachable.showAgainAfter(['a', 'b'], 0)).toEqual(['a', 'b']);
  });
});

/** Everything visible now, up to 10 per receive, without changing the visibility timeout. */
async function receiveAll(queueUrl: string) {
  const all = [];
  for (;;) {
    const { Messages = [] } = await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
    );
    if (Messages.length === 0) return all;
    all.push(...Messages);
  }
}
