import { resolve } from 'node:path';
import { type StageSettings, StageSettingsError } from './stage-settings';

/** The committed example sync config: sandbox ids and products, never a restaurant's. */
export const EXAMPLE_SYNC_CONFIG_FILE = 'config/sync.example.json';

// RFC 2606 / RFC 6761 names no one can own, and the Revel origins the docs use as examples.
const PLACEHOLDER_DOMAIN = /(^|\.)(example\.(com|org|net)|example|test|invalid|localhost)$/i;
const PLACEHOLDER_REVEL_HOST = /^(example|yourcompany)\.revelup\.com$/i;

/** A stage is production when it says so; `prod` is unless it says otherwise. */
export function isProductionStage(settings: StageSettings): boolean {
  return settings.production ?? settings.stage === 'prod';
}

/**
 * The committed stage files hold placeholders (README, docs/deploy.md "Stage settings"). A production
 * stage refuses them at synth, naming the field, rather than deploying alarms that mail nobody, mails
 * SES cannot send, a Revel origin that does not exist and the example mapping's products.
 */
export function assertProductionReady(settings: StageSettings, projectRoot: string, source: string): void {
  if (!isProductionStage(settings)) return;
  const refuse = (field: string, problem: string) => {
    throw new StageSettingsError(
      `${source}: invalid field "${field}": ${problem} — stage "${settings.stage}" is a production stage ` +
        `(set "production": false only for a stage that is not)`,
    );
  };
  const addresses: Array<[string, string]> = [
    ['alarmEmail', settings.alarmEmail],
    ['mail.identity', settings.mail.identity],
    ['mail.sender', settings.mail.sender],
    ...settings.mail.recipients.map((r, i): [string, string] => [`mail.recipients.${i}`, r]),
  ];
  for (const [field, value] of addresses) {
    const domain = value.slice(value.lastIndexOf('@') + 1);
    if (PLACEHOLDER_DOMAIN.test(domain)) refuse(field, `"${value}" is a placeholder address`);
  }
  const revelHost = new URL(settings.revelApiUrl).hostname;
  if (PLACEHOLDER_REVEL_HOST.test(revelHost) || PLACEHOLDER_DOMAIN.test(revelHost)) {
    refuse('revelApiUrl', `"${settings.revelApiUrl}" is a placeholder Revel origin`);
  }
  if (resolve(projectRoot, settings.syncConfigFile) === resolve(projectRoot, EXAMPLE_SYNC_CONFIG_FILE)) {
    refuse(
      'syncConfigFile',
      `${EXAMPLE_SYNC_CONFIG_FILE} is the example config (sandbox locations and products)`,
    );
  }
}
