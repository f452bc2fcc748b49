import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { awsCallLimits, localEndpoint } from './aws-call-limits';
import type { RuntimeEnv } from './runtime-env';

/**
 * The verifier has 10 s to remember a delivery, enqueue it, or forget it again: a hung call killed by
 * the Lambda timeout would leave the delivery remembered but never queued, and TripleSeat's retries
 * would then be answered `duplicate`. Two tries of 1.5 s each keep all three inside the 10 s.
 */
const limits = awsCallLimits(1_000, 1_500);

/**
 * The SQS client, built once per cold start. With SQS_ENDPOINT (fauxqs) every call goes there:
 * fauxqs queue URLs name the host `sqs.<region>.localhost`, which does not resolve on every machine,
 * and the SDK would otherwise send each call to the queue URL's host.
 */
export function createSqsClient(env: Pick<RuntimeEnv, 'AWS_REGION' | 'SQS_ENDPOINT'>): SQSClient {
  return new SQSClient({
    region: env.AWS_REGION,
    ...limits,
    ...localEndpoint(env.SQS_ENDPOINT),
    ...(env.SQS_ENDPOINT === undefined ? {} : { useQueueUrlAsEndpoint: false }),
  });
}

/** The low-level DynamoDB client (all the verifier needs); DYNAMODB_ENDPOINT points at dynalite. */
export function createDynamoDbClient(
  env: Pick<RuntimeEnv, 'AWS_REGION' | 'DYNAMODB_ENDPOINT'>,
): DynamoDBClient {
  return new DynamoDBClient({
    region: env.AWS_REGION,
    ...limits,
    ...localEndpoint(env.DYNAMODB_ENDPOINT),
  });
}
