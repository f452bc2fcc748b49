import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '#functions/core/domain/errors';
import type { Logger } from '#functions/core/ports/logger';
import type { AppSecrets } from '#functions/platform/app-secrets';
import { createSecretsSource, createWebhookSecretsSource } from '#functions/platform/secrets-source';

const secrets: AppSecrets = {
  tripleseat: { clientId: 'ts-client', clientSecret: 'ts-client-secret-value', refreshToken: 'ts-refresh' },
  revel: { apiKey: 'revel-key', apiSecret: 'revel-secret-value' },
  webhookSigningSecrets: ['whsec-current-0123456789', 'whsec-previous-0123456789'],
  syncApiToken: 'sync-api-token-0123456789abcdef',
};

const localEnv = {
  TRIPLESEAT_CLIENT_ID: 'ts-client',
  TRIPLESEAT_CLIENT_SECRET: 'ts-client-secret-value',
  TRIPLESEAT_REFRESH_TOKEN: 'ts-refresh',
  REVEL_API_KEY: 'revel-key',
  REVEL_API_SECRET: 'revel-secret-value',
  WEBHOOK_SIGNING_SECRETS: 'whsec-current-0123456789, whsec-previous-0123456789',
  SYNC_API_TOKEN: 'sync-api-token-0123456789abcdef',
};

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:tripleseat-revel-sync-AbCdEf';
const awsEnv = { SECRET_ARN, AWS_REGION: 'us-east-1' };

const configError = async (read: () => unknown): Promise<ConfigError> => {
  try {
    await read();
  } catch (e: unknown) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

const recordingLogger = () => {
  const warnings: Array<{ message: string; fields: Record<string, unknown> | undefined }> = [];
  const logger: Logger = {
    debug() {},
    info() {},
    warn: (message, fields) => warnings.push({ message, fields }),
    error() {},
  };
  return { logger, warnings };
};

describe('secrets from env vars (no SECRET_ARN)', () => {
  it('reads every credential, splitting the signing secrets at commas', async () => {
    expect(await createSecretsSource(localEnv).get()).toEqual(secrets);
  });

  it('leaves the optional refresh token out when it is not set', async () => {
    const { TRIPLESEAT_REFRESH_TOKEN: _token, ...env } = localEnv;

    expect((await createSecretsSource(env).get()).tripleseat).toEqual({
      clientId: 'ts-client',
      clientSecret: 'ts-client-secret-value',
    });
  });

  it('names a missing variable as soon as the source is created', async () => {
    const { REVEL_API_SECRET: _secret, ...env } = localEnv;
    const error = await configError(() => createSecretsSource(env));

    expect(error.field).toBe('REVEL_API_SECRET');
    expect(error.message).toBe('REVEL_API_SECRET is not set');
  });

  it('rejects a signing secret that is too short without printing it', async () => {
    const error = await configError(() =>
      createSecretsSource({ ...localEnv, WEBHOOK_SIGNING_SECRETS: 'whsec-current-0123456789,short1' }),
    );

    expect(error.field).toBe('WEBHOOK_SIGNING_SECRETS');
    expect(error.message).not.toContain('short1');
    expect(error.message).not.toContain('whsec-current');
  });

  it('rejects a sync API token that is too short without printing it', async () => {
    const error = await configError(() => createSecretsSource({ ...localEnv, SYNC_API_TOKEN: 'tiny-token' }));

    expect(error.message).toBe('SYNC_API_TOKEN is not valid: must be at least 24 characters');
  });

  it('reads the named operator tokens from OPERATOR_TOKENS', async () => {
    const env = {
      ...localEnv,
      OPERATOR_TOKENS: 'maria:maria-token-0123456789abcdef, tom:tom-token-0123456789abcdefgh',
    };

    expect((await createSecretsSource(env).get()).operatorTokens).toEqual({
      maria: 'maria-token-0123456789abcdef',
      tom: 'tom-token-0123456789abcdefgh',
    });
  });

  it('rejects a short operator token by the variable name, without printing it', async () => {
    const error = await configError(() =>
      createSecretsSource({ ...localEnv, OPERATOR_TOKENS: 'maria:short-secret' }),
    );

    expect(error.field).toBe('OPERATOR_TOKENS');
    expect(error.message).not.toContain('short-secret');
  });

  it('keeps a rotated refresh token in memory, where reads and the latest token see it', async () => {
    const source = createSecretsSource(localEnv);

    await source.refreshTokens.save('ts-refresh-rotated');

    expect((await source.get()).tripleseat.refreshToken).toBe('ts-refresh-rotated');
    expect(await source.refreshTokens.latest()).toBe('ts-refresh-rotated');
  });

  it('gives the verifier its signing secrets without asking for vendor credentials', async () => {
    const source = createWebhookSecretsSource({ WEBHOOK_SIGNING_SECRETS: localEnv.WEBHOOK_SIGNING_SECRETS });

    expect(await source.get()).toEqual(secrets.webhookSigningSecrets);
  });

  it('tells the verifier which variable it lacks', async () => {
    expect(
      (await configError(() => createWebhookSecretsSource({ WEBHOOK_SIGNING_SECRETS: ' , ' }))).message,
    ).toBe('WEBHOOK_SIGNING_SECRETS is not set');
  });
});

describe('secrets from Secrets Manager (SECRET_ARN set)', () => {
  const secretsManager = mockClient(SecretsManagerClient);
  let now: number;
  const clock = () => now;
  const fetches = () => secretsManager.commandCalls(GetSecretValueCommand).length;
  const answer = (value: unknown) =>
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(value) });

  beforeEach(() => {
    secretsManager.reset();
    now = Date.parse('2025-06-01T12:00:00Z');
  });
  afterEach(() => {
    secretsManager.reset();
  });

  it('reads the secret named by SECRET_ARN and validates its JSON', async () => {
    answer(secrets);

    expect(await createSecretsSource({ ...awsEnv, ...localEnv, SYNC_API_TOKEN: 'ignored' }).get()).toEqual(
      secrets,
    );
    expect(secretsManager.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({
      SecretId: SECRET_ARN,
    });
  });

  it('does not call Secrets Manager before the first read', () => {
    answer(secrets);
    createSecretsSource(awsEnv);

    expect(fetches()).toBe(0);
  });

  it('serves the cached value until the refresh interval has passed', async () => {
    answer(secrets);
    const source = createSecretsSource(awsEnv, { now: clock, refreshMs: 60_000 });

    await source.get();
    now += 59_999;
    await source.get();
    expect(fetches()).toBe(1);

    now += 1;
    await source.get();
    expect(fetches()).toBe(2);
  });

  it('picks up a rotated secret after the refresh interval', async () => {
    answer(secrets);
    const source = createSecretsSource(awsEnv, { now: clock, refreshMs: 60_000 });
    await source.get();
    answer({ ...secrets, webhookSigningSecrets: ['whsec-rotated-0123456789'] });
    now += 60_000;

    expect((await source.get()).webhookSigningSecrets).toEqual(['whsec-rotated-0123456789']);
  });

  it('lets concurrent callers share one in-flight read', async () => {
    answer(secrets);
    const source = createSecretsSource(awsEnv, { now: clock });

    const all = await Promise.all(Array.from({ length: 10 }, () => source.get()));

    expect(fetches()).toBe(1);
    expect(new Set(all).size).toBe(1);
  });

  it('keeps serving the cached value and warns when a refresh fails', async () => {
    answer(secrets);
    const { logger, warnings } = recordingLogger();
    const source = createSecretsSource(awsEnv, { now: clock, refreshMs: 60_000, logger });
    await source.get();
    secretsManager.on(GetSecretValueCommand).rejects(new Error('Secrets Manager unavailable'));
    now += 60_000;

    expect(await source.get()).toEqual(secrets);
    expect(warnings).toEqual([
      {
        message: 'secret refresh failed, serving the cached value',
        fields: { error: 'Secrets Manager unavailable' },
      },
    ]);
  });

  it('retries a failed refresh after 30 seconds, not on every call', async () => {
    answer(secrets);
    const source = createSecretsSource(awsEnv, {
      now: clock,
      refreshMs: 300_000,
      logger: recordingLogger().logger,
    });
    await source.get();
    secretsManager.on(GetSecretValueCommand).rejects(new Error('throttled'));
    now += 300_000;
    await source.get();
    await source.get();
    expect(fetches()).toBe(2);

    now += 30_000;
    await source.get();
    expect(fetches()).toBe(3);
  });

  it('fails the first read when Secrets Manager fails, and tries again on the next', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .rejectsOnce(new Error('AccessDeniedException'))
      .resolves({
        SecretString: JSON.stringify(secrets),
      });
    const source = createSecretsSource(awsEnv, { now: clock });

    await expect(source.get()).rejects.toThrow('AccessDeniedException');
    expect(await source.get()).toEqual(secrets);
  });

  it('names a missing field of the secret', async () => {
    const { syncApiToken: _token, ...incomplete } = secrets;
    answer(incomplete);

    const error = await configError(() => createSecretsSource(awsEnv).get());

    expect(error.field).toBe('syncApiToken');
    expect(error.message).toBe('secret field "syncApiToken" is missing');
  });

  it('names an invalid field of the secret without printing its value', async () => {
    answer({ ...secrets, revel: { apiKey: 'revel-key', apiSecret: 42 } });

    const error = await configError(() => createSecretsSource(awsEnv).get());

    expect(error.field).toBe('revel.apiSecret');
    expect(error.message).not.toContain('42');
  });

  it('reports a secret that is not JSON without quoting it', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 'hunter2-not-json' });

    const error = await configError(() => createSecretsSource(awsEnv).get());

    expect(error.message).toBe('the secret named by SECRET_ARN is not valid JSON');
  });

  it('gives the verifier its signing secrets even when a vendor credential in the secret is broken', async () => {
    answer({ ...secrets, revel: {} });

    expect(await createWebhookSecretsSource(awsEnv).get()).toEqual(secrets.webhookSigningSecrets);
  });

  it('caches the signing secrets for the verifier too', async () => {
    answer(secrets);
    const source = createWebhookSecretsSource(awsEnv, { now: clock });

    await Promise.all([source.get(), source.get()]);
    await source.get();

    expect(fetches()).toBe(1);
  });
});

describe('a rotated TripleSeat refresh token, kept in Secrets Manager', () => {
  const secretsManager = mockClient(SecretsManagerClient);
  /** What the secret holds, with fields the app does not know: a save must keep them too. */
  const stored = {
    ...secrets,
    tripleseat: { ...secrets.tripleseat, note: 'issued by the TripleSeat admin, June 2025' },
    rotatedBy: 'operations',
  };
  let current: string;
  const puts = () => secretsManager.commandCalls(PutSecretValueCommand).map((call) => call.args[0].input);
  const reads = () => secretsManager.commandCalls(GetSecretValueCommand).length;
  const storedJson = () => JSON.parse(current) as typeof stored;

  /** A secret that behaves like the real one: a put replaces what the next get returns. */
  function liveSecret(writeDelayMs: (text: string) => number = () => 0): void {
    secretsManager.on(GetSecretValueCommand).callsFake(async () => ({ SecretString: current }));
    secretsManager.on(PutSecretValueCommand).callsFake(async (input: { SecretString: string }) => {
      await new Promise((resolve) => setTimeout(resolve, writeDelayMs(input.SecretString)));
      current = input.SecretString;
      return {};
    });
  }

  beforeEach(() => {
    secretsManager.reset();
    current = JSON.stringify(stored);
  });
  afterEach(() => {
    secretsManager.reset();
  });

  it('writes the new token into the same secret and leaves every other field as it was', async () => {
    liveSecret();
    const source = createSecretsSource(awsEnv);

    await source.refreshTokens.save('ts-refresh-2');

    expect(puts()).toHaveLength(1);
    expect(puts()[0]?.SecretId).toBe(SECRET_ARN);
    expect(storedJson()).toEqual({
      ...stored,
      tripleseat: { ...stored.tripleseat, refreshToken: 'ts-refresh-2' },
    });
  });

  it('keeps fields a person changed after this instance cached the secret', async () => {
    liveSecret();
    const source = createSecretsSource(awsEnv);
    await source.get();
    current = JSON.stringify({ ...stored, webhookSigningSecrets: ['whsec-added-by-hand-0123456789'] });

    await source.refreshTokens.save('ts-refresh-2');

    expect(storedJson().webhookSigningSecrets).toEqual(['whsec-added-by-hand-0123456789']);
    expect(storedJson().tripleseat.refreshToken).toBe('ts-refresh-2');
  });

  it('serves the saved token from its cache without reading the secret again', async () => {
    liveSecret();
    const source = createSecretsSource(awsEnv);
    await source.get();

    await source.refreshTokens.save('ts-refresh-2');
    const readsAfterSave = reads();

    expect((await source.get()).tripleseat.refreshToken).toBe('ts-refresh-2');
    expect(reads()).toBe(readsAfterSave);
  });

  it('applies two concurrent rotations one after the other, so the newer token is the one kept', async () => {
    // The older write is the slow one: unserialised, it would land last and bring back a spent token.
    liveSecret((text) => (text.includes('ts-refresh-2') ? 50 : 0));
    const source = createSecretsSource(awsEnv);

    await Promise.all([source.refreshTokens.save('ts-refresh-2'), source.refreshTokens.save('ts-refresh-3')]);

    expect(puts().map((put) => JSON.parse(put.SecretString ?? '').tripleseat.refreshToken)).toEqual([
      'ts-refresh-2',
      'ts-refresh-3',
    ]);
    expect(storedJson()).toEqual({
      ...stored,
      tripleseat: { ...stored.tripleseat, refreshToken: 'ts-refresh-3' },
    });
    expect((await source.get()).tripleseat.refreshToken).toBe('ts-refresh-3');
  });

  it('still saves the next token after a save failed', async () => {
    liveSecret();
    secretsManager
      .on(PutSecretValueCommand)
      .rejectsOnce(new Error('ThrottlingException'))
      .callsFake(async (input: { SecretString: string }) => {
        current = input.SecretString;
        return {};
      });
    const source = createSecretsSource(awsEnv);

    const first = source.refreshTokens.save('ts-refresh-2');
    const second = source.refreshTokens.save('ts-refresh-3');

    await expect(first).rejects.toThrow('ThrottlingException');
    await second;
    expect(storedJson().tripleseat.refreshToken).toBe('ts-refresh-3');
  });

  it('does not let a read that was on the wire during a save bring the spent token back', async () => {
    liveSecret();
    let first = true;
    secretsManager.on(GetSecretValueCommand).callsFake(async () => {
      const seen = current;
      if (first) {
        first = false;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return { SecretString: seen };
    });
    const source = createSecretsSource(awsEnv);

    const slowRead = source.get();
    await source.refreshTokens.save('ts-refresh-2');
    await slowRead;

    expect((await source.get()).tripleseat.refreshToken).toBe('ts-refresh-2');
  });

  it('reads the latest token past its cache, where another instance may just have saved it', async () => {
    liveSecret();
    const source = createSecretsSource(awsEnv, { refreshMs: 300_000 });
    await source.get();
    current = JSON.stringify({
      ...stored,
      tripleseat: { ...stored.tripleseat, refreshToken: 'ts-refresh-9' },
    });

    expect(await source.refreshTokens.latest()).toBe('ts-refresh-9');
    expect((await source.get()).tripleseat.refreshToken).toBe('ts-refresh-9');
  });

  it('writes the token even when another field is broken, and leaves that field to the next read', async () => {
    current = JSON.stringify({ ...stored, syncApiToken: 'short' });
    liveSecret();
    const source = createSecretsSource(awsEnv);

    await source.refreshTokens.save('ts-refresh-2');

    expect(storedJson()).toEqual({
      ...stored,
      syncApiToken: 'short',
      tripleseat: { ...stored.tripleseat, refreshToken: 'ts-refresh-2' },
    });
    await expect(source.get()).rejects.toBeInstanceOf(ConfigError);
  });

  it('refuses to write into a secret without a tripleseat object, without quoting the secret', async () => {
    current = JSON.stringify({ revel: secrets.revel });
    liveSecret();
    const source = createSecretsSource(awsEnv);

    const error = await configError(() => source.refreshTokens.save('ts-refresh-2'));

    expect(error.message).toBe('secret field "tripleseat" is missing');
    expect(puts()).toEqual([]);
  });
});
