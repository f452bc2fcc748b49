import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { projectRoot } from '../../lib/project-root';
import { shippedSyncConfig } from '../../lib/shipped-sync-config';
import { stackName, TripleSeatRevelSyncStack } from '../../lib/stack';
import { parseStageSettings, type StageSettings } from '../../lib/stage-settings';

/**
 * Fast synthesis for assertions: cdk.json's feature flags, no bundling (~0.7 s per function) and
 * no built-in CloudFormation validation (a WASM module costing seconds per process). The one
 * validated, bundled synth is test/infra/cdk-synth.test.ts.
 */
export function testApp(context: Record<string, unknown> = {}): App {
  return new App({
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context },
    builtinCloudFormationValidation: false,
  });
}

/** Settings of a made-up stage, independent of the config/stages files operators edit. */
export function testSettings(overrides: Record<string, unknown> = {}): StageSettings {
  return parseStageSettings(
    {
      stage: 'test',
      alarmEmail: 'alarms@example.org',
      mail: {
        identity: 'example.org',
        sender: 'sync@example.org',
        recipients: ['kitchen@example.org', 'events@example.org'],
      },
      revelApiUrl: 'https://test.revelup.example',
      syncConfigFile: 'config/sync.example.json',
      ...overrides,
    },
    'test settings',
  );
}

export interface SynthesizedStack {
  stack: TripleSeatRevelSyncStack;
  template: Template;
}

export function synthStack(settings: StageSettings = testSettings(), app: App = testApp()): SynthesizedStack {
  const stack = new TripleSeatRevelSyncStack(app, stackName(settings.stage), {
    settings,
    syncConfigJson: shippedSyncConfig(settings, projectRoot),
    projectRoot,
  });
  return { stack, template: Template.fromStack(stack) };
}

let shared: SynthesizedStack | undefined;
/** The default test stack, synthesised once per test file. */
export function testStack(): SynthesizedStack {
  shared ??= synthStack();
  return shared;
}

/** The logical id of an L2 construct's CloudFormation resource, to find it in the template. */
export function logicalId(
  stack: TripleSeatRevelSyncStack,
  construct: { node: { defaultChild?: unknown } },
): string {
  return stack.getLogicalId(construct.node.defaultChild as Parameters<typeof stack.getLogicalId>[0]);
}

export interface PolicyStatement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** The statements of the inline policy attached to a function's role. */
export function policyStatementsOf(
  { stack, template }: SynthesizedStack,
  fn: TripleSeatRevelSyncStack['verifier'],
): PolicyStatement[] {
  const roleId = stack.getLogicalId(
    fn.function.role?.node.defaultChild as Parameters<typeof stack.getLogicalId>[0],
  );
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
    (policy.Properties.Roles as Array<{ Ref: string }>).some((role) => role.Ref === roleId),
  );
  return policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement as PolicyStatement[]);
}
