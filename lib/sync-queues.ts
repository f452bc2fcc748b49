import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MAX_RECEIVE_COUNT } from '../functions/core/contract/queue-message';

export interface SyncQueuesProps {
  /** The consuming function's timeout; the visibility timeout is derived from it. */
  consumerTimeout: Duration;
}

/** Lambda's SQS guidance: visibility timeout at least six times the function timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

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
