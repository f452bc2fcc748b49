import { describe, expect, it } from 'vitest';
import { addStage } from '../../lib/add-stage';
import { assertProductionReady, isProductionStage } from '../../lib/production-guard';
import { projectRoot } from '../../lib/project-root';
import { SYNC_CONFIG_METADATA_KEY, shippedSyncConfig } from '../../lib/shipped-sync-config';
import { StageSettingsError } from '../../lib/stage-settings';
import { synthStack, testApp, testSettings } from './stack-fixture';

/** Settings a restaurant group would deploy to production: its own addresses, origin and config. */
const ready = {
  stage: 'prod',
  alarmEmail: 'ops@ponder-hospitality.com',
  mail: {
    identity: 'ponder-hospitality.com',
    sender: 'tripleseat-sync@ponder-hospitality.com',
    recipients: ['kitchen@ponder-hospitality.com', 'events@ponder-hospitality.com'],
  },
  revelApiUrl: 'https://ponder.revelup.com',
  syncConfigFile: 'config/sync.prod.json',
};

function refusal(overrides: Record<string, unknown>): string {
  try {
    assertProductionReady(testSettings({ ...ready, ...overrides }), projectRoot, 'config/stages/prod.json');
  } catch (e: unknown) {
    if (e instanceof StageSettingsError) return e.message;
    throw e;
  }
  return 'accepted';
}

describe('a production stage at synth', () => {
  it('accepts real addresses, a real Revel origin and its own sync config', () => {
    expect(refusal({})).toBe('accepted');
  });

  it.each([
    [{ alarmEmail: 'ops@example.com' }, 'alarmEmail'],
    [{ mail: { ...ready.mail, identity: 'example.org', sender: 'sync@example.org' } }, 'mail.identity'],
    [
      { mail: { ...ready.mail, identity: 'mail.example.net', sender: 'sync@mail.example.net' } },
      'mail.identity',
    ],
    [
      { mail: { ...ready.mail, recipients: ['kitchen@ponder-hospitality.com', 'events@example.com'] } },
      'mail.recipients.1',
    ],
    [{ revelApiUrl: 'https://example.revelup.com' }, 'revelApiUrl'],
    [{ revelApiUrl: 'https://yourcompany.revelup.com' }, 'revelApiUrl'],
    [{ syncConfigFile: 'config/sync.example.json' }, 'syncConfigFile'],
    [{ syncConfigFile: `${projectRoot}/config/sync.example.json` }, 'syncConfigFile'],
  ])('refuses %j, naming the field %s', (overrides, field) => {
    const message = refusal(overrides);
    expect(message).toContain(`config/stages/prod.json: invalid field "${field}"`);
    expect(message).toContain('production stage');
  });

  it('applies to the stage named prod by default, to any stage marked production, and to no other', () => {
    expect(isProductionStage(testSettings({ stage: 'prod' }))).toBe(true);
    expect(isProductionStage(testSettings({ stage: 'prod', production: false }))).toBe(false);
    expect(isProductionStage(testSettings({ stage: 'live', production: true }))).toBe(true);
    expect(isProductionStage(testSettings({ stage: 'dev' }))).toBe(false);
    expect(refusal({ stage: 'live', production: true, alarmEmail: 'ops@example.com' })).toContain(
      '"alarmEmail"',
    );
    expect(refusal({ stage: 'staging', alarmEmail: 'ops@example.com' })).toBe('accepted');
  });

  it('stops `cdk synth -c stage=prod` on the committed placeholders, while dev synthesises', () => {
    expect(() => addStage(testApp({ stage: 'prod' }), projectRoot)).toThrow(
      /prod\.json: invalid field "alarmEmail": "ops@example\.com" is a placeholder address/,
    );
    expect(addStage(testApp({ stage: 'dev' }), projectRoot).stackName).toBe('TripleSeatRevelSync-dev');
  });
});

describe('the shipped sync config in the template', () => {
  it('sits on the sync function as readable Metadata, so `cdk diff` shows a mapping change field by field', () => {
    const settings = testSettings();
    const { template } = synthStack(settings);
    const functions = template.findResources('AWS::Lambda::Function');
    const withConfig = Object.values(functions).filter((f) => f.Metadata?.[SYNC_CONFIG_METADATA_KEY]);
    expect(withConfig).toHaveLength(1);
    const shown = withConfig[0]?.Metadata[SYNC_CONFIG_METADATA_KEY];
    expect(shown).toEqual(JSON.parse(shippedSyncConfig(settings, projectRoot)));
    expect(shown.items.mapping).toContainEqual({
      menuItemId: '7001',
      revelProductId: 1203,
      establishmentId: 7,
    });
  });
});
