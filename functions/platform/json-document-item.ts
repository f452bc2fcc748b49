import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { parseJsonAttribute } from './ledger-item';
import { ttlEpochSeconds } from './ledger-keys';

export interface JsonDocumentItemOptions<S extends z.ZodType> {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** The attribute holding the JSON text (`report`, `record`). */
  attribute: string;
  schema: S;
  /** Says what a malformed item was meant to be ("not a drift record"). */
  what: string;
  ttlDays: number;
  now?: () => number;
}

/**
 * One JSON document in one attribute of a ledger item, read with its schema and written whole (a
 * preflight or doctor report, a drift record): the item expires `ttlDays` after its last write.
 */
export class JsonDocumentItem<S extends z.ZodType> {
  readonly #options: JsonDocumentItemOptions<S>;
  readonly #now: () => number;

  constructor(options: JsonDocumentItemOptions<S>) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  async read(key: string): Promise<z.output<S> | undefined> {
    const { client, tableName, attribute, schema, what } = this.#options;
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: { pk: key }, ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    return parseJsonAttribute(Item, key, attribute, schema, what);
  }

  /** A plain put: each caller writes under a lease or alone (its port says which). */
  async write(key: string, document: z.input<S> | z.output<S>, stamped = false): Promise<void> {
    const { client, tableName, attribute, ttlDays } = this.#options;
    const now = this.#now();
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: key,
          [attribute]: JSON.stringify(document),
          ...(stamped ? { updatedAt: new Date(now).toISOString() } : {}),
          expiresAt: ttlEpochSeconds(now, ttlDays),
        },
      }),
    );
  }
}
