import type { WebhookDeps } from '#functions/core/intake/webhook-deps';
import { systemClock } from '#functions/core/ports/clock';
import { createDynamoDbClient, createSqsClient } from '#functions/platform/aws-clients';
import { DynamoDbDeliveryLog } from '#functions/platform/delivery-log-dynamodb';
import { createJsonLogger } from '#functions/platform/logger';
import { createMetrics } from '#functions/platform/metrics-emf';
import { SqsSyncQueue } from '#functions/platform/queue-sqs';
import { parseWebhookRuntimeEnv } from '#functions/platform/runtime-env';
import { createWebhookSecretsSource } from '#functions/platform/secrets-source';

/**
 * The verifier's real adapters, built once per cold start from the environment. Imports stay light
 * (zod/mini, no luxon/cheerio, not the ledger's classic-zod item parsing): this bundle's size is the
 * webhook's cold start. The delivery log is the ledger table's `DELIVERY#` items.
 */
export async function buildWebhookDeps(
  env: Readonly<Record<string, string | undefined>>,
  /** `writeMetrics`: where EMF lines go (default stdout); the local runtime keeps stdout for scripts. */
  options: { writeMetrics?: (line: string) => void } = {},
): Promise<WebhookDeps> {
  const runtime = parseWebhookRuntimeEnv(env);
  const logger = createJsonLogger({ level: runtime.LOG_LEVEL, base: { service: 'webhook' } });
  const secrets = createWebhookSecretsSource(env, { logger });
  return {
    signingSecrets: () => secrets.get(),
    queue: new SqsSyncQueue({ client: createSqsClient(runtime), queueUrl: runtime.QUEUE_URL }),
    deliveries: new DynamoDbDeliveryLog({
      client: createDynamoDbClient(runtime),
      tableName: runtime.LEDGER_TABLE,
    }),
    clock: systemClock,
    logger,
    metrics: createMetrics({
      namespace: runtime.METRICS_NAMESPACE,
      service: 'webhook',
      write: options.writeMetrics,
    }),
  };
}
