import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { assertProductionReady } from './production-guard';
import { shippedSyncConfig } from './shipped-sync-config';
import { stackName, TripleSeatRevelSyncStack } from './stack';
import { loadStageSettings, stageSettingsFile } from './stage-settings';

/**
 * Adds one stage's stack to the app, chosen by `-c stage=<name>` (default dev) from
 * config/stages/<name>.json; `-c alarmEmail=…` overrides the file. A production stage refuses
 * placeholders (lib/production-guard.ts). cdk-nag's AWS Solutions and Serverless checks
 * run over everything as validation plugins, so an unacknowledged finding fails `cdk synth`.
 */
export function addStage(
  app: App,
  projectRoot: string,
  /** Where config/stages/ lives; the project root except in tests that bring their own stage file. */
  settingsRoot: string = projectRoot,
): TripleSeatRevelSyncStack {
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  const alarmEmail = app.node.tryGetContext('alarmEmail') as string | undefined;
  const settings = loadStageSettings(settingsRoot, stage, { alarmEmail });
  assertProductionReady(settings, projectRoot, stageSettingsFile(settingsRoot, stage));
  const stack = new TripleSeatRevelSyncStack(app, stackName(stage), {
    settings,
    syncConfigJson: shippedSyncConfig(settings, projectRoot),
    projectRoot,
    env: { account: settings.account, region: settings.region },
    description: `TripleSeat → Revel order sync (${stage})`,
    terminationProtection: settings.terminationProtection,
    tags: { app: 'tripleseat-revel-sync', stage },
  });
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true }),
    new ServerlessChecks(app, { verbose: true }),
  );
  return stack;
}
