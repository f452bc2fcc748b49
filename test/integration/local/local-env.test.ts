import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANUAL_SYNC_PATH } from '#functions/core/contract/routes';
import { ConfigError } from '#functions/core/domain/errors';
import { loadSyncConfigFile } from '#functions/platform/sync-config-file';
import { localVariables } from '../../../dev/local-banner';
import { localDefaults } from '../../../dev/local-defaults';
import {
  buildLocalEnv,
  chooseVendors,
  exampleConfigPath,
  localNotifications,
  resolveSyncConfig,
} from '../../../dev/local-env';

const realVendors = {
  TRIPLESEAT_API_URL: 'https://api.tripleseat.example',
  TRIPLESEAT_CLIENT_ID: 'id',
  TRIPLESEAT_CLIENT_SECRET: 'secret',
  REVEL_API_URL: 'https://acme.revelup.example',
  REVEL_API_KEY: 'key',
  REVEL_API_SECRET: 'revel-secret',
};

const envInput = (env: Record<string, string | undefined>) => ({
  env,
  vendorEnv: { REVEL_API_URL: 'http://127.0.0.1:4020' },
  ledgerTable: 'ledger',
  dynamoEndpoint: 'http://127.0.0.1:1111',
  queueUrl: 'http://sqs.us-east-1.localhost:2222/000000000000/tripleseat-sync',
  sqsEndpoint: 'http://127.0.0.1:2222',
  region: 'us-east-1',
  syncConfigPath: '.local/sync.local.json',
  outboxDir: '.local/outbox',
});

describe('choosing the vendors', () => {
  it('uses the sandboxes when neither vendor URL is given', () => {
    expect(chooseVendors({ TRIPLESEAT_CLIENT_ID: 'ignored' })).toEqual({ kind: 'sandboxes' });
  });

  it('uses the given endpoints with their credentials', () => {
    expect(chooseVendors(realVendors)).toEqual({ kind: 'configured', env: realVendors });
  });

  it('refuses given endpoints without credentials, naming the missing variable', () => {
    expect(() => chooseVendors({ REVEL_API_URL: 'https://acme.revelup.example' })).toThrow(
      /TRIPLESEAT_CLIENT_ID/,
    );
  });
});

describe('the local sync config', () => {
  it('gives the example config a notifications block in a derived copy, leaving the example alone', () => {
    const before = readFileSync(exampleConfigPath, 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'local-config-'));
    const path = resolveSyncConfig({}, { kind: 'sandboxes' }, dir);
    expect(path).toBe(join(dir, 'sync.local.json'));
    expect(loadSyncConfigFile(path).notifications).toMatchObject(localNotifications);
    expect(loadSyncConfigFile(path).locations).toEqual(loadSyncConfigFile(exampleConfigPath).locations);
    expect(readFileSync(exampleConfigPath, 'utf8')).toBe(before);
  });

  it('uses SYNC_CONFIG as given', () => {
    expect(resolveSyncConfig({ SYNC_CONFIG: 'mine.json' }, { kind: 'sandboxes' }, '.local')).toBe(
      'mine.json',
    );
  });

  it('requires SYNC_CONFIG with real endpoints, so the example never writes to a real Revel', () => {
    expect(() => resolveSyncConfig({}, { kind: 'configured', env: realVendors }, '.local')).toThrow(
      ConfigError,
    );
  });
});

describe('the local env map', () => {
  it('points both composition roots at the local servers and reads credentials from variables', () => {
    const env = buildLocalEnv(envInput({ SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:1:secret:x' }));
    expect(env).toMatchObject({
      LEDGER_TABLE: 'ledger',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:1111',
      QUEUE_URL: 'http://sqs.us-east-1.localhost:2222/000000000000/tripleseat-sync',
      SQS_ENDPOINT: 'http://127.0.0.1:2222',
      SYNC_CONFIG: '.local/sync.local.json',
      MAIL_OUTBOX_DIR: '.local/outbox',
      REVEL_API_URL: 'http://127.0.0.1:4020',
      WEBHOOK_SIGNING_SECRETS: localDefaults.webhookSigningSecret,
      SYNC_API_TOKEN: localDefaults.syncApiToken,
      LOG_LEVEL: 'info',
      AWS_REGION: 'us-east-1',
    });
    expect(env.SECRET_ARN).toBeUndefined();
  });

  it('lets secrets and the log level from the environment win over the dev defaults', () => {
    const env = buildLocalEnv(
      envInput({
        WEBHOOK_SIGNING_SECRETS: 'new-secret-0123456789,old-secret-0123456789',
        SYNC_API_TOKEN: 't'.repeat(30),
        LOG_LEVEL: 'debug',
      }),
    );
    expect(env).toMatchObject({
      WEBHOOK_SIGNING_SECRETS: 'new-secret-0123456789,old-secret-0123456789',
      SYNC_API_TOKEN: 't'.repeat(30),
      LOG_LEVEL: 'debug',
    });
  });
});

describe('the KEY=value lines', () => {
  const facts = (env: Record<string, string>) => ({
    url: 'http://127.0.0.1:3000',
    env,
    queueUrl: 'q',
    dlqUrl: 'dlq',
    sandboxes: undefined,
    scheduler: { intervalMinutes: 45 },
  });

  it('print the fake local secrets for scripts', () => {
    const variables = localVariables(
      facts({
        WEBHOOK_SIGNING_SECRETS: localDefaults.webhookSigningSecret,
        SYNC_API_TOKEN: localDefaults.syncApiToken,
      }),
    );
    expect(variables).toMatchObject({
      WEBHOOK_URL: 'http://127.0.0.1:3000/webhooks/tripleseat',
      SYNC_URL: `http://127.0.0.1:3000${MANUAL_SYNC_PATH}`,
      SYNC_API_TOKEN: localDefaults.syncApiToken,
      WEBHOOK_SIGNING_SECRET: localDefaults.webhookSigningSecret,
      QUEUE_URL: 'q',
      DLQ_URL: 'dlq',
    });
  });

  it('never echo a secret the user supplied', () => {
    const variables = localVariables(
      facts({
        ...realVendors,
        WEBHOOK_SIGNING_SECRETS: 'real-signing-secret-123',
        SYNC_API_TOKEN: 'real-token-0123456789abcdef',
      }),
    );
    const printed = JSON.stringify(variables);
    for (const secret of [
      'real-signing-secret-123',
      'real-token-0123456789abcdef',
      'revel-secret',
      '"secret"',
    ]) {
      expect(printed).not.toContain(secret);
    }
    expect(variables.REVEL_API_URL).toBe(realVendors.REVEL_API_URL);
  });
});
