import * as z from 'zod/mini';
import { ConfigError } from '#functions/core/domain/errors';
import { parseWith } from '#functions/core/domain/parse-with';

/**
 * The Lambdas' (and the local runtime's) non-secret environment. Credentials never come from here:
 * see secrets-source.ts. zod/mini because the verifier imports this.
 */
const nonEmpty = () => z.string().check(z.minLength(1));

const runtimeEnvShape = {
  LEDGER_TABLE: nonEmpty(),
  /** Local only (dynalite); absent in AWS. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  QUEUE_URL: z.url(),
  /** Local only (fauxqs); absent in AWS. */
  SQS_ENDPOINT: z.optional(z.url()),
  /** Set in AWS: credentials come from this Secrets Manager secret. Absent: from env vars. */
  SECRET_ARN: z.optional(nonEmpty()),
  LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error']), 'info'),
  AWS_REGION: z._default(nonEmpty(), 'us-east-1'),
  METRICS_NAMESPACE: z._default(nonEmpty(), 'TripleSeatRevelSync'),
};

const runtimeEnvSchema = z.object(runtimeEnvShape);

const syncRuntimeEnvSchema = z.object({
  ...runtimeEnvShape,
  /** Path of the sync config JSON file (the CDK stack ships /var/task/sync-config.json in the bundle)… */
  SYNC_CONFIG: z.optional(nonEmpty()),
  /**
   * …or the config inline, for local use: Lambda's 4 KB cap on all variables rules it out in AWS
   * (docs/decisions/0003). Exactly one of the two.
   */
  SYNC_CONFIG_JSON: z.optional(nonEmpty()),
  TRIPLESEAT_API_URL: z._default(z.url(), 'https://api.tripleseat.com'),
  REVEL_API_URL: z.url(),
  /** The sync queue's dead-letter queue, for the operator API's DLQ routes; absent: those answer 404. */
  DLQ_URL: z.optional(z.url()),
  /** The schedule rule's interval in minutes (core/contract/schedule.ts); absent: the default, `0`: none. */
  SCHEDULE_RATE_MINUTES: z.optional(z.string().check(z.regex(/^\d{1,4}$/))),
  /** Set: mail is written as .eml files there. Absent: mail goes through SES. */
  MAIL_OUTBOX_DIR: z.optional(nonEmpty()),
});

/** What both Lambdas read. */
export type RuntimeEnv = z.infer<typeof runtimeEnvSchema>;
/** What the sync Lambda reads on top: config source, vendor URLs, mail outbox. */
export type SyncRuntimeEnv = z.infer<typeof syncRuntimeEnvSchema>;

type RawEnv = Readonly<Record<string, string | undefined>>;

/** The verifier's variant: no sync-only variables are required. */
export function parseWebhookRuntimeEnv(env: RawEnv): RuntimeEnv {
  return parseEnv(runtimeEnvSchema, env);
}

export function parseSyncRuntimeEnv(env: RawEnv): SyncRuntimeEnv {
  const parsed = parseEnv(syncRuntimeEnvSchema, env);
  if (parsed.SYNC_CONFIG === undefined && parsed.SYNC_CONFIG_JSON === undefined) {
    throw new ConfigError('SYNC_CONFIG', 'SYNC_CONFIG (a file path) or SYNC_CONFIG_JSON is not set');
  }
  if (parsed.SYNC_CONFIG !== undefined && parsed.SYNC_CONFIG_JSON !== undefined) {
    throw new ConfigError('SYNC_CONFIG_JSON', 'SYNC_CONFIG and SYNC_CONFIG_JSON are both set: keep one');
  }
  return parsed;
}

/** The error names the variable and what is wrong with it, never its value. */
function parseEnv<T>(schema: z.ZodMiniType<T>, env: RawEnv): T {
  // An empty variable counts as unset, as shells and .env files commonly leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  return parseWith(schema, present, ({ issue }) => {
    const name = String(issue?.path[0] ?? 'environment');
    const problem = present[name] === undefined ? 'is not set' : `is not valid (${expectation(issue)})`;
    return new ConfigError(name, `${name} ${problem}`);
  });
}

function expectation(issue: z.core.$ZodIssue | undefined): string {
  if (issue?.code === 'invalid_format') return `expected a ${issue.format}`;
  if (issue?.code === 'invalid_value') return `expected one of ${issue.values.join(', ')}`;
  return 'unexpected value';
}
