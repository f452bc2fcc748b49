import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbClient } from './aws-clients';
import type { RuntimeEnv } from './runtime-env';

// Its own file: the verifier imports aws-clients.ts and must not pull in lib-dynamodb.
/** The DynamoDB document client of the sync side, built once per cold start. */
export function createDocumentClient(
  env: Pick<RuntimeEnv, 'AWS_REGION' | 'DYNAMODB_ENDPOINT'>,
): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoDbClient(env), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
