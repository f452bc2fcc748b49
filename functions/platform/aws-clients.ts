import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { RuntimeEnv } from './runtime-env';

/** A local emulator accepts any signature; real AWS credentials must never be sent to one. */
const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

const localOptions = (endpoint: string | undefined) =>
  endpoint === undefined ? {} : { endpoint, credentials: localCredentials };

/**
 * The SDK waits forever for an answer by default. The verifier has 10 s to remember a delivery,
 * enqueue it, or forget it again: a hung call killed by the Lambda timeout would leave the delivery
 * remembered but never queued, and TripleSeat's retries would then be answered `duplicate`.
 */
const requestHandler = { connectionTimeout: 1_000, requestTimeout: 1_500, throwOnRequestTimeout: true };
// Two tries of 1.5 s each keep remember + enqueue + forget inside the verifier's 10 s.
const maxAttempts = 2;

/**
 * The SQS client, built once per cold start. With SQS_ENDPOINT (fauxqs) every call goes there:
 * fauxqs queue URLs name the host `sqs.<region>.localhost`, which does not resolve on every machine,
 * and the SDK would otherwise send each call to the queue URL's host.
 */
export function createSqsClient(env: Pick<RuntimeEnv, 'AWS_REGION' | 'SQS_ENDPOINT'>): SQSClient {
  return new SQSClient({
    region: env.AWS_REGION,
    requestHandler,
    maxAttempts,
    ...localOptions(env.SQS_ENDPOINT),
    ...(env.SQS_ENDPOINT === undefined ? {} : { useQueueUrlAsEndpoint: false }),
  });
}

/** The low-level DynamoDB client (all the verifier needs); DYNAMODB_ENDPOINT points at dynalite. */
export function createDynamoDbClient(
  env: Pick<RuntimeEnv, 'AWS_REGION' | 'DYNAMODB_ENDPOINT'>,
): DynamoDBClient {
  return new DynamoDBClient({
    region: env.AWS_REGION,
    requestHandler,
    maxAttempts,
    ...localOptions(env.DYNAMODB_ENDPOINT),
  });
}
