import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MAX_RECEIVE_COUNT } from '#functions/core/contract/queue-message';

export interface SyncQueuesProps {
  /** The consuming function's timeout; the visibility timeout is derived from it. */
  consumerTimeout: Duration;
}

/** Lambda's SQS guidance: visibility timeout at least six times the function timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/*
 * The event source is sized so the vendors' shared pace (ADR 0009: Revel 5 req/s, TripleSeat 10 req/s
 * for every instance together) is the only limit on a busy day, never Lambda (docs/architecture.md,
 * "Throughput"). A new order is ~6.4 Revel requests (bench/README.md: its read-back shared with the
 * batch's other orders), so Revel takes ~0.8 new orders/s whoever sends them.
 * - One instance runs 4 records of its batch at once (functions/sync/queue/queue-batch.ts), each a
 *   chain of requests of ~150-300 ms: 13-26 req/s of demand, so one instance already fills Revel's
 *   5 req/s; a second keeps the pace busy while the first waits on a slow call or a retry, and keeps
 *   webhooks moving beside a run's batch. More would only queue at the shared limiter.
 * - With both instances busy each gets at least half the pace (2.5 req/s): a batch of 10 new orders
 *   is 10 × 6.4 / 2.5 ≈ 26 s, under a fifth of the 180 s timeout, leaving room for vendor retries.
 * - No batching window: a run sends its messages 10 at a time (SendMessageBatch) anyway, and a
 *   webhook's message should not wait.
 */
/** Sync invocations working the queue at once (Lambda's least for an SQS source is 2). */
export const QUEUE_MAX_CONCURRENCY = 2;
/** Records per invocation: SQS's most without a batching window, and SendMessageBatch's size. */
export const QUEUE_BATCH_SIZE = 10;
export const QUEUE_BATCHING_WINDOW_SECONDS = 0;
/** Revel requests of one new order, measured (bench/README.md); the batch arithmetic above uses it. */
export const REVEL_REQUESTS_PER_NEW_ORDER = 6.4;

/**
 * The sync queue with its DLQ, and the separate DLQ of the scheduled rule's target. Separate,
 * because redriving the queue's DLQ must only ever move queue messages back into the queue.
 */
export class SyncQueues extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly scheduleDeadLetterQueue: Queue;
  /** How long a received message stays hidden: a message handed back returns after this. */
  readonly visibilityTimeout: Duration;

  constructor(scope: Construct, id: string, props: SyncQueuesProps) {
    super(scope, id);
    const encrypted = {
      // SSE-SQS: EventBridge cannot deliver to a DLQ encrypted with the AWS-managed KMS key.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    };
    this.visibilityTimeout = Duration.seconds(props.consumerTimeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', encrypted);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(4),
      visibilityTimeout: this.visibilityTimeout,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    this.scheduleDeadLetterQueue = new Queue(this, 'ScheduleDeadLetterQueue', encrypted);
    for (const dlq of [this.deadLetterQueue, this.scheduleDeadLetterQueue])
      Validations.of(dlq).acknowledge({
        id: 'Serverless-SQSRedrivePolicy',
        reason:
          'A dead-letter queue itself (of the sync queue, or of the schedule); a DLQ of a DLQ would only move the same undeliverable messages again. Each has its NotEmpty alarm.',
      });
    Validations.of(this.scheduleDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue: the one of the EventBridge schedule target. A DLQ of a DLQ would only move the same undeliverable events again.',
    });
  }
}
