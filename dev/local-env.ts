import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '#functions/core/domain/errors';
import { localDefaults } from './local-defaults';
import { parseVendorEnv } from './vendor-env';

type RawEnv = Readonly<Record<string, string | undefined>>;

export const exampleConfigPath = fileURLToPath(new URL('../config/sync.example.json', import.meta.url));

/** Mail goes somewhere locally even though the example config names no recipients. */
export const localNotifications = { from: 'sync@localhost.test', to: ['ops@localhost.test'] } as const;

/** Vendor endpoints and credentials the handlers will use. */
export type VendorChoice = { kind: 'sandboxes' } | { kind: 'configured'; env: Record<string, string> };

/**
 * Neither TRIPLESEAT_API_URL nor REVEL_API_URL given: the built-in sandboxes. Either given: those
 * endpoints, with their credentials required from the environment (or .env).
 */
export function chooseVendors(env: RawEnv): VendorChoice {
  if (!env.TRIPLESEAT_API_URL && !env.REVEL_API_URL) return { kind: 'sandboxes' };
  const vendor = parseVendorEnv(env);
  return {
    kind: 'configured',
    env: Object.fromEntries(Object.entries(vendor).filter((e): e is [string, string] => e[1] !== undefined)),
  };
}

/**
 * SYNC_CONFIG when set. Otherwise, with the sandboxes, the example config (whose locations match
 * their seed), given a `notifications` block in a derived copy when it has none — the example itself
 * stays untouched. Real endpoints need a config of their own: the example's establishments would
 * write orders into whatever Revel account they happen to name.
 */
export function resolveSyncConfig(env: RawEnv, vendors: VendorChoice, localDir: string): string {
  if (env.SYNC_CONFIG) return env.SYNC_CONFIG;
  if (vendors.kind === 'configured') {
    throw new ConfigError(
      'SYNC_CONFIG',
      'SYNC_CONFIG is not set: real vendor endpoints need their own config',
    );
  }
  const example = JSON.parse(readFileSync(exampleConfigPath, 'utf8')) as Record<string, unknown>;
  if (example.notifications !== undefined) return exampleConfigPath;
  const derived = join(localDir, 'sync.local.json');
  mkdirSync(dirname(derived), { recursive: true });
  writeFileSync(derived, `${JSON.stringify({ ...example, notifications: localNotifications }, null, 2)}\n`);
  return derived;
}

export interface LocalEnvInput {
  /** The caller's environment (process.env for `npm start`); secrets and LOG_LEVEL come from it. */
  env: RawEnv;
  vendorEnv: Record<string, string>;
  ledgerTable: string;
  dynamoEndpoint: string;
  queueUrl: string;
  sqsEndpoint: string;
  region: string;
  syncConfigPath: string;
  outboxDir: string;
  /** The sync queue's DLQ, for the operator API's DLQ routes. */
  dlqUrl?: string | undefined;
  /** The local timer's interval (0: none), which the operator API counts the next run from. */
  scheduleIntervalMinutes?: number | undefined;
}

/**
 * The env map both composition roots read, exactly as the Lambdas would in AWS minus SECRET_ARN:
 * without it the credentials are read from these variables, never from Secrets Manager.
 */
export function buildLocalEnv(input: LocalEnvInput): Record<string, string> {
  const { env } = input;
  const optional = (name: string): Record<string, string> => {
    const value = env[name];
    return value ? { [name]: value } : {};
  };
  return {
    AWS_REGION: input.region,
    LOG_LEVEL: env.LOG_LEVEL || 'info',
    LEDGER_TABLE: input.ledgerTable,
    DYNAMODB_ENDPOINT: input.dynamoEndpoint,
    QUEUE_URL: input.queueUrl,
    SQS_ENDPOINT: input.sqsEndpoint,
    SYNC_CONFIG: input.syncConfigPath,
    MAIL_OUTBOX_DIR: input.outboxDir,
    ...input.vendorEnv,
    WEBHOOK_SIGNING_SECRETS: env.WEBHOOK_SIGNING_SECRETS || localDefaults.webhookSigningSecret,
    SYNC_API_TOKEN: env.SYNC_API_TOKEN || localDefaults.syncApiToken,
    REVEL_WEBHOOK_SECRETS: env.REVEL_WEBHOOK_SECRETS || localDefaults.revelWebhookSecret,
    OPERATOR_TOKENS: env.OPERATOR_TOKENS || `${localDefaults.operatorName}:${localDefaults.operatorToken}`,
    ...(input.dlqUrl ? { DLQ_URL: input.dlqUrl } : {}),
    ...(input.scheduleIntervalMinutes !== undefined
      ? { SCHEDULE_RATE_MINUTES: String(input.scheduleIntervalMinutes) }
      : {}),
    ...optional('METRICS_NAMESPACE'),
  };
}

/** `.env` in the working directory, when present; variables already set win (Node's rule). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
