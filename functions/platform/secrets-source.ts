import * as z from 'zod/mini';
import { ConfigError } from '#functions/core/domain/errors';
import { parseWith } from '#functions/core/domain/parse-with';
import { type AppSecrets, appSecretsSchema, type RefreshTokenStore, type SecretsSource } from './app-secrets';
import { awsCallLimits, localEndpoint } from './aws-call-limits';
import { type RefreshingValue, type RefreshOptions, refreshing, refreshingValue } from './refreshing-value';

type RawEnv = Readonly<Record<string, string | undefined>>;

/** How long a value read from Secrets Manager is served (`refreshMs`, default 5 min), clock, logger. */
export type SecretsSourceOptions = RefreshOptions;

/** Only what the verifier needs, so a broken vendor credential never stops webhook intake. */
export interface WebhookSecretsSource {
  get(): Promise<readonly string[]>;
}

/** Where each secret field comes from locally, and what a valid value looks like. */
const envVariables: Record<string, { variable: string; hint: string }> = {
  'tripleseat.clientId': { variable: 'TRIPLESEAT_CLIENT_ID', hint: 'must not be empty' },
  'tripleseat.clientSecret': { variable: 'TRIPLESEAT_CLIENT_SECRET', hint: 'must not be empty' },
  'tripleseat.refreshToken': { variable: 'TRIPLESEAT_REFRESH_TOKEN', hint: 'must not be empty' },
  'revel.apiKey': { variable: 'REVEL_API_KEY', hint: 'must not be empty' },
  'revel.apiSecret': { variable: 'REVEL_API_SECRET', hint: 'must not be empty' },
  webhookSigningSecrets: {
    variable: 'WEBHOOK_SIGNING_SECRETS',
    hint: 'a comma-separated list of secrets of at least 16 characters each',
  },
  revelWebhookSecrets: {
    variable: 'REVEL_WEBHOOK_SECRETS',
    hint: 'a comma-separated list of secrets of at least 16 characters each',
  },
  syncApiToken: { variable: 'SYNC_API_TOKEN', hint: 'must be at least 24 characters' },
  operatorTokens: {
    variable: 'OPERATOR_TOKENS',
    hint: 'comma-separated name:token pairs; names of letters, digits, . _ -; tokens of at least 24 characters',
  },
};

const webhookSecretsSchema = z.object({
  webhookSigningSecrets: appSecretsSchema.shape.webhookSigningSecrets,
});

/**
 * Every credential. SECRET_ARN set (AWS): the Secrets Manager secret, cached for `refreshMs`.
 * Unset (local): env vars, checked at once so a missing one stops start-up, not the first request.
 */
export function createSecretsSource(env: RawEnv, options: SecretsSourceOptions = {}): SecretsSource {
  const secretId = present(env.SECRET_ARN);
  if (secretId === undefined)
    return envSecretsSource(parseEnvSecrets(appSecretsSchema, envSecretsInput(env)));
  const secret = secretsManagerSecret(secretId, present(env.AWS_REGION) ?? 'us-east-1');
  const cache = refreshingValue(async () => parseSecret(appSecretsSchema, await secret.read()), options);
  return { get: cache.get, refreshTokens: secretRefreshTokens(secret, cache) };
}

/**
 * Env vars cannot be written back, so a rotated refresh token lives in this process only: after a
 * rotation, the TRIPLESEAT_REFRESH_TOKEN a local run started with is spent and must be replaced.
 */
function envSecretsSource(initial: AppSecrets): SecretsSource {
  let secrets = initial;
  return {
    get: async () => secrets,
    refreshTokens: {
      save: async (refreshToken) => {
        secrets = { ...secrets, tripleseat: { ...secrets.tripleseat, refreshToken } };
      },
      latest: async () => secrets.tripleseat.refreshToken,
    },
  };
}

/**
 * Writes a rotated refresh token into the one secret, keeping every other field as it is now in
 * Secrets Manager (not as cached: a person may have edited the secret since). Saves run one after
 * another so a slow older write never lands after a newer one. Secrets Manager has no conditional
 * write, so an edit by hand in the instant between our read and write would be lost.
 */
function secretRefreshTokens(
  secret: SecretsManagerSecret,
  cache: RefreshingValue<AppSecrets>,
): RefreshTokenStore {
  let saving: Promise<void> = Promise.resolve();
  const write = async (refreshToken: string): Promise<void> => {
    const text = JSON.stringify(withRefreshToken(parseSecretJson(await secret.read()), refreshToken));
    await secret.write(text);
    // A field broken by hand is reported by the next read, not by a save that did its job.
    const parsed = appSecretsSchema.safeParse(JSON.parse(text));
    if (parsed.success) cache.set(parsed.data);
  };
  return {
    save: (refreshToken) => {
      const saved = saving.then(() => write(refreshToken));
      saving = saved.catch(() => undefined);
      return saved;
    },
    latest: async () => {
      await saving;
      const secrets = parseSecret(appSecretsSchema, await secret.read());
      cache.set(secrets);
      return secrets.tripleseat.refreshToken;
    },
  };
}

function withRefreshToken(json: unknown, refreshToken: string): Record<string, unknown> {
  if (!isRecord(json) || !isRecord(json.tripleseat))
    throw new ConfigError('tripleseat', 'secret field "tripleseat" is missing');
  return { ...json, tripleseat: { ...json.tripleseat, refreshToken } };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The webhook signing secrets alone: the same secret in AWS, only WEBHOOK_SIGNING_SECRETS locally. */
export function createWebhookSecretsSource(
  env: RawEnv,
  options: SecretsSourceOptions = {},
): WebhookSecretsSource {
  const secretId = present(env.SECRET_ARN);
  if (secretId === undefined) {
    const { webhookSigningSecrets } = parseEnvSecrets(webhookSecretsSchema, {
      webhookSigningSecrets: splitList(env.WEBHOOK_SIGNING_SECRETS),
    });
    return { get: async () => webhookSigningSecrets };
  }
  const secret = secretsManagerSecret(secretId, present(env.AWS_REGION) ?? 'us-east-1');
  return {
    get: refreshing(
      async () => parseSecret(webhookSecretsSchema, await secret.read()).webhookSigningSecrets,
      options,
    ),
  };
}

function envSecretsInput(env: RawEnv): unknown {
  const refreshToken = present(env.TRIPLESEAT_REFRESH_TOKEN);
  return {
    tripleseat: {
      clientId: present(env.TRIPLESEAT_CLIENT_ID),
      clientSecret: present(env.TRIPLESEAT_CLIENT_SECRET),
      ...(refreshToken === undefined ? {} : { refreshToken }),
    },
    revel: { apiKey: present(env.REVEL_API_KEY), apiSecret: present(env.REVEL_API_SECRET) },
    webhookSigningSecrets: splitList(env.WEBHOOK_SIGNING_SECRETS),
    ...revelWebhookSecretsInput(env.REVEL_WEBHOOK_SECRETS),
    syncApiToken: present(env.SYNC_API_TOKEN),
    ...operatorTokensInput(env.OPERATOR_TOKENS),
  };
}

function revelWebhookSecretsInput(value: string | undefined): { revelWebhookSecrets?: string[] } {
  const secrets = splitList(value);
  return secrets === undefined ? {} : { revelWebhookSecrets: secrets };
}

/** `OPERATOR_TOKENS=maria:<token>,tom:<token>`; a malformed pair is reported by the schema, by variable name. */
function operatorTokensInput(value: string | undefined): { operatorTokens?: Record<string, string> } {
  const pairs = splitList(value);
  if (pairs === undefined) return {};
  const tokens: Record<string, string> = {};
  for (const pair of pairs) {
    const colon = pair.indexOf(':');
    // An empty name fails the schema's name rule, so the error names OPERATOR_TOKENS.
    tokens[colon < 0 ? '' : pair.slice(0, colon).trim()] = colon < 0 ? '' : pair.slice(colon + 1).trim();
  }
  return { operatorTokens: tokens };
}

/** The error names the env var, never its value. */
function parseEnvSecrets<T>(schema: z.ZodMiniType<T>, input: unknown): T {
  return parseWith(schema, input, ({ issue }) => {
    const path = fieldPath(issue);
    const source = envVariables[path] ?? { variable: path, hint: 'is not valid' };
    const problem = valueAt(input, path) === undefined ? 'is not set' : `is not valid: ${source.hint}`;
    return new ConfigError(source.variable, `${source.variable} ${problem}`);
  });
}

/** The error names the secret's field (e.g. `revel.apiKey`), never its value. */
function parseSecret<T>(schema: z.ZodMiniType<T>, text: string | undefined): T {
  const json = parseSecretJson(text);
  return parseWith(schema, json, ({ issue }) => {
    const path = fieldPath(issue);
    const hint = envVariables[path.replace(/\.\d+$/, '')]?.hint ?? 'is not valid';
    const problem = valueAt(json, path) === undefined ? 'is missing' : `is not valid: ${hint}`;
    return new ConfigError(path, `secret field "${path}" ${problem}`);
  });
}

function parseSecretJson(text: string | undefined): unknown {
  if (text === undefined)
    throw new ConfigError('SECRET_ARN', 'the secret named by SECRET_ARN has no SecretString');
  try {
    return JSON.parse(text);
  } catch (e: unknown) {
    // SyntaxError messages quote the text they choke on: that text is the secret.
    if (e instanceof SyntaxError) {
      throw new ConfigError('SECRET_ARN', 'the secret named by SECRET_ARN is not valid JSON');
    }
    throw e;
  }
}

interface SecretsManagerSecret {
  read(): Promise<string | undefined>;
  /** Becomes the secret's AWSCURRENT version. */
  write(text: string): Promise<void>;
}

/**
 * The SDK waits forever by default; a hung Secrets Manager would hold a cold start until the Lambda
 * timeout (10 s for the verifier). Two tries of at most 3 s leave the verifier time to answer 503.
 */
const SECRETS_CALL_LIMITS = awsCallLimits(1_500, 3_000);

/** The Secrets Manager SDK, imported on first use only (the verifier's cold start), with time limits. */
export async function createSecretsManagerClient(region: string, endpoint?: string) {
  const module = await import('@aws-sdk/client-secrets-manager');
  return {
    module,
    client: new module.SecretsManagerClient({ region, ...SECRETS_CALL_LIMITS, ...localEndpoint(endpoint) }),
  };
}

/** The secret's raw text; the SDK client is imported and built on first use only. */
function secretsManagerSecret(secretId: string, region: string): SecretsManagerSecret {
  let sdk: ReturnType<typeof createSecretsManagerClient> | undefined;
  return {
    read: async () => {
      sdk ??= createSecretsManagerClient(region);
      const { module, client } = await sdk;
      const { SecretString } = await client.send(new module.GetSecretValueCommand({ SecretId: secretId }));
      return SecretString;
    },
    write: async (text) => {
      sdk ??= createSecretsManagerClient(region);
      const { module, client } = await sdk;
      // The SDK fills ClientRequestToken, so its own retries of this call make one version, not two.
      await client.send(new module.PutSecretValueCommand({ SecretId: secretId, SecretString: text }));
    },
  };
}

const present = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value;

function splitList(value: string | undefined): string[] | undefined {
  const items = (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items : undefined;
}

function fieldPath(issue: z.core.$ZodIssue | undefined): string {
  const path = (issue?.path ?? []).map(String);
  // One operator's token is the operator list's problem: the list is what a person sets.
  if (path[0] === 'operatorTokens') return 'operatorTokens';
  // An array element's problem is its list's problem: the list is what a person sets.
  const last = path.at(-1);
  if (last !== undefined && /^\d+$/.test(last) && path.length > 1) return path.slice(0, -1).join('.');
  return path.join('.') || '(secret)';
}

function valueAt(root: unknown, path: string): unknown {
  let value = root;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
