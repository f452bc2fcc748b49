/** A message in the sync queue's dead-letter queue, as `GET /api/dlq` shows it. */
export interface DeadLetter {
  /** The SQS message id: what a redrive names. */
  id: string;
  eventId: string | undefined;
  receiveCount: number;
  /** ISO instant the message was first sent. */
  sentAt: string | undefined;
  /** The message body, parsed when it is JSON. */
  body: unknown;
}

/** Implemented by platform/dead-letters-sqs.ts. */
export interface DeadLetterQueue {
  /** Up to `max` messages, without taking them off the queue for longer than a moment. */
  peek(max: number): Promise<DeadLetter[]>;
  /** How many messages the queue holds (SQS's approximate count): read without receiving any. */
  count(): Promise<number>;
  /** Moves the named messages (all when `ids` is undefined) back to the sync queue; answers how many. */
  redrive(ids: readonly string[] | undefined): Promise<number>;
}
