import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { parseSyncConfig } from '#functions/core/config/sync-config';
import { ConfigError } from '#functions/core/domain/errors';
import { addStage } from '../../lib/add-stage';
import { projectRoot } from '../../lib/project-root';
import { shippedSyncConfig } from '../../lib/shipped-sync-config';
import { loadStageSettings, StageSettingsError } from '../../lib/stage-settings';
import { testApp, testSettings } from './stack-fixture';

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e: unknown) {
    if (e instanceof Error) return e;
  }
  throw new Error('expected an error');
}

const downtown = {
  name: 'Downtown',
  tripleseatLocationId: '101',
  timeZone: 'America/Los_Angeles',
  revel: { establishmentId: 4, stationId: 4, userId: 1, diningOption: 113 },
};

function tempFile(name: string, content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'stage-settings-')), name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('stage settings', () => {
  it('fill the documented defaults', () => {
    expect(testSettings()).toMatchObject({
      scheduleRateMinutes: 45,
      hoursBack: 48,
      logRetentionDays: 30,
      logLevel: 'info',
      systemLogLevel: 'info',
      tripleseatApiUrl: 'https://api.tripleseat.com',
      terminationProtection: false,
    });
  });

  it.each([
    [{ alarmEmail: 'not-an-address' }, 'alarmEmail'],
    [
      { mail: { identity: 'example.org', sender: 'sync@elsewhere.example', recipients: ['a@example.org'] } },
      'mail.sender',
    ],
    [{ mail: { identity: 'example.org', sender: 'sync@example.org', recipients: [] } }, 'mail.recipients'],
    [{ scheduleRateMinutes: 2 }, 'scheduleRateMinutes'],
    [{ hoursBack: 169 }, 'hoursBack'],
    [{ logRetentionDays: 10 }, 'logRetentionDays'],
    // Lambda files the level-less EMF lines as INFO: a warn filter would silence the metric alarms.
    [{ logLevel: 'warn' }, 'logLevel'],
    [{ systemLogLevel: 'error' }, 'systemLogLevel'],
    [{ stage: 'Prod' }, 'stage'],
    [{ unknownKey: true }, '(root)'],
  ])('reject %j naming the field %s', (overrides, field) => {
    const error = errorOf(() => testSettings(overrides));
    expect(error).toBeInstanceOf(StageSettingsError);
    expect(error.message).toContain(`"${field}"`);
  });

  it('come from config/stages/<stage>.json, and a missing stage names the file it looked for', () => {
    expect(loadStageSettings(projectRoot, 'dev').stage).toBe('dev');
    expect(loadStageSettings(projectRoot, 'prod').stage).toBe('prod');
    expect(errorOf(() => loadStageSettings(projectRoot, 'qa')).message).toContain(
      join('config', 'stages', 'qa.json'),
    );
  });
});

/**
 * The committed prod.json holds placeholders a production stage refuses (test/infra/deploy-safety.test.ts):
 * a settings root whose prod.json is filled in, as an operator's would be, with its own sync config.
 */
function filledInProdRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'stage-root-'));
  mkdirSync(join(root, 'config', 'stages'), { recursive: true });
  const syncConfigFile = join(root, 'config', 'sync.prod.json');
  copyFileSync(join(projectRoot, 'config', 'sync.example.json'), syncConfigFile);
  const committed = JSON.parse(readFileSync(join(projectRoot, 'config', 'stages', 'prod.json'), 'utf8'));
  const prod = {
    ...committed,
    alarmEmail: 'ops@ponder-hospitality.com',
    mail: {
      identity: 'ponder-hospitality.com',
      sender: 'tripleseat-sync@ponder-hospitality.com',
      recipients: ['kitchen@ponder-hospitality.com'],
    },
    revelApiUrl: 'https://ponder.revelup.com',
    syncConfigFile,
  };
  writeFileSync(join(root, 'config', 'stages', 'prod.json'), JSON.stringify(prod));
  return root;
}

describe('the app', () => {
  it('deploys the dev stage by default', () => {
    expect(addStage(testApp(), projectRoot).stackName).toBe('TripleSeatRevelSync-dev');
  });

  it('deploys the stage named by -c stage, with that stage’s settings', () => {
    const stack = addStage(testApp({ stage: 'prod' }), projectRoot, filledInProdRoot());
    expect(stack.stackName).toBe('TripleSeatRevelSync-prod');
    expect(stack.terminationProtection).toBe(true);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Dashboard', {
      DashboardName: 'TripleSeatRevelSync-prod',
    });
  });

  it('takes the alarm e-mail from -c alarmEmail over the stage file', () => {
    const stack = addStage(testApp({ alarmEmail: 'oncall@example.net' }), projectRoot);
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.net',
    });
  });

  it('lets dev and prod live side by side: different stacks, metric namespaces and API names', () => {
    const dev = Template.fromStack(addStage(testApp({ stage: 'dev' }), projectRoot));
    const prod = Template.fromStack(addStage(testApp({ stage: 'prod' }), projectRoot, filledInProdRoot()));
    dev.hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: 'tripleseat-revel-sync-dev' });
    prod.hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: 'tripleseat-revel-sync-prod' });
    dev.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'TripleSeatRevelSync/dev' });
    prod.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'TripleSeatRevelSync/prod' });
  });
});

describe('the shipped sync config', () => {
  it('is the stage’s config file with the stage’s sender, recipients and hours back laid over it', () => {
    const settings = testSettings({ hoursBack: 24 });
    const shipped = JSON.parse(shippedSyncConfig(settings, projectRoot));
    expect(shipped.notifications).toMatchObject({
      from: 'sync@example.org',
      to: ['kitchen@example.org', 'events@example.org'],
    });
    expect(shipped.sync.hoursBack).toBe(24);
    expect(parseSyncConfig(shipped).locations.length).toBeGreaterThan(0);
  });

  it('keeps the notification switches the config file sets', () => {
    const file = tempFile('sync.json', {
      locations: [downtown],
      notifications: { from: 'old@example.org', to: ['old@example.org'], onInjected: false },
    });
    const shipped = JSON.parse(shippedSyncConfig(testSettings({ syncConfigFile: file }), projectRoot));
    expect(shipped.notifications).toEqual({
      from: 'sync@example.org',
      to: ['kitchen@example.org', 'events@example.org'],
      onInjected: false,
    });
  });

  it('fails the synth, naming the field, when the config is invalid', () => {
    const file = tempFile('sync.json', {
      locations: [{ ...downtown, timeZone: 'Pacific Time' }],
    });
    const error = errorOf(() => shippedSyncConfig(testSettings({ syncConfigFile: file }), projectRoot));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('locations.0.timeZone');
  });

  it('fails the synth when the event lease would not outlast one sync invocation', () => {
    const file = tempFile('sync.json', {
      locations: [downtown],
      sync: { leaseSeconds: 120 },
    });
    const error = errorOf(() => shippedSyncConfig(testSettings({ syncConfigFile: file }), projectRoot));
    expect(error.message).toContain('sync.leaseSeconds');
    expect(error.message).toContain('at least 240');
  });
});
