import { App } from 'aws-cdk-lib';
import { ConfigError } from '#functions/core/domain/errors';
import { addStage } from './add-stage';
import { projectRoot } from './project-root';
import { StageSettingsError } from './stage-settings';

// `npx cdk synth|deploy [-c stage=prod]` runs this file (cdk.json), offline: no look-ups.
const app = new App();
try {
  addStage(app, projectRoot);
} catch (e: unknown) {
  if (!(e instanceof StageSettingsError || e instanceof ConfigError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
app.synth();
