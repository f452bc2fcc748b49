import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SyncConfig } from '#functions/core/config/sync-config';
import type { Logger } from '#functions/core/ports/logger';
import {
  delay,
  LocalRateLimiter,
  RATE_WINDOW_MARGIN_MS,
  type RateLimiter,
  startIntervalMs,
} from '#functions/outbound-http/rate-limiter';
import { rateLimitKey } from './ledger-keys';

/**
 * Sync instances that may call a vendor at once: two queue pollers (the event source's
 * maxConcurrency in lib/stack.ts), the scheduled run and a manual run. While the table does not
 * answer, each instance paces itself at this share of the limit, so together they still keep it.
 */
export const SYNC_INSTANCES_SHARING_A_LIMIT = 4;

export interface SharedRateLimiterOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Whose pace: one item per vendor (`RATE#<vendor>`). */
  vendor: string;
  perSecond: number;
  /** Paces this instance alone while the table is slow or unreachable: its share of the limit. */
  fallback: RateLimiter;
  logger?: Logger | undefined;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** A claim slower than this counts as failed (default 1 s; in-region UpdateItem answers in ~10 ms). */
  claimTimeoutMs?: number;
  /** After a failed claim, the fallback paces this instance this long before the table is asked again. */
  fallbackForMs?: number;
}

/** Claims in a row that may be lost to another instance or to a late wake-up before falling back. */
const MAX_CLAIMS = 3;

/**
 * How late after its slot a request may still start. Spent from the rolling-second margin
 * (`RATE_WINDOW_MARGIN_MS`): N slots span 1000 + 50 ms, so starts up to 25 ms late still leave
 * 25 ms for the network before a vendor could count N + 1 in a second.
 */
const MAX_LATE_START_MS = RATE_WINDOW_MARGIN_MS / 2;

/**
 * One request pace for the whole deployment, kept in the ledger table: start slots at least
 * `ceil(startIntervalMs(perSecond))` ms apart (the local limiter's spacing, whole ms), handed out by
 * one conditional UpdateItem per request, so every sync instance (queue pollers, schedule, manual
 * route, local runtime) shares the configured limit. The item holds the latest slot handed out; a
 * claim takes the next one, or now when the vendor has been idle for a slot. Design and arithmetic:
 * docs/decisions/0009-vendor-rate-limits-across-instances.md.
 */
export class SharedRateLimiter implements RateLimiter {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #key: string;
  readonly #vendor: string;
  readonly #intervalMs: number;
  readonly #fallback: RateLimiter;
  readonly #logger: Logger | undefined;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #claimTimeoutMs: number;
  readonly #fallbackForMs: number;
  #fallbackUntil = 0;
  /** The last slot this instance saw: says which of the two claims to try first. */
  #lastSlotAt = 0;
  /** A pause being written: this instance's next claim waits for it. */
  #pausing: Promise<void> = Promise.resolve();

  constructor(options: SharedRateLimiterOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#vendor = options.vendor;
    this.#key = rateLimitKey(options.vendor);
    this.#intervalMs = Math.ceil(startIntervalMs(options.perSecond));
    this.#fallback = options.fallback;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? delay;
    this.#claimTimeoutMs = options.claimTimeoutMs ?? 1_000;
    this.#fallbackForMs = options.fallbackForMs ?? 30_000;
  }

  async acquire(): Promise<void> {
    await this.#pausing;
    for (let attempt = 0; attempt < MAX_CLAIMS; attempt++) {
      if (this.#now() < this.#fallbackUntil) return this.#fallback.acquire();
      let slotAt: number;
      try {
        slotAt = await this.#claim();
      } catch (e: unknown) {
        this.#degrade(e);
        return this.#fallback.acquire();
      }
      const wait = slotAt - this.#now();
      if (wait > 0) await this.#sleep(wait);
      // Started late (a slow claim, a busy event loop), this request would crowd the next slot,
      // which another instance may hold, and eat the rolling second's margin: claim a later one.
      if (this.#now() - slotAt <= MAX_LATE_START_MS) return;
    }
    return this.#fallback.acquire();
  }

  /** No instance starts before `now + ms` (a 429's Retry-After): one best-effort write. */
  pauseFor(ms: number): void {
    this.#fallback.pauseFor(ms);
    const lastSlotBefore = Math.ceil(this.#now() + ms) - this.#intervalMs;
    this.#pausing = this.#update(
      'SET #slotAt = :slotAt',
      'attribute_not_exists(#slotAt) OR #slotAt < :slotAt',
      { ':slotAt': lastSlotBefore },
    ).then(
      () => undefined,
      // Already later (ConditionalCheckFailed), or the table is down and the fallback paces us.
      () => undefined,
    );
  }

  /** The next free slot (epoch ms): one conditional write, two when the guess of busy/idle was wrong. */
  async #claim(): Promise<number> {
    const earliest = Math.ceil(this.#now());
    const values = { ':interval': this.#intervalMs, ':idleBefore': earliest - this.#intervalMs };
    // Busy: the next slot after the latest one is not in the past.
    const next = () => this.#update('SET #slotAt = #slotAt + :interval', '#slotAt >= :idleBefore', values);
    // Idle (or first use): start now, a slot after the latest one at the earliest.
    const fresh = () =>
      this.#update('SET #slotAt = :earliest', 'attribute_not_exists(#slotAt) OR #slotAt < :idleBefore', {
        ':earliest': earliest,
        ':idleBefore': values[':idleBefore'],
      });
    const order = this.#lastSlotAt >= values[':idleBefore'] ? [next, fresh] : [fresh, next];
    for (const attempt of [...order, ...order]) {
      try {
        const slotAt = await attempt();
        this.#lastSlotAt = slotAt;
        return slotAt;
      } catch (e: unknown) {
        // The other instances moved the slot between our read of the clock and the write.
        if (!(e instanceof ConditionalCheckFailedException)) throw e;
      }
    }
    throw new Error(`no ${this.#vendor} slot after ${order.length * 2} conditional writes`);
  }

  async #update(expression: string, condition: string, values: Record<string, number>): Promise<number> {
    const { Attributes } = await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { pk: this.#key },
        UpdateExpression: expression,
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#slotAt': 'slotAt' },
        ExpressionAttributeValues: values,
        ReturnValues: 'UPDATED_NEW',
      }),
      { abortSignal: AbortSignal.timeout(this.#claimTimeoutMs) },
    );
    const slotAt = Attributes?.slotAt;
    if (typeof slotAt !== 'number') throw new Error(`${this.#key} answered without a numeric slotAt`);
    return slotAt;
  }

  #degrade(e: unknown): void {
    this.#fallbackUntil = this.#now() + this.#fallbackForMs;
    this.#logger?.warn('shared rate limit unavailable: this instance paces itself at its share', {
      vendor: this.#vendor,
      fallback_ms: this.#fallbackForMs,
      error: e instanceof Error ? e.message : String(e),
    });
  }
}

export interface SharedRateLimitersOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  logger?: Logger | undefined;
}

/** Both vendors' shared limiters at the configured rates, each falling back to its instance's share. */
export function createSharedRateLimiters(
  rateLimits: SyncConfig['rateLimits'],
  options: SharedRateLimitersOptions,
): { tripleseat: RateLimiter; revel: RateLimiter } {
  const shared = (vendor: string, perSecond: number) =>
    new SharedRateLimiter({
      ...options,
      vendor,
      perSecond,
      fallback: new LocalRateLimiter(perSecond / SYNC_INSTANCES_SHARING_A_LIMIT),
    });
  return {
    tripleseat: shared('tripleseat', rateLimits.tripleseatPerSecond),
    revel: shared('revel', rateLimits.revelPerSecond),
  };
}
