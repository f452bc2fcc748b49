import { type App, Validations } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { addStage } from '../../lib/add-stage';
import { projectRoot } from '../../lib/project-root';
import { testApp } from './stack-fixture';

let app: App;
beforeAll(() => {
  app = testApp();
  addStage(app, projectRoot);
});

afterEach(() => {
  vi.restoreAllMocks();
});

function acknowledgements(root: IConstruct): Array<{ path: string; id: string; reason: string }> {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          // aws-cdk-lib records an unprefixed id as an annotation rule; cdk-nag reads it either way.
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('cdk-nag AWS Solutions checks', () => {
  it('find nothing unacknowledged in the app', () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(report.violations).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('acknowledge only the findings the design accepts, each with its reason', () => {
    const found = acknowledgements(app);
    expect([...new Set(found.map((a) => a.id))].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-L1',
      'AwsSolutions-SMG4',
      'AwsSolutions-SQS3',
      'Serverless-LambdaDLQ',
      'Serverless-LambdaEventSourceMappingDestination',
      'Serverless-LambdaLatestVersion',
      'Serverless-SNSRedrivePolicy',
      'Serverless-SQSRedrivePolicy',
    ]);
    for (const { reason } of found) expect(reason.length).toBeGreaterThan(60);
  });

  it('acknowledge the DLQ rule on the schedule DLQ alone, not on the queues that do have one', () => {
    const paths = acknowledgements(app)
      .filter((a) => a.id === 'AwsSolutions-SQS3')
      .map((a) => a.path);
    expect(paths).toEqual(['TripleSeatRevelSync-dev/SyncQueues/ScheduleDeadLetterQueue']);
  });

  it('acknowledge the wildcard resource on the functions’ roles alone, where X-Ray needs it', () => {
    const paths = acknowledgements(app)
      .filter((a) => a.id === 'AwsSolutions-IAM5[Resource::*]')
      .map((a) => a.path);
    expect(paths.sort()).toEqual([
      'TripleSeatRevelSync-dev/Sync/Role',
      'TripleSeatRevelSync-dev/Verifier/Role',
    ]);
  });

  it('stop cdk synth when something new breaks a rule', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const broken = testApp();
    const stack = addStage(broken, projectRoot);
    new Topic(stack, 'TopicWithoutTls');
    expect(() => broken.synth()).toThrow(/TopicWithoutTls[\s\S]*AwsSolutions-SNS3/);
  });
});

describe('cdk-nag Serverless checks', () => {
  it('find nothing unacknowledged in the app: latest runtime and tracing answered, the rest reasoned', () => {
    const report = new ServerlessChecks(app).validateScope(app);
    expect(report.violations).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('stop cdk synth too when something new breaks one of its rules', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const broken = testApp();
    const stack = addStage(broken, projectRoot);
    new Queue(stack, 'QueueWithoutRedrive', { enforceSSL: true });
    expect(() => broken.synth()).toThrow(/Serverless-SQSRedrivePolicy/);
  });
});
