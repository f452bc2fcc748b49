import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DeadLetter, DeadLetterQueue, RedriveOutcome } from '#functions/core/ports/dead-letters';

export interface SqsDeadLettersOptions {
  client: SQSClient;
  /** The sync queue's dead-letter queue. */
  dlqUrl: string;
  /** The sync queue, where a redriven message goes back to. */
  queueUrl: string;
}

/** Long enough to see each message once over several receives; they are made visible again after. */
const RECEIVE_VISIBILITY_SECONDS = 30;
const MAX_RECEIVES = 10;
/**
 * Messages moved by one redrive call at most (about 3 SQS calls each): what one API request can do
 * within API Gateway's 30 s; the answer's `remaining` says when another call is needed.
 */
export const MAX_REDRIVE_PER_CALL = 1_000;

/**
 * The DLQ through plain SQS calls. SQS cannot read without receiving, and every receive adds one to
 * a message's ApproximateReceiveCount, whatever its VisibilityTimeout (SQS has no peek): a peek
 * receives, then makes the messages visible again at once, so a look never hides them from a redrive.
 * On the DLQ the count only informs (the DLQ has no redrive policy of its own). A redrive walks the
 * whole queue and sends
 * the body (and correlation id) back to the sync queue, then deletes the dead letter — in that
 * order, so a crash in between repeats a message (the engine is idempotent) rather than losing it.
 */
export class SqsDeadLetters implements DeadLetterQueue {
  readonly #options: SqsDeadLettersOptions;

  constructor(options: SqsDeadLettersOptions) {
    this.#options = options;
  }

  async peek(max: number): Promise<DeadLetter[]> {
    const messages = await this.#receive(max);
    await this.#release(messages);
    return messages.map(deadLetter);
  }

  async count(): Promise<number> {
    const { Attributes = {} } = await this.#options.client.send(
      new GetQueueAttributesCommand({
        QueueUrl: this.#options.dlqUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    // A message someone is looking at right now is still a dead letter.
    return (
      Number(Attributes.ApproximateNumberOfMessages ?? 0) +
      Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0)
    );
  }

  async redrive(ids: readonly string[] | undefined): Promise<RedriveOutcome> {
    const wanted = ids === undefined ? undefined : new Set(ids);
    const passedOver: Message[] = [];
    let redriven = 0;
    let emptyAnswers = 0;
    // Every message, 10 per receive (SQS's most), until the queue answers empty twice — a short poll
    // samples some servers only, so one empty answer does not prove the queue empty (SQS docs).
    while (redriven < MAX_REDRIVE_PER_CALL && emptyAnswers < 2) {
      const batch = await this.#receiveBatch(emptyAnswers > 0 ? 1 : 0);
      if (batch.length === 0) {
        emptyAnswers += 1;
        continue;
      }
      emptyAnswers = 0;
      for (const message of batch) {
        if (wanted !== undefined && !wanted.has(message.MessageId ?? '')) passedOver.push(message);
        else if (await this.#moveBack(message)) {
          redriven += 1;
          wanted?.delete(message.MessageId ?? '');
        }
      }
      if (wanted !== undefined && wanted.size === 0) break;
    }
    // Hidden while the queue was walked (so each was seen once); visible again now.
    await this.#release(passedOver);
    return { redriven, remaining: await this.count() };
  }

  async #moveBack(message: Message): Promise<boolean> {
    if (message.MessageId === undefined || message.ReceiptHandle === undefined) return false;
    const { client, queueUrl, dlqUrl } = this.#options;
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: message.Body ?? '',
        ...(message.MessageAttributes ? { MessageAttributes: message.MessageAttributes } : {}),
      }),
    );
    await client.send(new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: message.ReceiptHandle }));
    return true;
  }

  async #receiveBatch(waitSeconds: number): Promise<Message[]> {
    const { Messages = [] } = await this.#options.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.#options.dlqUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: RECEIVE_VISIBILITY_SECONDS,
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
        MessageAttributeNames: ['All'],
      }),
    );
    return Messages;
  }

  /** Up to `max` distinct messages, over several receives of at most 10 (SQS's limit per call). */
  async #receive(max: number): Promise<Message[]> {
    const found = new Map<string, Message>();
    for (let call = 0; call < MAX_RECEIVES && found.size < max; call++) {
      const { Messages = [] } = await this.#options.client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.#options.dlqUrl,
          MaxNumberOfMessages: Math.min(10, max - found.size),
          VisibilityTimeout: RECEIVE_VISIBILITY_SECONDS,
          WaitTimeSeconds: 0,
          MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
          MessageAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) break;
      for (const m of Messages) if (m.MessageId !== undefined) found.set(m.MessageId, m);
    }
    return [...found.values()];
  }

  /** Visible again now: a look must not delay anyone's redrive by the receive's visibility timeout. */
  async #release(messages: readonly Message[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      const batch = messages
        .slice(i, i + 10)
        .flatMap((m, n) =>
          m.ReceiptHandle === undefined
            ? []
            : [{ Id: String(n), ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 }],
        );
      if (batch.length === 0) continue;
      await this.#options.client.send(
        new ChangeMessageVisibilityBatchCommand({ QueueUrl: this.#options.dlqUrl, Entries: batch }),
      );
    }
  }
}

function deadLetter(message: Message): DeadLetter {
  let body: unknown = message.Body ?? '';
  try {
    body = JSON.parse(message.Body ?? '');
  } catch {
    // Not JSON: shown as the text it is.
  }
  const eventId =
    typeof body === 'object' && body !== null && 'eventId' in body && typeof body.eventId === 'string'
      ? body.eventId
      : undefined;
  const sent = Number(message.Attributes?.SentTimestamp);
  return {
    id: message.MessageId ?? '',
    eventId,
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
    sentAt: Number.isFinite(sent) && sent > 0 ? new Date(sent).toISOString() : undefined,
    body,
  };
}
