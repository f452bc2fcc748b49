import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { syncDefinition, verifierDefinition } from '../../lib/function-definitions';
import { bundleSettings, esbuildOptionsFor } from '../../lib/lambda-function';
import { SYNC_CONFIG_PATH } from '../../lib/shipped-sync-config';
import { logicalId, synthStack, testSettings, testStack } from './stack-fixture';

type Resource = { Properties: Record<string, unknown> };

function functionProps(which: 'verifier' | 'sync') {
  const { stack, template } = testStack();
  const fn = which === 'verifier' ? stack.verifier : stack.sync;
  const resource = template.toJSON().Resources[logicalId(stack, fn.function)] as Resource;
  return resource.Properties as {
    Runtime: string;
    Architectures: string[];
    Handler: string;
    Timeout: number;
    MemorySize: number;
    Environment: { Variables: Record<string, unknown> };
    LoggingConfig: {
      LogGroup: { Ref: string };
      LogFormat?: string;
      ApplicationLogLevel?: string;
      SystemLogLevel?: string;
    };
    TracingConfig?: { Mode: string };
    Role: { 'Fn::GetAtt': [string, string] };
  };
}

describe('the two Lambda functions', () => {
  it.each(['verifier', 'sync'] as const)('run the %s on Node.js 22 on ARM64 as an ES module', (which) => {
    const props = functionProps(which);
    expect(props.Runtime).toBe('nodejs22.x');
    expect(props.Architectures).toEqual(['arm64']);
    expect(props.Handler).toBe('index.handler');
  });

  it.each(['verifier', 'sync'] as const)('turn source maps on at run time for the %s', (which) => {
    expect(functionProps(which).Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
  });

  it('give the verifier only the names it needs, and no secret', () => {
    expect(Object.keys(functionProps('verifier').Environment.Variables).sort()).toEqual([
      'LEDGER_TABLE',
      'LOG_LEVEL',
      'METRICS_NAMESPACE',
      'NODE_OPTIONS',
      'QUEUE_URL',
      'SECRET_ARN',
    ]);
  });

  it('give the sync function the config path and the vendor URLs, and no secret', () => {
    const variables = functionProps('sync').Environment.Variables;
    expect(Object.keys(variables).sort()).toEqual([
      'DLQ_URL',
      'LEDGER_TABLE',
      'LOG_LEVEL',
      'METRICS_NAMESPACE',
      'NODE_OPTIONS',
      'QUEUE_URL',
      'REVEL_API_URL',
      'SCHEDULE_RATE_MINUTES',
      'SECRET_ARN',
      'SYNC_CONFIG',
      'TRIPLESEAT_API_URL',
    ]);
    expect(variables).toMatchObject({
      SYNC_CONFIG: SYNC_CONFIG_PATH,
      REVEL_API_URL: 'https://test.revelup.example',
      TRIPLESEAT_API_URL: 'https://api.tripleseat.com',
      METRICS_NAMESPACE: 'TripleSeatRevelSync/test',
      LOG_LEVEL: 'info',
      SCHEDULE_RATE_MINUTES: '45',
    });
  });

  it('point SECRET_ARN at the secret itself, so only its ARN ever sits in the environment', () => {
    const { stack } = testStack();
    const secretRef = { Ref: logicalId(stack, stack.secret) };
    expect(functionProps('verifier').Environment.Variables.SECRET_ARN).toEqual(secretRef);
    expect(functionProps('sync').Environment.Variables.SECRET_ARN).toEqual(secretRef);
  });

  it('give the sync function a timeout that bounds a batch, and the verifier a short one', () => {
    expect(functionProps('sync').Timeout).toBe(syncDefinition.timeout.toSeconds());
    expect(functionProps('verifier').Timeout).toBe(verifierDefinition.timeout.toSeconds());
    expect(verifierDefinition.timeout.toSeconds()).toBeLessThanOrEqual(29);
  });

  it.each(['verifier', 'sync'] as const)(
    'write the %s logs to its own log group with a retention',
    (which) => {
      const { template } = testStack();
      const groupId = functionProps(which).LoggingConfig.LogGroup.Ref;
      expect(template.toJSON().Resources[groupId]).toMatchObject({
        Type: 'AWS::Logs::LogGroup',
        Properties: { RetentionInDays: 30 },
      });
    },
  );

  it.each(['verifier', 'sync'] as const)(
    'log the %s as JSON, filtered at the stage’s application and system levels',
    (which) => {
      expect(functionProps(which).LoggingConfig).toMatchObject({
        LogFormat: 'JSON',
        ApplicationLogLevel: 'INFO',
        SystemLogLevel: 'INFO',
      });
    },
  );

  it('take the log levels from the stage settings, the application one also as LOG_LEVEL', () => {
    const { stack, template } = synthStack(testSettings({ logLevel: 'debug', systemLogLevel: 'warn' }));
    const props = template.toJSON().Resources[logicalId(stack, stack.sync.function)].Properties;
    expect(props.LoggingConfig).toMatchObject({ ApplicationLogLevel: 'DEBUG', SystemLogLevel: 'WARN' });
    expect(props.Environment.Variables.LOG_LEVEL).toBe('debug');
  });

  it.each(['verifier', 'sync'] as const)('trace the %s with X-Ray', (which) => {
    expect(functionProps(which).TracingConfig).toEqual({ Mode: 'Active' });
  });

  it('give each function its own role with no managed policy (no AWSLambdaBasicExecutionRole)', () => {
    const { template } = testStack();
    const roles = template.findResources('AWS::IAM::Role');
    expect(Object.keys(roles)).toHaveLength(2);
    for (const role of Object.values(roles)) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    template.allResourcesProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })],
      },
    });
  });
});

describe('the bundle settings', () => {
  it('build ES modules for Node 22 with the createRequire banner CommonJS dependencies need', () => {
    const settings = bundleSettings('bundled');
    expect(settings).toMatchObject({ format: 'esm', target: 'node22', minify: true, sourcemap: true });
    expect(settings.banner).toBe(
      "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
    );
  });

  // Synthesis happens once, here, so no single test pays for it.
  beforeAll(() => {
    testStack();
  });

  it('bundle the pinned SDK into both functions', () => {
    expect(bundleSettings(syncDefinition.awsSdk).external).toEqual([]);
    expect(bundleSettings(verifierDefinition.awsSdk).external).toEqual([]);
  });

  it('hand esbuild exactly what the construct hands NodejsFunction', () => {
    const settings = bundleSettings('runtime');
    expect(esbuildOptionsFor('entry.ts', 'runtime')).toMatchObject({
      entryPoints: ['entry.ts'],
      bundle: true,
      platform: 'node',
      format: settings.format,
      target: settings.target,
      minify: settings.minify,
      sourcemap: settings.sourcemap,
      mainFields: settings.mainFields,
      banner: { js: settings.banner },
      external: settings.external,
    });
  });
});
