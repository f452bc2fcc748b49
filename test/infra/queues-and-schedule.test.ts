import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { RUN_TIME_LIMIT_MS } from '#functions/core/bulk/plan-bulk-run';
import { syncConfigSchema } from '#functions/core/config/sync-config';
import { MAX_RECEIVE_COUNT } from '#functions/core/contract/queue-message';
import { SYNC_INSTANCES_SHARING_A_LIMIT } from '#functions/platform/rate-limiter-dynamodb';
import { syncDefinition } from '../../lib/function-definitions';
import { SCHEDULED_RUN_LAMBDA_RETRIES } from '../../lib/stack';
import { QUEUE_BATCH_SIZE, QUEUE_MAX_CONCURRENCY, REVEL_REQUESTS_PER_NEW_ORDER } from '../../lib/sync-queues';
import { logicalId, synthStack, testSettings, testStack } from './stack-fixture';

// Synthesis happens once, here, so no single test pays for it.
beforeAll(() => {
  testStack();
});

type Resource = { Type: string; Properties: Record<string, unknown> };

function resource(construct: { node: { defaultChild?: unknown } }): Resource {
  const { stack, template } = testStack();
  return template.toJSON().Resources[logicalId(stack, construct)] as Resource;
}

describe('the sync queue', () => {
  it('hides a received message for at least six times the sync timeout (Lambda rejects less)', () => {
    const { stack } = testStack();
    const visibility = resource(stack.queues.queue).Properties.VisibilityTimeout as number;
    expect(visibility).toBeGreaterThanOrEqual(6 * syncDefinition.timeout.toSeconds());
  });

  it('moves a message to the DLQ after the receive count the sync side counts down to (at least five)', () => {
    const { stack } = testStack();
    expect(resource(stack.queues.queue).Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(stack, stack.queues.deadLetterQueue), 'Arn'] },
      maxReceiveCount: MAX_RECEIVE_COUNT,
    });
    expect(MAX_RECEIVE_COUNT).toBeGreaterThanOrEqual(5);
  });

  it('encrypts every queue at rest and refuses plain HTTP', () => {
    const { template } = testStack();
    const queues = template.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(3);
    template.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy'));
    expect(policies).toHaveLength(3);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('keeps dead letters for the full 14 days SQS allows, to leave time to redrive', () => {
    const { stack } = testStack();
    expect(resource(stack.queues.deadLetterQueue).Properties.MessageRetentionPeriod).toBe(14 * 86_400);
  });

  it('feeds the sync function in batches that report partial failures, at bounded concurrency', () => {
    const { stack, template } = testStack();
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalId(stack, stack.queues.queue), 'Arn'] },
      FunctionName: { Ref: logicalId(stack, stack.sync.function) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: QUEUE_MAX_CONCURRENCY },
      BatchSize: Match.anyValue(),
    });
    expect(QUEUE_MAX_CONCURRENCY).toBe(2);
  });

  it('takes ten records per invocation at once, with no batching window, and two instances', () => {
    const { template } = testStack();
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 0,
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it('ends a batch of new orders well within the timeout even at half the Revel pace, so the pace is the only limit', () => {
    const revelPerSecond = syncConfigSchema.shape.rateLimits.parse(undefined).revelPerSecond;
    const shareOfOneInstance = revelPerSecond / QUEUE_MAX_CONCURRENCY;
    const batchSeconds = (QUEUE_BATCH_SIZE * REVEL_REQUESTS_PER_NEW_ORDER) / shareOfOneInstance;
    // A fifth of the timeout: room for vendor retries and backoff inside one invocation.
    expect(batchSeconds * 5).toBeLessThanOrEqual(syncDefinition.timeout.toSeconds());
  });

  it('gives a busy day (300 new orders) and a 500-event catch-up time at the Revel pace within a run’s time limit', () => {
    const revelPerSecond = syncConfigSchema.shape.rateLimits.parse(undefined).revelPerSecond;
    for (const orders of [300, 500]) {
      const seconds = (orders * REVEL_REQUESTS_PER_NEW_ORDER) / revelPerSecond;
      expect(seconds * 1000).toBeLessThan(RUN_TIME_LIMIT_MS);
    }
  });

  it('leaves room for the schedule and a manual run in the share each instance takes when the shared pace is down', () => {
    // docs/decisions/0009-vendor-rate-limits-across-instances.md, "Degrading safely"
    expect(SYNC_INSTANCES_SHARING_A_LIMIT).toBeGreaterThanOrEqual(QUEUE_MAX_CONCURRENCY + 2);
  });
});

describe('the scheduled reconciliation', () => {
  it('invokes the sync function every 45 minutes with retries, a maximum event age and a DLQ', () => {
    const { stack, template } = testStack();
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(45 minutes)',
      State: 'ENABLED',
      Targets: [
        {
          Arn: { 'Fn::GetAtt': [logicalId(stack, stack.sync.function), 'Arn'] },
          Id: Match.anyValue(),
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 45 * 60 },
          DeadLetterConfig: {
            Arn: { 'Fn::GetAtt': [logicalId(stack, stack.queues.scheduleDeadLetterQueue), 'Arn'] },
          },
        },
      ],
    });
  });

  it('sends the plain scheduled event, which the sync handler recognises by source aws.events', () => {
    const { template } = testStack();
    const [rule] = Object.values(template.findResources('AWS::Events::Rule'));
    expect(rule?.Properties.Targets[0]).not.toHaveProperty('Input');
    expect(rule?.Properties.Targets[0]).not.toHaveProperty('InputTransformer');
  });

  it('lets EventBridge deliver failed events to its DLQ', () => {
    const { stack, template } = testStack();
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalId(stack, stack.queues.scheduleDeadLetterQueue) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'sqs:SendMessage', Principal: { Service: 'events.amazonaws.com' } }),
        ]),
      },
    });
  });

  it('is retried once by Lambda within the interval, then lands in the schedule DLQ instead of vanishing', () => {
    const { stack, template } = testStack();
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(stack, stack.sync.function) },
      MaximumRetryAttempts: SCHEDULED_RUN_LAMBDA_RETRIES,
      MaximumEventAgeInSeconds: 45 * 60,
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [logicalId(stack, stack.queues.scheduleDeadLetterQueue), 'Arn'] },
        },
      },
    });
    expect(SCHEDULED_RUN_LAMBDA_RETRIES).toBeLessThan(2);
  });

  it('follows the stage rate', () => {
    const { template } = synthStack(testSettings({ scheduleRateMinutes: 30 }));
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(30 minutes)',
      Targets: [Match.objectLike({ RetryPolicy: Match.objectLike({ MaximumEventAgeInSeconds: 1800 }) })],
    });
  });
});
