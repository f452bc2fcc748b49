import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Dashboard, GraphWidget, type IWidget, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MetricName } from '#functions/core/ports/metrics';
import { appMetric } from './sync-alarms';

export interface SyncDashboardProps {
  dashboardName: string;
  metricsNamespace: string;
  api: IHttpApi;
  verifier: IFunction;
  queue: IQueue;
  deadLetterQueue: IQueue;
  scheduleDeadLetterQueue: IQueue;
}

/** One page: what was injected, how fast the webhook answers, and whether anything is stuck. */
export class SyncDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: SyncDashboardProps) {
    super(scope, id);
    const hour = Duration.hours(1);
    const minute = Duration.minutes(1);
    const perHour = (name: MetricName, label: string) =>
      appMetric(props.metricsNamespace, name, Stats.SUM, hour).with({ label });
    const widgets: IWidget[] = [
      new GraphWidget({
        title: 'Events per hour: injected / skipped / failed',
        left: [
          perHour(MetricName.EventsInjected, 'injected'),
          perHour(MetricName.EventsSkipped, 'skipped'),
          perHour(MetricName.EventsFailed, 'failed'),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Webhook latency (ms)',
        left: [
          props.api.metricLatency({ statistic: Stats.p(99), period: minute, label: 'API p99' }),
          props.api.metricLatency({ statistic: Stats.p(50), period: minute, label: 'API p50' }),
          props.verifier.metricDuration({ statistic: Stats.p(99), period: minute, label: 'verifier λ p99' }),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Sync queue: age of oldest message (s)',
        left: [props.queue.metricApproximateAgeOfOldestMessage({ statistic: Stats.MAXIMUM, period: minute })],
        width: 12,
      }),
      new GraphWidget({
        title: 'Dead-letter queues: depth',
        left: [
          props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
            statistic: Stats.MAXIMUM,
            period: minute,
            label: 'sync DLQ',
          }),
          props.scheduleDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
            statistic: Stats.MAXIMUM,
            period: minute,
            label: 'schedule DLQ',
          }),
        ],
        width: 12,
      }),
      new GraphWidget({
        title:
          'Webhook deliveries rejected (401), Revel creates settling / scheduled runs completed, per hour',
        left: [
          perHour(MetricName.WebhookRejected, 'rejected'),
          perHour(MetricName.WritesSettling, 'Revel creates settling'),
        ],
        right: [perHour(MetricName.ScheduledRunCompleted, 'scheduled runs')],
        width: 24,
      }),
    ];
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      widgets: [widgets.slice(0, 2), widgets.slice(2, 4), widgets.slice(4)],
    });
  }
}
