import { Duration } from 'aws-cdk-lib';
import type { IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MAX_RECEIVE_COUNT } from '#functions/core/contract/queue-message';
import { MetricName } from '#functions/core/ports/metrics';

export interface SyncAlarmsProps {
  topic: ITopic;
  metricsNamespace: string;
  verifier: IFunction;
  sync: IFunction;
  queue: IQueue;
  /** The queue's visibility timeout: when a message handed back (WRITE_SETTLING, a retry) returns. */
  queueVisibilityTimeout: Duration;
  deadLetterQueue: IQueue;
  scheduleDeadLetterQueue: IQueue;
  httpStage: IHttpStage;
  scheduleRateMinutes: number;
  webhookRejectedThreshold: number;
}

export const CONSECUTIVE_FAILURES_THRESHOLD = 5;
/** How long past one redelivery a queued event may wait before someone is told. */
export const QUEUE_AGE_SLACK_MINUTES = 15;

/**
 * The queue-age alarm's threshold. A message handed back to SQS (WRITE_SETTLING after a lost Revel
 * answer, docs/decisions/0008; or a retryable failure) returns only after the visibility timeout, so
 * one such hand-back is normal and must not page: the threshold sits one visibility timeout plus the
 * slack above a message's first receive. Older than that, an event has failed twice or the queue is
 * backed up.
 */
export function queueAgeAlarmSeconds(visibilityTimeout: Duration): number {
  return visibilityTimeout.toSeconds() + QUEUE_AGE_SLACK_MINUTES * 60;
}

/** A custom metric as the handlers publish it (functions/platform/metrics-emf.ts: undimensioned). */
export function appMetric(namespace: string, name: MetricName, statistic: string, period: Duration): Metric {
  return new Metric({ namespace, metricName: name, statistic, period });
}

/** Every alarm notifies the topic when it fires and when it clears. */
export class SyncAlarms extends Construct {
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: SyncAlarmsProps) {
    super(scope, id);
    this.action = new SnsAction(props.topic);
    const fiveMinutes = Duration.minutes(5);
    const oneMinute = Duration.minutes(1);
    const metric = (name: MetricName, statistic: string, period: Duration) =>
      appMetric(props.metricsNamespace, name, statistic, period);

    this.add('DeadLetterQueueNotEmpty', {
      description: `Sync messages failed ${MAX_RECEIVE_COUNT} receives and sit in the DLQ. Read the sync logs, fix, then redrive (docs/deploy.md).`,
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: oneMinute,
        statistic: 'Maximum',
      }),
      threshold: 0,
      operator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    this.add('ScheduleDeadLetterQueueNotEmpty', {
      description:
        'A scheduled run was lost: EventBridge could not deliver it, or it failed inside the sync function and its one retry failed too.',
      metric: props.scheduleDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: oneMinute,
        statistic: 'Maximum',
      }),
      threshold: 0,
      operator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    const queueAge = queueAgeAlarmSeconds(props.queueVisibilityTimeout);
    this.add('QueueMessageTooOld', {
      description:
        `A sync message has waited more than ${queueAge / 60} minutes: an event failed twice (a vendor down, Revel rejecting) or the queue is backed up, long before the DLQ. ` +
        `Not sooner, because one hand-back is normal: a WRITE_SETTLING event (a lost Revel answer) or a retry returns after the ${props.queueVisibilityTimeout.toMinutes()}-minute visibility timeout.`,
      metric: props.queue.metricApproximateAgeOfOldestMessage({ period: oneMinute, statistic: 'Maximum' }),
      threshold: queueAge,
      operator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    this.add('SyncThrottled', {
      description:
        'Lambda throttled the sync function: work waits in the queue (account concurrency or reserved concurrency).',
      metric: props.sync.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
      threshold: 1,
    });
    this.add('HttpApiServerErrors', {
      description:
        'The HTTP API answered 5xx (webhook or manual route): TripleSeat retries, an operator saw an error.',
      metric: props.httpStage.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
      threshold: 1,
    });
    this.add('TripleSeatAuthFailing', {
      description:
        'TripleSeat refused our credentials: nothing syncs until the refresh token is re-seeded (docs/deploy.md, "Re-seed the TripleSeat refresh token").',
      metric: metric(MetricName.TripleSeatAuthFailed, 'Sum', fiveMinutes),
      threshold: 1,
    });
    this.add('SyncErrors', {
      description: 'The sync function threw (a crash, a timeout, or a scheduled run that failed).',
      metric: props.sync.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
      threshold: 1,
    });
    this.add('VerifierErrors', {
      description: 'The webhook verifier threw: TripleSeat got a 5xx and will retry.',
      metric: props.verifier.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
      threshold: 1,
    });
    this.add('ConsecutiveFailedInjections', {
      description: `${CONSECUTIVE_FAILURES_THRESHOLD} or more injections failed in a row: a vendor credential, the mapping or Revel itself is broken.`,
      metric: metric(MetricName.ConsecutiveFailedInjections, 'Maximum', fiveMinutes),
      threshold: CONSECUTIVE_FAILURES_THRESHOLD,
    });
    this.add('WebhookRejectedSpike', {
      description:
        'Many webhook deliveries failed signature checks: a rotated signing key not yet in the secret, or someone probing.',
      metric: metric(MetricName.WebhookRejected, 'Sum', fiveMinutes),
      threshold: props.webhookRejectedThreshold,
    });
    // Two intervals in one period: a healthy schedule lands about two runs in it, never none.
    const twoIntervals = Duration.minutes(props.scheduleRateMinutes * 2);
    this.add('ScheduledRunMissing', {
      description: `No scheduled run completed in ${props.scheduleRateMinutes * 2} minutes: the safety net for missed webhooks is down.`,
      metric: metric(MetricName.ScheduledRunCompleted, 'Sum', twoIntervals),
      threshold: 1,
      operator: ComparisonOperator.LESS_THAN_THRESHOLD,
      // No data point at all is exactly the failure this alarm exists for.
      missing: TreatMissingData.BREACHING,
    });
  }

  private add(
    id: string,
    options: {
      description: string;
      metric: IMetric;
      threshold: number;
      operator?: ComparisonOperator;
      missing?: TreatMissingData;
    },
  ): void {
    const alarm = new Alarm(this, id, {
      alarmDescription: options.description,
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator: options.operator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: options.missing ?? TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
  }
}
