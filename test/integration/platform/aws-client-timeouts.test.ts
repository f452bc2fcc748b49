import { createServer, type Server } from 'node:http';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqsClient } from '#functions/platform/aws-clients';
import { createDocumentClient } from '#functions/platform/document-client';
import { createSecretsManagerClient } from '#functions/platform/secrets-source';

// A server that accepts connections and never answers: what a hung AWS endpoint looks like.
let server: Server;
let endpoint: string;
beforeAll(async () => {
  server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('AWS clients', () => {
  it('give up on an SQS endpoint that never answers instead of waiting for the Lambda timeout', async () => {
    const client = createSqsClient({ AWS_REGION: 'us-east-1', SQS_ENDPOINT: endpoint });
    await expect(
      client.send(new SendMessageCommand({ QueueUrl: `${endpoint}/000000000000/q`, MessageBody: '{}' })),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('give up on a DynamoDB endpoint that never answers', async () => {
    const client = createDocumentClient({ AWS_REGION: 'us-east-1', DYNAMODB_ENDPOINT: endpoint });
    await expect(client.send(new GetCommand({ TableName: 't', Key: { pk: 'x' } }))).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });

  it('give up on a Secrets Manager endpoint that never answers', async () => {
    const { module, client } = await createSecretsManagerClient('us-east-1', endpoint);
    await expect(client.send(new module.GetSecretValueCommand({ SecretId: 'app' }))).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });
});
