import { randomUUID } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { InputError } from '#functions/core/domain/errors';
import type { DeliveryLog } from '#functions/core/ports/delivery-log';
import { deliveryKey, ttlEpochSeconds } from './ledger-keys';

export interface DynamoDbDeliveryLogOptions {
  /** A plain DynamoDBClient or a document client (low-level commands pass through it unchanged). */
  client: Pick<DynamoDBClient, 'send'>;
  tableName: string;
  /** Epoch milliseconds; injected by tests to age deliveries without waiting. */
  now?: () => number;
}

/**
 * Webhook deliveries already accepted, on the ledger table (`DELIVERY#<sha256 of key>`). Its own
 * small class, free of zod and of lib-dynamodb (low-level commands only), so the verifier needs nothing
 * beyond @aws-sdk/client-dynamodb, which the Lambda runtime provides; DynamoDbLedger delegates to it.
 */
export class DynamoDbDeliveryLog implements DeliveryLog {
  readonly #client: Pick<DynamoDBClient, 'send'>;
  readonly #tableName: string;
  readonly #now: () => number;

  constructor(options: DynamoDbDeliveryLogOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#now = options.now ?? Date.now;
  }

  async rememberDelivery(key: string, ttlDays: number): Promise<boolean> {
    if (!Number.isInteger(ttlDays) || ttlDays <= 0) {
      throw new InputError('ttlDays', `ttlDays must be a positive whole number, got ${ttlDays}`);
    }
    const now = this.#now();
    // Marks this attempt: if the SDK retries a put that did commit (its answer was slow), the retry's
    // condition fails on our own item, which must count as remembered-by-us, not as a duplicate.
    const attempt = randomUUID();
    try {
      await this.#client.send(
        new PutItemCommand({
          TableName: this.#tableName,
          Item: {
            pk: { S: deliveryKey(key) },
            deliveredAt: { S: new Date(now).toISOString() },
            expiresAt: { N: String(ttlEpochSeconds(now, ttlDays)) },
            attempt: { S: attempt },
          },
          // TTL deletion is lazy (AWS: "typically within a few days"), so an expired item may still
          // be there: it counts as forgotten, not as a duplicate.
          ConditionExpression: 'attribute_not_exists(#pk) OR #expiresAt < :nowSeconds',
          ExpressionAttributeNames: { '#pk': 'pk', '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: { ':nowSeconds': { N: String(Math.floor(now / 1000)) } },
        }),
      );
      return true;
    } catch (e: unknown) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
      return (await this.#storedAttempt(key)) === attempt;
    }
  }

  async #storedAttempt(key: string): Promise<string | undefined> {
    const stored = await this.#client.send(
      new GetItemCommand({
        TableName: this.#tableName,
        Key: { pk: { S: deliveryKey(key) } },
        ConsistentRead: true,
      }),
    );
    return stored.Item?.attempt?.S;
  }

  async forgetDelivery(key: string): Promise<void> {
    await this.#client.send(
      new DeleteItemCommand({ TableName: this.#tableName, Key: { pk: { S: deliveryKey(key) } } }),
    );
  }
}
