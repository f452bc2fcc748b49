import { describe, expect, it } from 'vitest';
import { createSqsClient } from '#functions/platform/aws-clients';
import { createDocumentClient } from '#functions/platform/document-client';

describe('createSqsClient', () => {
  it('sends every call to SQS_ENDPOINT with throwaway credentials, ignoring the queue URL host', async () => {
    const client = createSqsClient({ AWS_REGION: 'us-east-1', SQS_ENDPOINT: 'http://127.0.0.1:4566' });

    expect(await client.config.endpoint?.()).toMatchObject({
      hostname: '127.0.0.1',
      port: 4566,
      protocol: 'http:',
    });
    expect(client.config.useQueueUrlAsEndpoint).toBe(false);
    expect(await client.config.credentials()).toMatchObject({
      accessKeyId: 'local',
      secretAccessKey: 'local',
    });
    client.destroy();
  });

  it('leaves endpoint and credentials to the AWS defaults without SQS_ENDPOINT', async () => {
    const client = createSqsClient({ AWS_REGION: 'eu-west-1', SQS_ENDPOINT: undefined });

    expect(client.config.endpoint).toBeUndefined();
    expect(await client.config.region()).toBe('eu-west-1');
    client.destroy();
  });
});

describe('createDocumentClient', () => {
  it('points at DYNAMODB_ENDPOINT and drops undefined attributes instead of failing', async () => {
    const client = createDocumentClient({
      AWS_REGION: 'us-east-1',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
    });

    expect(await client.config.endpoint?.()).toMatchObject({ hostname: '127.0.0.1', port: 8000 });
    expect(client.config.translateConfig?.marshallOptions?.removeUndefinedValues).toBe(true);
    client.destroy();
  });
});
