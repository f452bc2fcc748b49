import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { describeError } from '#functions/core/domain/errors';
import type { Attempt, AttemptLog } from '#functions/core/ports/attempt-log';
import type { Ledger } from '#functions/core/ports/ledger';
import type { Logger } from '#functions/core/ports/logger';
import { attemptsKey, EVENT_RECORD_TTL_DAYS, ttlEpochSeconds } from './ledger-keys';

/** An event's attempts are few (queue retries, a retry by hand); the log keeps the newest this many. */
export const MAX_ATTEMPTS_KEPT = 50;

const attemptSchema = z.object({
  at: z.string(),
  outcome: z.string(),
  reason: z.string().optional(),
  correlationId: z.string().optional(),
  revelOrderId: z.string().optional(),
  trigger: z.string().optional(),
});

/** Every outcome recorded for an event, in its own ledger item (ATTEMPTS#<eventId>). */
export class DynamoDbAttemptLog implements AttemptLog {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async append(eventId: string, attempt: Attempt): Promise<void> {
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { pk: attemptsKey(eventId) },
        UpdateExpression: 'SET #a = list_append(if_not_exists(#a, :none), :one), #x = :x',
        ExpressionAttributeNames: { '#a': 'attempts', '#x': 'expiresAt' },
        ExpressionAttributeValues: {
          ':none': [],
          // Undefined fields left out: DynamoDB stores no undefined, whatever the client's options.
          ':one': [Object.fromEntries(Object.entries(attempt).filter(([, v]) => v !== undefined))],
          ':x': ttlEpochSeconds(Date.parse(attempt.at), EVENT_RECORD_TTL_DAYS),
        },
      }),
    );
  }

  async list(eventId: string): Promise<Attempt[]> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: { pk: attemptsKey(eventId) }, ConsistentRead: true }),
    );
    const stored = Array.isArray(Item?.attempts) ? (Item.attempts as unknown[]) : [];
    return stored
      .flatMap((a) => {
        const parsed = attemptSchema.safeParse(a);
        return parsed.success
          ? [
              {
                at: parsed.data.at,
                outcome: parsed.data.outcome,
                reason: parsed.data.reason,
                correlationId: parsed.data.correlationId,
                revelOrderId: parsed.data.revelOrderId,
                trigger: parsed.data.trigger,
              },
            ]
          : [];
      })
      .slice(-MAX_ATTEMPTS_KEPT);
  }
}

/**
 * The ledger, with every final outcome (not the `writing` mark) also appended to the attempt log.
 * The log is for people: a failed append is logged and never fails the sync that recorded the outcome.
 */
export function withAttemptLog<L extends Ledger>(
  ledger: L,
  log: AttemptLog,
  options: { now?: () => number; logger?: Logger } = {},
): L {
  const now = options.now ?? Date.now;
  return new Proxy(ledger, {
    get(target, property, receiver) {
      if (property !== 'recordOutcome') {
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      const recordOutcome: Ledger['recordOutcome'] = async (eventId, holder, outcome) => {
        await target.recordOutcome(eventId, holder, outcome);
        if (outcome.status === 'writing') return;
        await log
          .append(eventId, {
            at: new Date(now()).toISOString(),
            outcome: outcome.status,
            reason: outcome.reason,
            correlationId: outcome.correlationId,
            revelOrderId: outcome.revelOrderId,
            trigger: outcome.trigger,
          })
          .catch((e: unknown) =>
            options.logger?.warn('could not append to the attempt log', {
              event_id: eventId,
              error: describeError(e),
            }),
          );
      };
      return recordOutcome;
    },
  });
}
