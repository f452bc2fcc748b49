import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { MetricName } from '#functions/core/ports/metrics';
import { syncDefinition } from '../../lib/function-definitions';
import { logicalId, synthStack, testSettings, testStack } from './stack-fixture';

beforeAll(() => {
  testStack();
});

/** An alarm's template resource, by its construct id in SyncAlarms. */
function alarm(id: string) {
  const { stack, template } = testStack();
  const construct = stack.alarms.node.findChild(id);
  return template.toJSON().Resources[logicalId(stack, construct)];
}

describe('the alarms', () => {
  it('all notify the alarm topic when they fire and when they clear', () => {
    const { stack, template } = testStack();
    const topic = { Ref: logicalId(stack, stack.alarmTopic) };
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(11);
    for (const a of alarms) {
      expect(a.Properties.AlarmActions).toEqual([topic]);
      expect(a.Properties.OKActions).toEqual([topic]);
    }
  });

  it('fire as soon as one message sits in the sync DLQ', () => {
    const { stack } = testStack();
    expect(alarm('DeadLetterQueueNotEmpty').Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [logicalId(stack, stack.queues.deadLetterQueue), 'QueueName'] },
        },
      ],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    });
  });

  it('fire when a scheduled run could not even be delivered', () => {
    const { stack } = testStack();
    expect(alarm('ScheduleDeadLetterQueueNotEmpty').Properties.Dimensions).toEqual([
      {
        Name: 'QueueName',
        Value: { 'Fn::GetAtt': [logicalId(stack, stack.queues.scheduleDeadLetterQueue), 'QueueName'] },
      },
    ]);
  });

  it('fire when a queued event has waited 15 minutes past one redelivery, long before the DLQ', () => {
    const { stack } = testStack();
    expect(alarm('QueueMessageTooOld').Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack, stack.queues.queue), 'QueueName'] } },
      ],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 1_080 + 15 * 60,
    });
  });

  it('stay quiet through one WRITE_SETTLING hand-back, which returns after the visibility timeout, and say so', () => {
    const { stack, template } = testStack();
    const queue = template.toJSON().Resources[logicalId(stack, stack.queues.queue)];
    const { Threshold, AlarmDescription } = alarm('QueueMessageTooOld').Properties;
    // A message's age when it comes back, plus one whole sync invocation working on it.
    const oneHandBack = queue.Properties.VisibilityTimeout + syncDefinition.timeout.toSeconds();
    expect(Threshold).toBeGreaterThan(oneHandBack);
    expect(AlarmDescription).toContain('WRITE_SETTLING');
    expect(AlarmDescription).toContain('18-minute visibility timeout');
  });

  it('fire when Lambda throttles the sync function', () => {
    const { stack } = testStack();
    expect(alarm('SyncThrottled').Properties).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Throttles',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack, stack.sync.function) } }],
      Threshold: 1,
    });
  });

  it('fire when the HTTP API answers 5xx', () => {
    expect(alarm('HttpApiServerErrors').Properties).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Threshold: 1,
    });
  });

  it('fire on the first sync refused by TripleSeat for bad credentials, from the metric the handlers emit', () => {
    expect(alarm('TripleSeatAuthFailing').Properties).toMatchObject({
      Namespace: 'TripleSeatRevelSync/test',
      MetricName: MetricName.TripleSeatAuthFailed,
      Statistic: 'Sum',
      Threshold: 1,
    });
  });

  it('fire on any sync function error', () => {
    const { stack } = testStack();
    expect(alarm('SyncErrors').Properties).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack, stack.sync.function) } }],
      Statistic: 'Sum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
    });
  });

  it('fire on five consecutive failed injections, from the custom metric the handlers emit', () => {
    expect(alarm('ConsecutiveFailedInjections').Properties).toMatchObject({
      Namespace: 'TripleSeatRevelSync/test',
      MetricName: MetricName.ConsecutiveFailedInjections,
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 5,
      TreatMissingData: 'notBreaching',
    });
    // Undimensioned: the EMF writer publishes every metric without dimensions too.
    expect(alarm('ConsecutiveFailedInjections').Properties.Dimensions).toBeUndefined();
  });

  it('fire on a spike of webhook 401s within five minutes', () => {
    expect(alarm('WebhookRejectedSpike').Properties).toMatchObject({
      MetricName: MetricName.WebhookRejected,
      Statistic: 'Sum',
      Period: 300,
      Threshold: 10,
    });
    const { template } = synthStack(testSettings({ webhookRejectedAlarmThreshold: 3 }));
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: MetricName.WebhookRejected,
      Threshold: 3,
    });
  });

  it('fire when no scheduled run completed for two intervals, counting silence as a failure', () => {
    expect(alarm('ScheduledRunMissing').Properties).toMatchObject({
      MetricName: MetricName.ScheduledRunCompleted,
      Statistic: 'Sum',
      Period: 2 * 45 * 60,
      EvaluationPeriods: 1,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
  });
});

describe('the alarm topic', () => {
  it('mails the stage alarm address and refuses plain HTTP publishers', () => {
    const { stack, template } = testStack();
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'alarms@example.org',
      TopicArn: { Ref: logicalId(stack, stack.alarmTopic) },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('the dashboard', () => {
  function body(): string {
    const [dashboard] = Object.values(testStack().template.findResources('AWS::CloudWatch::Dashboard'));
    return JSON.stringify(dashboard?.Properties.DashboardBody);
  }

  it('is named after the stack, so stages sit side by side', () => {
    testStack().template.hasResourceProperties('AWS::CloudWatch::Dashboard', {
      DashboardName: 'TripleSeatRevelSync-test',
    });
  });

  it('charts injected, skipped and failed events per hour', () => {
    for (const name of [MetricName.EventsInjected, MetricName.EventsSkipped, MetricName.EventsFailed]) {
      expect(body()).toContain(`\\"TripleSeatRevelSync/test\\",\\"${name}\\"`);
    }
    expect(body()).toContain('\\"period\\":3600');
  });

  it('charts Revel creates still settling, so a Revel answering late is seen', () => {
    expect(body()).toContain(`\\"TripleSeatRevelSync/test\\",\\"${MetricName.WritesSettling}\\"`);
  });

  it('charts webhook latency, queue age and dead-letter depth', () => {
    expect(body()).toContain('\\"AWS/ApiGateway\\",\\"Latency\\"');
    expect(body()).toContain('\\"AWS/Lambda\\",\\"Duration\\"');
    expect(body()).toContain('ApproximateAgeOfOldestMessage');
    expect(body()).toContain('ApproximateNumberOfMessagesVisible');
  });
});
