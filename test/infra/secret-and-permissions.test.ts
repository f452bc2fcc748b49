import { beforeAll, describe, expect, it } from 'vitest';
import { appSecretsSchema } from '#functions/platform/app-secrets';
import { PLACEHOLDER, secretTemplate } from '../../lib/app-secret';
import {
  logicalId,
  type PolicyStatement,
  policyStatementsOf,
  synthStack,
  testSettings,
  testStack,
} from './stack-fixture';

beforeAll(() => {
  testStack();
});

const actionsOf = (statement: PolicyStatement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

function statementsFor(which: 'verifier' | 'sync'): PolicyStatement[] {
  const synthesized = testStack();
  return policyStatementsOf(
    synthesized,
    which === 'verifier' ? synthesized.stack.verifier : synthesized.stack.sync,
  );
}

describe('the app secret', () => {
  it('is one secret whose template holds every key the app reads, with a generated sync API token', () => {
    const { template } = testStack();
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const [secret] = Object.values(template.findResources('AWS::SecretsManager::Secret'));
    const generated = secret?.Properties.GenerateSecretString;
    expect(JSON.parse(generated.SecretStringTemplate)).toEqual(secretTemplate);
    expect(generated).toMatchObject({
      GenerateStringKey: 'syncApiToken',
      ExcludePunctuation: true,
      PasswordLength: 48,
    });
    expect(Object.keys(secretTemplate).concat('syncApiToken').sort()).toEqual(
      Object.keys(appSecretsSchema.shape).sort(),
    );
  });

  it('survives the deletion of the stack', () => {
    testStack().template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
  });

  it('fails the app schema until it is filled, so no known placeholder can sign a webhook', () => {
    const filledToken = { ...secretTemplate, syncApiToken: 'x'.repeat(48) };
    const result = appSecretsSchema.safeParse(filledToken);
    expect(result.success).toBe(false);
    expect(JSON.stringify(secretTemplate)).toContain(PLACEHOLDER);
  });

  const onSecret = (which: 'verifier' | 'sync') =>
    statementsFor(which).filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));

  it('can only be read by the verifier, by ARN', () => {
    const { stack } = testStack();
    expect(onSecret('verifier')).toEqual([
      {
        Effect: 'Allow',
        Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
        Resource: { Ref: logicalId(stack, stack.secret) },
      },
    ]);
  });

  it('can be read by the sync function and given a new version, nothing more, to keep a rotated refresh token', () => {
    const { stack } = testStack();
    const secret = { Ref: logicalId(stack, stack.secret) };
    expect(onSecret('sync')).toEqual([
      {
        Effect: 'Allow',
        Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
        Resource: secret,
      },
      { Effect: 'Allow', Action: 'secretsmanager:PutSecretValue', Resource: secret },
    ]);
    const actions = onSecret('sync').flatMap(actionsOf);
    expect(actions).not.toContain('secretsmanager:UpdateSecret');
    expect(actions).not.toContain('secretsmanager:UpdateSecretVersionStage');
  });
});

describe('the functions’ permissions', () => {
  it.each(['verifier', 'sync'] as const)(
    'name a resource in every statement of the %s (no "*") but X-Ray’s, which takes none',
    (which) => {
      const wildcard = [];
      for (const statement of statementsFor(which)) {
        expect(statement.Effect).toBe('Allow');
        for (const action of actionsOf(statement)) expect(action).not.toMatch(/\*/);
        if (JSON.stringify(statement.Resource) === '"*"') wildcard.push(...actionsOf(statement));
      }
      // The premise of the AwsSolutions-IAM5 acknowledgement in lib/lambda-function.ts.
      expect(wildcard.sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    },
  );

  it('let only the sync function send mail, from the stage identity only', () => {
    expect(
      statementsFor('verifier')
        .flatMap(actionsOf)
        .filter((a) => a.startsWith('ses:')),
    ).toEqual([]);
    const mail = statementsFor('sync').filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    expect(mail).toHaveLength(1);
    expect(actionsOf(mail[0] as PolicyStatement)).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(JSON.stringify(mail[0]?.Resource)).toMatch(/:identity\/example\.org"\]\]\}$/);
  });

  it('let the sync function mail only the stage’s recipients', () => {
    const synthesized = synthStack(
      testSettings({
        mail: {
          identity: 'example.org',
          sender: 'sync@example.org',
          recipients: ['kitchen@example.org', 'ops@b.example'],
        },
      }),
    );
    const mail = policyStatementsOf(synthesized, synthesized.stack.sync).find((s) =>
      actionsOf(s).includes('ses:SendRawEmail'),
    );
    expect(mail?.Condition).toEqual({
      'ForAllValues:StringLike': { 'ses:Recipients': ['kitchen@example.org', 'ops@b.example'] },
    });
  });

  it('scope mail to whichever identity the stage names', () => {
    const synthesized = synthStack(
      testSettings({
        mail: { identity: 'sync@other.example', sender: 'sync@other.example', recipients: ['a@b.example'] },
      }),
    );
    const mail = policyStatementsOf(synthesized, synthesized.stack.sync).find((s) =>
      actionsOf(s).includes('ses:SendEmail'),
    );
    expect(JSON.stringify(mail?.Resource)).toContain(':identity/sync@other.example');
  });

  it('let both functions enqueue and only the sync function consume', () => {
    const { stack } = testStack();
    const queue = JSON.stringify({ 'Fn::GetAtt': [logicalId(stack, stack.queues.queue), 'Arn'] });
    const onQueue = (which: 'verifier' | 'sync') =>
      statementsFor(which)
        .filter((s) => JSON.stringify(s.Resource) === queue)
        .flatMap(actionsOf);
    expect(onQueue('verifier')).toContain('sqs:SendMessage');
    expect(onQueue('verifier')).not.toContain('sqs:ReceiveMessage');
    // ChangeMessageVisibility: the sync shows a message it hands back unstarted again at once.
    expect(onQueue('sync')).toEqual(
      expect.arrayContaining([
        'sqs:SendMessage',
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:ChangeMessageVisibility',
      ]),
    );
  });

  it('let only the sync function read and empty the dead-letter queue, for the operator API', () => {
    const { stack } = testStack();
    const dlq = JSON.stringify({ 'Fn::GetAtt': [logicalId(stack, stack.queues.deadLetterQueue), 'Arn'] });
    const onDlq = (which: 'verifier' | 'sync') =>
      statementsFor(which)
        .filter((s) => JSON.stringify(s.Resource) === dlq)
        .flatMap(actionsOf);
    expect(onDlq('verifier')).toEqual([]);
    expect(onDlq('sync')).toEqual(
      expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']),
    );
  });

  it('let each function write only to its own log group', () => {
    const { stack } = testStack();
    for (const fn of [stack.verifier, stack.sync]) {
      const logs = policyStatementsOf(testStack(), fn).filter((s) =>
        actionsOf(s).some((a) => a.startsWith('logs:')),
      );
      expect(logs).toEqual([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [logicalId(stack, fn.logGroup), 'Arn'] },
        },
      ]);
    }
  });
});
