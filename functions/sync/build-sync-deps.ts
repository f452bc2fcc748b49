import { SESClient } from '@aws-sdk/client-ses';
import { parseSyncConfig, type SyncConfig } from '#functions/core/config/sync-config';
import { DEFAULT_SCHEDULE_MINUTES } from '#functions/core/contract/schedule';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { ConfigError } from '#functions/core/domain/errors';
import { systemClock } from '#functions/core/ports/clock';
import type { Mailer } from '#functions/core/ports/mailer';
import type { AppSecrets } from '#functions/platform/app-secrets';
import { DynamoDbAttemptLog, withAttemptLog } from '#functions/platform/attempt-log-dynamodb';
import { DynamoDbAuditTrail } from '#functions/platform/audit-trail-dynamodb';
import { awsCallLimits } from '#functions/platform/aws-call-limits';
import { createSqsClient } from '#functions/platform/aws-clients';
import { SqsDeadLetters } from '#functions/platform/dead-letters-sqs';
import { DynamoDbDigestMarks } from '#functions/platform/digest-marks-dynamodb';
import { DynamoDbDoctorReports } from '#functions/platform/doctor-reports-dynamodb';
import { createDocumentClient } from '#functions/platform/document-client';
import { DynamoDbLedger } from '#functions/platform/ledger-dynamodb';
import { createJsonLogger } from '#functions/platform/logger';
import { OutboxMailer } from '#functions/platform/mailer-outbox';
import { SesMailer } from '#functions/platform/mailer-ses';
import { createMetrics } from '#functions/platform/metrics-emf';
import { DynamoDbPreflightStore } from '#functions/platform/preflight-store-dynamodb';
import { SqsSyncQueue } from '#functions/platform/queue-sqs';
import { createSharedRateLimiters } from '#functions/platform/rate-limiter-dynamodb';
import { DynamoDbRunHistory } from '#functions/platform/run-history-dynamodb';
import { parseSyncRuntimeEnv, type SyncRuntimeEnv } from '#functions/platform/runtime-env';
import { createRuntimeOverridesStore } from '#functions/platform/runtime-overrides-dynamodb';
import { createSecretsSource } from '#functions/platform/secrets-source';
import { loadSyncConfigFile } from '#functions/platform/sync-config-file';
import type { VendorEnv } from '#functions/platform/vendor-env';
import { DynamoDbWriteBackLog } from '#functions/platform/write-back-log-dynamodb';
import { buildDriftDeps } from './build-drift-deps';
import { createVendorClients } from './build-vendor-clients';

/**
 * The sync Lambda's real adapters, built once per cold start. The vendor clients take the
 * credentials read now (a rotated vendor credential reaches them on the next cold start), except
 * the TripleSeat refresh token, which TripleSeat rotates itself: the client writes each new one
 * back to the secret and reads the secret again when its own has been spent by another instance.
 * The manual route's token is read through the secrets cache on every request.
 */
export async function buildSyncDeps(
  env: Readonly<Record<string, string | undefined>>,
  /** `writeMetrics`: where EMF lines go (default stdout); the local runtime keeps stdout for scripts. */
  options: { writeMetrics?: (line: string) => void } = {},
): Promise<SyncHandlerDeps> {
  const runtime = parseSyncRuntimeEnv(env);
  const config = loadConfig(runtime);
  const logger = createJsonLogger({ level: runtime.LOG_LEVEL, base: { service: 'sync' } });
  const secrets = createSecretsSource(env, { logger });
  const client = createDocumentClient(runtime);
  const tableName = runtime.LEDGER_TABLE;
  // Every instance draws on one pace per vendor, kept in the ledger table: the configured limits
  // hold for the deployment, not per instance (docs/decisions/0009-vendor-rate-limits-across-instances.md).
  const limiters = createSharedRateLimiters(config.rateLimits, { client, tableName, logger });
  const { tripleseat, revel } = createVendorClients(vendorEnv(runtime, await secrets.get()), config, {
    refreshTokens: secrets.refreshTokens,
    logger,
    limiters,
  });
  const ledger = new DynamoDbLedger({ client, tableName });
  const attempts = new DynamoDbAttemptLog({ client, tableName });
  const sqs = createSqsClient(runtime);
  const mailer = config.notifications ? createMailer(runtime) : undefined;
  const base = {
    config,
    tripleseat,
    revel,
    ledger: withAttemptLog(ledger, attempts, { logger }),
    clock: systemClock,
    logger,
    // Lives as long as this container, like the Revel client's product cache.
    totalsNotKeptOnCreate: new Set<number>(),
    // Always built: `writeBack.tripleseatNotes` decides per sync whether a note is written.
    writeBack: { notes: tripleseat, log: new DynamoDbWriteBackLog({ client, tableName }) },
  };
  const drift = buildDriftDeps({ config, client, tableName, mailer, logger, engine: base });
  return {
    config,
    engine: { ...base, drift },
    runs: ledger,
    runLock: ledger,
    queue: new SqsSyncQueue({ client: sqs, queueUrl: runtime.QUEUE_URL }),
    mailer,
    syncApiToken: async () => (await secrets.get()).syncApiToken,
    revelWebhookSecrets: async () => (await secrets.get()).revelWebhookSecrets ?? [],
    metrics: createMetrics({
      namespace: runtime.METRICS_NAMESPACE,
      service: 'sync',
      write: options.writeMetrics,
    }),
    failureStreak: ledger,
    ops: {
      operatorTokens: async () => (await secrets.get()).operatorTokens ?? {},
      overrides: createRuntimeOverridesStore({ client, tableName, logger }),
      audit: new DynamoDbAuditTrail({ client, tableName }),
      attempts,
      runHistory: new DynamoDbRunHistory({ client, tableName }),
      deadLetters:
        runtime.DLQ_URL === undefined
          ? undefined
          : new SqsDeadLetters({ client: sqs, dlqUrl: runtime.DLQ_URL, queueUrl: runtime.QUEUE_URL }),
      doctorReports: new DynamoDbDoctorReports({ client, tableName }),
      scheduleMinutes:
        runtime.SCHEDULE_RATE_MINUTES === undefined
          ? DEFAULT_SCHEDULE_MINUTES
          : Number(runtime.SCHEDULE_RATE_MINUTES),
    },
    preflight: { store: new DynamoDbPreflightStore({ client, tableName }), references: revel },
    digestMarks: new DynamoDbDigestMarks({ client, tableName }),
  };
}

function loadConfig(runtime: SyncRuntimeEnv): SyncConfig {
  if (runtime.SYNC_CONFIG !== undefined) return loadSyncConfigFile(runtime.SYNC_CONFIG);
  let raw: unknown;
  try {
    raw = JSON.parse(runtime.SYNC_CONFIG_JSON ?? '');
  } catch (e: unknown) {
    if (e instanceof SyntaxError)
      throw new ConfigError('SYNC_CONFIG_JSON', 'SYNC_CONFIG_JSON is not valid JSON');
    throw e;
  }
  return parseSyncConfig(raw, 'SYNC_CONFIG_JSON');
}

function vendorEnv(runtime: SyncRuntimeEnv, secrets: AppSecrets): VendorEnv {
  return {
    TRIPLESEAT_API_URL: runtime.TRIPLESEAT_API_URL,
    TRIPLESEAT_CLIENT_ID: secrets.tripleseat.clientId,
    TRIPLESEAT_CLIENT_SECRET: secrets.tripleseat.clientSecret,
    TRIPLESEAT_REFRESH_TOKEN: secrets.tripleseat.refreshToken,
    REVEL_API_URL: runtime.REVEL_API_URL,
    REVEL_API_KEY: secrets.revel.apiKey,
    REVEL_API_SECRET: secrets.revel.apiSecret,
  };
}

function createMailer(runtime: SyncRuntimeEnv): Mailer {
  if (runtime.MAIL_OUTBOX_DIR !== undefined) return new OutboxMailer({ dir: runtime.MAIL_OUTBOX_DIR });
  // A hung SES call must not eat the invocation: mail is best effort after the order is written.
  return new SesMailer({
    client: new SESClient({ region: runtime.AWS_REGION, ...awsCallLimits(2_000, 5_000) }),
  });
}
