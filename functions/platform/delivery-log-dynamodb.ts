import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { InputError } from '../domain/errors';
import type { DeliveryLog } from '../sync/ports';
import { deliveryKey, ttlEpochSeconds } from './ledger-keys';

export interface DynamoDbDeliveryLogOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Epoch milliseconds; injected by tests to age deliveries without waiting. */
  now?: () => number;
}

/**
 * Webhook deliveries already accepted, on the ledger table (`DELIVERY#<sha256 of key>`). Its own
 * small class, free of zod, so the verifier does not bundle the whole ledger; DynamoDbLedger
 * delegates to it for the sync side.
 */
export class DynamoDbDeliveryLog implements DeliveryLog {
  readonly #client: DynamoDBDocumentClient;
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
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            pk: deliveryKey(key),
            deliveredAt: new Date(now).toISOString(),
            expiresAt: ttlEpochSeconds(now, ttlDays),
          },
          // TTL deletion is lazy (AWS: "typically within a few days"), so an expired item may still
          // be there: it counts as forgotten, not as a duplicate.
          ConditionExpression: 'attribute_not_exists(#pk) OR #expiresAt < :nowSeconds',
          ExpressionAttributeNames: { '#pk': 'pk', '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: { ':nowSeconds': Math.floor(now / 1000) },
        }),
      );
      return true;
    } catch (e: unknown) {
      if (e instanceof ConditionalCheckFailedException) return false;
      throw e;
    }
  }

  async forgetDelivery(key: string): Promise<void> {
    await this.#client.send(new DeleteCommand({ TableName: this.#tableName, Key: { pk: deliveryKey(key) } }));
  }
}
