import { mkdirSync } from 'node:fs';
import { ConfigError } from '#functions/core/domain/errors';
import type { InvocationContextLike } from '#functions/middleware/handler-context';
import { createJsonLogger } from '#functions/platform/logger';
import { buildSyncDeps } from '#functions/sync/build-sync-deps';
import { createSyncHandler, type SyncEntry } from '#functions/sync/handler';
import { buildWebhookDeps } from '#functions/webhook/build-webhook-deps';
import { createWebhookHandler } from '#functions/webhook/handler';
import { type Gateway, startGateway } from './gateway';
import { lambdaContext } from './lambda-context';
import { createLedgerTable } from './ledger-table';
import { localVariables } from './local-banner';
import { localDefaults } from './local-defaults';
import { type LocalDynamo, startLocalDynamo } from './local-dynamodb';
import { buildLocalEnv, chooseVendors, resolveSyncConfig } from './local-env';
import { localRoutes } from './local-routes';
import { type LocalScheduler, scheduleIntervalFromEnv, startLocalScheduler } from './local-scheduler';
import { type LocalSqs, startLocalSqs } from './local-sqs';
import { type Sandboxes, type SandboxOptions, startSandboxes } from './sandbox';
import { startSqsPoller } from './sqs-poller';

export interface LocalRuntimeOptions {
  /** The environment to read (process.env for `npm start`); nothing is written back to it. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Gateway port; 0 picks a free one. Default: PORT, else 3000. */
  port?: number;
  /** Default: SCHEDULE_INTERVAL_MINUTES, else 45; 0 disables the timer. */
  scheduleIntervalMinutes?: number;
  /** Long-poll wait of the queue poller, 1..20 s (shorter stops faster). */
  pollerWaitSeconds?: number;
  /** The queue's VisibilityTimeout: how long a failed message waits before it is retried. */
  visibilityTimeoutSeconds?: number;
  /** Where the derived sync config goes (default `.local`). */
  localDir?: string;
  /** Default: MAIL_OUTBOX_DIR, else `.local/outbox`. */
  outboxDir?: string;
  /** The runtime's own log lines (poller, gateway, scheduler); default stderr. */
  log?: (line: string) => void;
  /** Options of the built-in sandboxes (e.g. TripleSeat's 429 limit for a load test). */
  sandboxes?: SandboxOptions;
  /**
   * A simulated Lambda timeout for the sync handler: each invocation's context then counts down
   * from it (dev/lambda-context.ts), as the deployed function's does. Default: none.
   */
  syncTimeoutSeconds?: number;
}

export interface LocalRuntime {
  url: string;
  /** The env map the composition roots were built from. */
  env: Readonly<Record<string, string>>;
  queueUrl: string;
  dlqUrl: string;
  sqs: LocalSqs;
  dynamo: LocalDynamo;
  /** Undefined when vendor URLs were given. */
  sandboxes: Sandboxes | undefined;
  scheduler: LocalScheduler;
  /** The `KEY=value` lines `npm start` prints for scripts. */
  variables: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * The deployed system on one machine: the same handler modules and composition roots behind a local
 * gateway, fauxqs with a DLQ, dynalite, a timer for the EventBridge rule and, without vendor URLs,
 * the vendor sandboxes. Used by `npm start` and by the end-to-end tests (port 0).
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const env = options.env ?? process.env;
  const logger = createJsonLogger({ base: { service: 'local-runtime' }, write: options.log });
  const onError = (where: string) => (e: unknown) => logger.error(`${where} failed`, { error: e });
  const closers: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(onError('shutdown'));
  };
  try {
    const vendors = chooseVendors(env);
    const syncConfigPath = resolveSyncConfig(env, vendors, options.localDir ?? '.local');
    const scheduleIntervalMinutes = options.scheduleIntervalMinutes ?? scheduleIntervalFromEnv(env);
    const outboxDir = options.outboxDir ?? (env.MAIL_OUTBOX_DIR || localDefaults.outboxDir);
    mkdirSync(outboxDir, { recursive: true });

    const dynamo = await startLocalDynamo();
    closers.push(() => dynamo.close());
    const sqs = await startLocalSqs({ region: env.AWS_REGION || 'us-east-1' });
    closers.push(() => sqs.close());
    const queueUrl = await sqs.createQueue(localDefaults.queueName, {
      dlq: localDefaults.deadLetterQueueName,
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 30,
    });
    const dlqUrl = await sqs.queueUrl(localDefaults.deadLetterQueueName);
    let sandboxes: Sandboxes | undefined;
    if (vendors.kind === 'sandboxes') {
      const started = await startSandboxes(options.sandboxes);
      sandboxes = started;
      closers.push(() => started.close());
    }

    const localEnv = buildLocalEnv({
      env,
      vendorEnv: sandboxes?.env ?? (vendors.kind === 'configured' ? vendors.env : {}),
      ledgerTable: env.LEDGER_TABLE || localDefaults.ledgerTable,
      dynamoEndpoint: dynamo.endpoint,
      queueUrl,
      sqsEndpoint: sqs.endpoint,
      region: sqs.region,
      syncConfigPath,
      outboxDir,
      dlqUrl,
      scheduleIntervalMinutes,
    });
    await createLedgerTable(dynamo.client, localEnv.LEDGER_TABLE ?? localDefaults.ledgerTable);

    // EMF lines join the JSON log lines on stderr: stdout carries only the KEY=value lines for scripts.
    const writeMetrics = (line: string) => process.stderr.write(`${line}\n`);
    const webhookHandler = createWebhookHandler(() => buildWebhookDeps(localEnv, { writeMetrics }));
    const handleSync = createSyncHandler(() => buildSyncDeps(localEnv, { writeMetrics }));
    const timeoutMs =
      options.syncTimeoutSeconds === undefined ? undefined : options.syncTimeoutSeconds * 1000;
    const syncHandler = ((event: never, context?: InvocationContextLike) =>
      handleSync(event, { ...context, ...lambdaContext(timeoutMs, context?.awsRequestId) })) as SyncEntry;

    const scheduler = startLocalScheduler({
      intervalMinutes: scheduleIntervalMinutes,
      handler: syncHandler,
      region: sqs.region,
      onResult: (result) => logger.info('scheduled run done', { result }),
      onError: onError('scheduled run'),
    });
    closers.push(() => scheduler.stop());
    const poller = startSqsPoller({
      client: sqs.client,
      queueUrl,
      region: sqs.region,
      // Lambda's event source mapping logs nothing; this line lets a reader follow a delivery locally.
      handler: (event, context) => {
        for (const record of event.Records) {
          logger.info('queue message delivered', {
            message_id: record.messageId,
            correlation_id: record.messageAttributes.correlationId?.stringValue,
            receive_count: Number(record.attributes.ApproximateReceiveCount),
          });
        }
        return syncHandler(event, context);
      },
      waitTimeSeconds: options.pollerWaitSeconds ?? 20,
      // A manual bulk run travels on the queue too: a second loop keeps webhooks flowing meanwhile.
      concurrency: 2,
      onError: onError('queue poller'),
    });
    closers.push(() => poller.stop());
    const gateway: Gateway = await startGateway({
      port: options.port ?? portFromEnv(env),
      onError: onError('gateway'),
      routes: localRoutes({ webhook: webhookHandler, sync: syncHandler, scheduler }),
    });
    // Stop taking requests first, then drain the poller and the scheduler, then the servers.
    closers.push(() => gateway.close());

    const runtime = { url: gateway.url, env: localEnv, queueUrl, dlqUrl, sqs, dynamo, sandboxes, scheduler };
    return { ...runtime, variables: localVariables(runtime), stop };
  } catch (e: unknown) {
    await stop();
    throw e;
  }
}

function portFromEnv(env: Readonly<Record<string, string | undefined>>): number {
  const text = env.PORT;
  if (!text) return localDefaults.port;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError('PORT', `PORT must be a port number (0 picks a free one), got "${text}"`);
  }
  return port;
}
