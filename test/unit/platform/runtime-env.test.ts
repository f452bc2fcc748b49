import { describe, expect, it } from 'vitest';
import { ConfigError } from '#functions/core/domain/errors';
import { parseSyncRuntimeEnv, parseWebhookRuntimeEnv } from '#functions/platform/runtime-env';

const webhookEnv = {
  LEDGER_TABLE: 'ledger',
  QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/sync',
};
const syncEnv = { ...webhookEnv, SYNC_CONFIG: 'config/sync.json', REVEL_API_URL: 'https://acme.revelup.com' };

const configError = (parse: () => unknown): ConfigError => {
  try {
    parse();
  } catch (e: unknown) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('parseWebhookRuntimeEnv', () => {
  it('reads the required variables and fills in the documented defaults', () => {
    expect(parseWebhookRuntimeEnv(webhookEnv)).toEqual({
      ...webhookEnv,
      LOG_LEVEL: 'info',
      AWS_REGION: 'us-east-1',
      METRICS_NAMESPACE: 'TripleSeatRevelSync',
    });
  });

  it('keeps the local endpoints and the secret ARN when they are given', () => {
    const env = parseWebhookRuntimeEnv({
      ...webhookEnv,
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:4567',
      SQS_ENDPOINT: 'http://127.0.0.1:4566',
      SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:sync-AbCdEf',
      LOG_LEVEL: 'debug',
      AWS_REGION: 'eu-west-1',
    });

    expect(env).toMatchObject({
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:4567',
      SQS_ENDPOINT: 'http://127.0.0.1:4566',
      SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:sync-AbCdEf',
      LOG_LEVEL: 'debug',
      AWS_REGION: 'eu-west-1',
    });
  });

  it('ignores the sync-only variables, even invalid ones', () => {
    const env = parseWebhookRuntimeEnv({ ...webhookEnv, REVEL_API_URL: 'not a url', SYNC_CONFIG: 'x.json' });

    expect(env).not.toHaveProperty('REVEL_API_URL');
    expect(env).not.toHaveProperty('SYNC_CONFIG');
  });

  it('names a missing variable in a ConfigError', () => {
    const error = configError(() => parseWebhookRuntimeEnv({ QUEUE_URL: webhookEnv.QUEUE_URL }));

    expect(error.field).toBe('LEDGER_TABLE');
    expect(error.message).toBe('LEDGER_TABLE is not set');
  });

  it('treats an empty variable as unset', () => {
    expect(configError(() => parseWebhookRuntimeEnv({ ...webhookEnv, QUEUE_URL: '' })).field).toBe(
      'QUEUE_URL',
    );
  });

  it('says what is wrong with an invalid value without repeating it', () => {
    const error = configError(() =>
      parseWebhookRuntimeEnv({ ...webhookEnv, SQS_ENDPOINT: 'not a url at all' }),
    );

    expect(error.field).toBe('SQS_ENDPOINT');
    expect(error.message).toMatch(/^SQS_ENDPOINT is not valid/);
    expect(error.message).not.toContain('not a url at all');
  });

  it('lists the log levels it accepts', () => {
    expect(configError(() => parseWebhookRuntimeEnv({ ...webhookEnv, LOG_LEVEL: 'verbose' })).message).toBe(
      'LOG_LEVEL is not valid (expected one of debug, info, warn, error)',
    );
  });
});

describe('parseSyncRuntimeEnv', () => {
  it('defaults the TripleSeat API and reads the config path', () => {
    expect(parseSyncRuntimeEnv(syncEnv)).toMatchObject({
      SYNC_CONFIG: 'config/sync.json',
      TRIPLESEAT_API_URL: 'https://api.tripleseat.com',
      REVEL_API_URL: 'https://acme.revelup.com',
    });
  });

  it('accepts the config inline instead of a path', () => {
    const { SYNC_CONFIG: _path, ...rest } = syncEnv;

    expect(parseSyncRuntimeEnv({ ...rest, SYNC_CONFIG_JSON: '{"locations":[]}' }).SYNC_CONFIG_JSON).toBe(
      '{"locations":[]}',
    );
  });

  it('requires one config source', () => {
    const { SYNC_CONFIG: _path, ...rest } = syncEnv;

    expect(configError(() => parseSyncRuntimeEnv(rest)).field).toBe('SYNC_CONFIG');
  });

  it('refuses two config sources rather than guess which one wins', () => {
    expect(configError(() => parseSyncRuntimeEnv({ ...syncEnv, SYNC_CONFIG_JSON: '{}' })).field).toBe(
      'SYNC_CONFIG_JSON',
    );
  });

  it('requires the Revel API URL', () => {
    const { REVEL_API_URL: _url, ...rest } = syncEnv;

    expect(configError(() => parseSyncRuntimeEnv(rest)).message).toBe('REVEL_API_URL is not set');
  });

  it('keeps the mail outbox folder when one is given', () => {
    expect(parseSyncRuntimeEnv({ ...syncEnv, MAIL_OUTBOX_DIR: '.local/outbox' }).MAIL_OUTBOX_DIR).toBe(
      '.local/outbox',
    );
  });
});
