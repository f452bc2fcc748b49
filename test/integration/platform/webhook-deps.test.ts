import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '#functions/core/domain/errors';
import { MetricName } from '#functions/core/ports/metrics';
import { buildWebhookDeps } from '#functions/webhook/build-webhook-deps';
import { createLedgerTable } from '../../../dev/ledger-table';
import { type LocalDynamo, startLocalDynamo } from '../../../dev/local-dynamodb';
import { type LocalSqs, startLocalSqs } from '../../../dev/local-sqs';

let dynamo: LocalDynamo;
let sqs: LocalSqs;
let env: Record<string, string>;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  sqs = await startLocalSqs();
  await createLedgerTable(dynamo.client, 'webhook-ledger');
  env = {
    LEDGER_TABLE: 'webhook-ledger',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    QUEUE_URL: await sqs.createQueue('webhook-sync', { dlq: 'webhook-sync-dlq' }),
    SQS_ENDPOINT: sqs.endpoint,
    WEBHOOK_SIGNING_SECRETS: 'whsec-current-0123456789,whsec-previous-0123456789',
    LOG_LEVEL: 'error',
  };
});
afterAll(async () => {
  await sqs?.close();
  await dynamo?.close();
});

describe('buildWebhookDeps, from env vars alone', () => {
  it('enqueues a message that the sync side can receive back', async () => {
    const deps = await buildWebhookDeps(env);
    const message = {
      kind: 'event',
      eventId: '55521609',
      trigger: 'UPDATE_EVENT',
      receivedAt: deps.clock.now().toISOString(),
      correlationId: 'corr-webhook-deps',
    } as const;

    await deps.queue.send(message);

    const { Messages } = await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: env.QUEUE_URL, MessageAttributeNames: ['All'] }),
    );
    expect(JSON.parse(Messages?.[0]?.Body ?? '')).toEqual(message);
    expect(Messages?.[0]?.MessageAttributes?.correlationId?.StringValue).toBe('corr-webhook-deps');
  });

  it('remembers deliveries in the ledger table', async () => {
    const deps = await buildWebhookDeps(env);

    expect(await deps.deliveries.rememberDelivery('UPDATE_EVENT:55521609:t1', 3)).toBe(true);
    expect(
      await (await buildWebhookDeps(env)).deliveries.rememberDelivery('UPDATE_EVENT:55521609:t1', 3),
    ).toBe(false);
  });

  it('serves every current signing secret', async () => {
    expect(await (await buildWebhookDeps(env)).signingSecrets()).toEqual([
      'whsec-current-0123456789',
      'whsec-previous-0123456789',
    ]);
  });

  it('needs no vendor credentials, sync config or Revel URL', async () => {
    expect(env).not.toHaveProperty('REVEL_API_URL');
    await expect(buildWebhookDeps(env)).resolves.toHaveProperty('queue');
  });

  it('fails at start-up, naming the variable, when the signing secrets are missing', async () => {
    const { WEBHOOK_SIGNING_SECRETS: _secrets, ...rest } = env;

    const building = buildWebhookDeps(rest);

    await expect(building).rejects.toBeInstanceOf(ConfigError);
    await expect(building).rejects.toMatchObject({
      field: 'WEBHOOK_SIGNING_SECRETS',
      message: 'WEBHOOK_SIGNING_SECRETS is not set',
    });
  });

  it('fails at start-up, naming the variable, when the queue URL is missing', async () => {
    const { QUEUE_URL: _url, ...rest } = env;

    await expect(buildWebhookDeps(rest)).rejects.toThrow('QUEUE_URL is not set');
  });

  it('writes its metrics as EMF lines in METRICS_NAMESPACE, marked as the webhook service', async () => {
    const lines: string[] = [];
    const deps = await buildWebhookDeps(
      { ...env, METRICS_NAMESPACE: 'TripleSeatRevelSync/dev' },
      { writeMetrics: (line) => lines.push(line) },
    );

    deps.metrics.count(MetricName.WebhookRejected);
    deps.metrics.flush();

    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({
        _aws: expect.objectContaining({
          CloudWatchMetrics: [expect.objectContaining({ Namespace: 'TripleSeatRevelSync/dev' })],
        }),
        service: 'webhook',
        WebhookRejected: 1,
      }),
    ]);
  });
});
