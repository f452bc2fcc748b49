import { ReceiveMessageCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsDeadLetters } from '#functions/platform/dead-letters-sqs';
import { type LocalSqs, startLocalSqs } from '../../../dev/local-sqs';

let sqs: LocalSqs;
beforeAll(async () => {
  sqs = await startLocalSqs();
});
afterAll(async () => {
  await sqs.close();
});

async function queuesWith(name: string, count: number) {
  const dlqUrl = await sqs.createQueue(`${name}-dlq`);
  const queueUrl = await sqs.createQueue(name);
  for (let i = 0; i < count; i += 10) {
    const entries = Array.from({ length: Math.min(10, count - i) }, (_, n) => ({
      Id: String(n),
      MessageBody: JSON.stringify({ kind: 'event', eventId: String(1000 + i + n) }),
    }));
    await sqs.client.send(new SendMessageBatchCommand({ QueueUrl: dlqUrl, Entries: entries }));
  }
  return { dlqUrl, queueUrl, dead: new SqsDeadLetters({ client: sqs.client, dlqUrl, queueUrl }) };
}

/** Every message now visible in the queue, received once (and so hidden from later receives). */
async function drain(queueUrl: string): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }),
    );
    if (Messages.length === 0) return bodies;
    bodies.push(...Messages.map((m) => m.Body ?? ''));
  }
}

describe('the dead-letter queue over SQS', () => {
  it('redrives every message, not only the first hundred, and says none remain', async () => {
    const { queueUrl, dead } = await queuesWith('redrive-all', 150);
    expect(await dead.redrive(undefined)).toEqual({ redriven: 150, remaining: 0 });
    expect(new Set(await drain(queueUrl)).size).toBe(150);
  });

  it('redrives only the named messages, found anywhere in the queue, and leaves the rest visible', async () => {
    const { dlqUrl, queueUrl, dead } = await queuesWith('redrive-named', 120);
    const listed = await dead.peek(120);
    const last = listed.slice(-2).map((m) => m.id);
    expect(await dead.redrive(last)).toEqual({ redriven: 2, remaining: 118 });
    expect(await drain(queueUrl)).toHaveLength(2);
    expect(await drain(dlqUrl)).toHaveLength(118);
  });

  it('shows messages without hiding them from a redrive right after', async () => {
    const { dead } = await queuesWith('peek-then-redrive', 12);
    expect(await dead.peek(100)).toHaveLength(12);
    expect((await dead.redrive(undefined)).redriven).toBe(12);
  });
});
