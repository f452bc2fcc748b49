import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { InputError, LeaseLostError } from '#functions/core/domain/errors';
import type { FailureStreak } from '#functions/core/ports/failure-streak';
import type { Ledger, LedgerRecord, OutcomeUpdate, SagaProgress } from '#functions/core/ports/ledger';
import type { RunEventEntry, RunLock, RunRecord, RunStore } from '#functions/core/ports/runs';
import { LedgerItemInvalidError, parseJsonAttribute, parseLedgerItem } from './ledger-item';
import {
  counterKey,
  EVENT_RECORD_TTL_DAYS,
  eventKey,
  NAMED_LEASE_TTL_DAYS,
  namedLeaseKey,
  RUN_RECORD_TTL_DAYS,
  runKey,
  ttlEpochSeconds,
} from './ledger-keys';
import { parseRunRecord } from './run-store-dynamodb';
import { UpdateBuilder } from './update-expression';

export interface DynamoDbLedgerOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Epoch milliseconds; injected by tests to expire leases without waiting. */
  now?: () => number;
}

/** Free, expired, or already ours: the one condition under which a lease may be taken. */
const LEASE_FREE =
  'attribute_not_exists(#pk) OR attribute_not_exists(#leaseHolder) OR #leaseExpiresAt < :now OR #leaseHolder = :holder';
const LEASE_HELD = '#leaseHolder = :holder AND #leaseExpiresAt >= :now';

const outcomeFields = [
  'revelOrderId',
  'reason',
  'error',
  'correlationId',
  'eventUpdatedAt',
  'fingerprint',
  'foreignOrder',
  'testEstablishmentId',
] as const;

const FAILURE_STREAK = counterKey('consecutive-failed-injections');

const runSummarySchema = z.record(z.string(), z.unknown());
/** Results added in one UpdateItem: ~60 characters of expression each, under DynamoDB's 4 KB. */
const RESULTS_PER_WRITE = 40;

/**
 * A running run's item holds a line per queued event beside planning's lines (the core keeps those
 * within its budget, core/bulk/run-record-results.ts). Past RUN_ITEM_FULL_BYTES a line is kept as a
 * short entry (id, status, reason, order) in a string set, its event id in another, so each event
 * still counts once; past RUN_ITEM_SHORT_BYTES (or when DynamoDB refuses the size) it is not kept, and
 * the run finishes at its time limit with that event "still queued" — its outcome is in the ledger.
 */
const RUN_ITEM_FULL_BYTES = 300_000;
const RUN_ITEM_SHORT_BYTES = 390_000;
const OVERFLOW_RESULTS = 'overflowResults';
const OVERFLOW_IDS = 'overflowIds';

function setSize(value: unknown): number {
  return value instanceof Set ? value.size : 0;
}

function resultCount(item: Record<string, unknown>): number {
  const results = item.results;
  const inMap = results !== null && typeof results === 'object' ? Object.keys(results).length : 0;
  return inMap + setSize(item[OVERFLOW_IDS]);
}

/** Roughly what DynamoDB counts against the 400 KB: names and values, strings by their length. */
function approxBytes(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number' || typeof value === 'boolean') return 8;
  if (value instanceof Set) return [...value].reduce((n: number, v) => n + approxBytes(v), 0);
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + approxBytes(v) + 1, 0);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).reduce((n, [k, v]) => n + k.length + approxBytes(v), 0);
  return 1;
}

/** DynamoDB's answer to a write that would take an item past 400 KB. */
function isItemTooLarge(e: unknown): boolean {
  return (
    e instanceof Error &&
    e.name === 'ValidationException' &&
    /item size (to update )?has exceeded the maximum allowed size/i.test(e.message)
  );
}

/** The short entry an overflowing result is kept as: what the counts and the run page need. */
function shortEntry(result: RunEventEntry): string {
  const { id, status } = result;
  const field = (name: string) => {
    const value = (result as unknown as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : null;
  };
  return JSON.stringify({ id, status, reason: field('reason'), revel_order_id: field('revel_order_id') });
}

/**
 * The Ledger, RunLock, RunStore and FailureStreak ports over one DynamoDB table (design
 * in ledger-keys.ts). Every lease and record write is one conditional write, so each is atomic and
 * also safe to repeat: an SDK retry of a write that did land finds the lease still ours and succeeds
 * again. The failure streak is the one counter (see recordInjectionOutcome).
 */
export class DynamoDbLedger implements Ledger, RunLock, RunStore, FailureStreak {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #now: () => number;

  constructor(options: DynamoDbLedgerOptions) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#now = options.now ?? Date.now;
  }

  async acquireLease(eventId: string, holder: string, ttlMs: number): Promise<LedgerRecord | undefined> {
    const now = this.#now();
    const item = await this.#takeLease(eventKey(eventId), holder, ttlMs, now, (u) => {
      // Status stays untouched: a new item reads as 'new' until the first outcome.
      u.set('createdAt', `if_not_exists(#createdAt, ${u.value('nowIso', new Date(now).toISOString())})`);
      u.set('updatedAt', 'if_not_exists(#updatedAt, :nowIso)');
      u.set(
        'expiresAt',
        `if_not_exists(#expiresAt, ${u.value('ttl', ttlEpochSeconds(now, EVENT_RECORD_TTL_DAYS))})`,
      );
    });
    return item && parseLedgerItem(eventId, item);
  }

  async saveProgress(eventId: string, holder: string, progress: SagaProgress): Promise<void> {
    await this.#writeHeld(eventId, holder, (u) => {
      const {
        orderId,
        itemsWritten,
        totalsDone,
        paymentDone,
        historyDone,
        planHash,
        establishmentId,
        pending,
        feesWritten,
        paymentsWritten,
        closeDone,
      } = progress;
      // The document client refuses undefined values, so unknown fields are left out of the map.
      // Replacing the whole map also drops the per-line lists of the earlier format (ledger-item.ts).
      const stored = {
        ...(orderId === undefined ? {} : { orderId }),
        ...(planHash === undefined ? {} : { planHash }),
        ...(establishmentId === undefined ? {} : { establishmentId }),
        ...(pending === undefined ? {} : { pending: { ...pending } }),
        ...(feesWritten === undefined ? {} : { feesWritten }),
        ...(paymentsWritten === undefined ? {} : { paymentsWritten }),
        ...(closeDone === undefined ? {} : { closeDone }),
        itemsWritten,
      };
      u.setValue('progress', { ...stored, totalsDone, paymentDone, historyDone });
    });
  }

  async recordOutcome(eventId: string, holder: string, outcome: OutcomeUpdate): Promise<void> {
    await this.#writeHeld(eventId, holder, (u) => {
      u.setValue('status', outcome.status);
      for (const field of outcomeFields) {
        if (!Object.hasOwn(outcome, field)) continue;
        const value = outcome[field];
        if (value === undefined) u.remove(field);
        else u.setValue(field, value);
      }
    });
  }

  async releaseLease(eventId: string, holder: string): Promise<void> {
    const u = new UpdateBuilder();
    u.remove('leaseHolder').remove('leaseExpiresAt').remove('leaseTtlMs');
    u.value('holder', holder);
    await this.#ignoreConditionFailure(this.#update(eventKey(eventId), u, '#leaseHolder = :holder'));
  }

  async get(eventId: string): Promise<LedgerRecord | undefined> {
    const item = await this.#getItem(eventKey(eventId));
    return item && parseLedgerItem(eventId, item);
  }

  /** Takes the named lease (e.g. "scheduled-sync") when free, expired or already ours; true if taken. */
  async acquireNamedLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = this.#now();
    const item = await this.#takeLease(namedLeaseKey(name), holder, ttlMs, now, (u) => {
      u.setValue('expiresAt', ttlEpochSeconds(now + ttlMs, NAMED_LEASE_TTL_DAYS));
    });
    return item !== undefined;
  }

  /** Releases the named lease if `holder` still has it (no-op otherwise). */
  async releaseNamedLease(name: string, holder: string): Promise<void> {
    const release = this.#client.send(
      new DeleteCommand({
        TableName: this.#tableName,
        Key: { pk: namedLeaseKey(name) },
        ConditionExpression: '#leaseHolder = :holder',
        ExpressionAttributeNames: { '#leaseHolder': 'leaseHolder' },
        ExpressionAttributeValues: { ':holder': holder },
      }),
    );
    await this.#ignoreConditionFailure(release);
  }

  /**
   * Stores (or replaces) a bulk run's own fields as JSON; kept for 30 days. The events' results of a
   * fanned-out run live beside it in the `results` map (recordRunResults), one entry per event.
   */
  async putRunRecord(runId: string, data: Record<string, unknown>): Promise<void> {
    const now = this.#now();
    const u = new UpdateBuilder();
    u.setValue('summary', JSON.stringify(data));
    u.setValue('updatedAt', new Date(now).toISOString());
    u.set('createdAt', 'if_not_exists(#createdAt, :updatedAt)');
    u.set('results', `if_not_exists(#results, ${u.value('emptyMap', {})})`);
    u.setValue('expiresAt', ttlEpochSeconds(now, RUN_RECORD_TTL_DAYS));
    await this.#update(runKey(runId), u);
  }

  async getRunRecord(runId: string): Promise<Record<string, unknown> | undefined> {
    const key = runKey(runId);
    const item = await this.#getItem(key);
    if (item === undefined) return undefined;
    return parseJsonAttribute(item, key, 'summary', runSummarySchema, 'not a JSON object');
  }

  /** Stores a bulk run's progress or own fields, replacing them (RunStore port). */
  async putRun(run: RunRecord): Promise<void> {
    await this.putRunRecord(run.runId, { ...run });
  }

  /** The run as last stored, validated; undefined for a run never recorded. */
  async getRun(runId: string): Promise<RunRecord | undefined> {
    const key = runKey(runId);
    const item = await this.#getItem(key);
    if (item === undefined) return undefined;
    return this.#runFromItem(runId, item);
  }

  #runFromItem(runId: string, item: Record<string, unknown>): RunRecord {
    const key = runKey(runId);
    const run = parseRunRecord(
      runId,
      parseJsonAttribute(item, key, 'summary', runSummarySchema, 'not a JSON object'),
    );
    const preflight = typeof item.preflight === 'string' ? { preflight: JSON.parse(item.preflight) } : {};
    if (run.state !== 'running' || run.listed === undefined || run.queued === undefined)
      return { ...run, ...preflight };
    return { ...run, ...preflight, processed: run.listed - run.queued + resultCount(item) };
  }

  /**
   * One UpdateItem per chunk: each result is added only where its event has none yet (a redelivered
   * message counts once); if one already has, the others are added one by one. Near the item's limit,
   * short entries instead (RUN_ITEM_FULL_BYTES). Each write answers with the item as it now is, which
   * sizes the next and gives the count: one read before, none after.
   */
  async recordRunResults(runId: string, results: readonly RunEventEntry[]): Promise<number> {
    const key = runKey(runId);
    const stored = await this.#getItem(key);
    if (stored === undefined) return 0;
    let item: Record<string, unknown> = stored;
    // Once short entries began, every later result is one: an event is never both a line and an entry.
    const overflowing = item[OVERFLOW_IDS] !== undefined;
    const fits = (more: readonly RunEventEntry[], now: Record<string, unknown>) =>
      !overflowing &&
      approxBytes(now) + more.reduce((n, r) => n + JSON.stringify(r).length + r.id.length, 0) <=
        RUN_ITEM_FULL_BYTES;
    for (let i = 0; i < results.length; i += RESULTS_PER_WRITE) {
      const chunk = results.slice(i, i + RESULTS_PER_WRITE);
      const whole = fits(chunk, item) ? await this.#addFullLines(key, chunk) : undefined;
      if (whole !== undefined) {
        item = whole;
        continue;
      }
      for (const one of chunk) {
        const line = fits([one], item) ? await this.#addFullLines(key, [one]) : undefined;
        item = line ?? (await this.#addShortEntry(key, one, item)) ?? item;
      }
    }
    return resultCount(item);
  }

  /** The item once the whole chunk went in as lines; undefined when one of its events has a result, or no room. */
  async #addFullLines(
    key: string,
    chunk: readonly RunEventEntry[],
  ): Promise<Record<string, unknown> | undefined> {
    try {
      return await this.#addToMap(key, chunk);
    } catch (e: unknown) {
      if (isItemTooLarge(e)) return undefined;
      throw e;
    }
  }

  /** The item once a short entry went in, while it has room for one; undefined: not kept (or already there). */
  async #addShortEntry(
    key: string,
    result: RunEventEntry,
    item: Record<string, unknown>,
  ): Promise<Record<string, unknown> | undefined> {
    const entry = shortEntry(result);
    if (approxBytes(item) + entry.length + result.id.length > RUN_ITEM_SHORT_BYTES) return undefined;
    try {
      return await this.#addOverflow(key, result, entry);
    } catch (e: unknown) {
      if (isItemTooLarge(e)) return undefined;
      throw e;
    }
  }

  async #addOverflow(
    key: string,
    result: RunEventEntry,
    entry: string,
  ): Promise<Record<string, unknown> | undefined> {
    const u = new UpdateBuilder();
    u.names['#e0'] = result.id;
    u.name('pk');
    u.name('finishedAt');
    const results = u.name('results');
    u.add(OVERFLOW_RESULTS, new Set([entry]));
    u.add(OVERFLOW_IDS, new Set([result.id]));
    const ids = `#${OVERFLOW_IDS}`;
    const condition = [
      'attribute_exists(#pk)',
      'attribute_not_exists(#finishedAt)',
      `attribute_not_exists(${results}.#e0)`,
      `(attribute_not_exists(${ids}) OR NOT contains(${ids}, ${u.value('id', result.id)}))`,
    ].join(' AND ');
    return this.#conditionalUpdate(key, u, condition);
  }

  async #addToMap(
    key: string,
    chunk: readonly RunEventEntry[],
  ): Promise<Record<string, unknown> | undefined> {
    const u = new UpdateBuilder();
    const results = u.name('results');
    const conditions = [
      'attribute_exists(#pk)',
      'attribute_not_exists(#finishedAt)',
      `attribute_not_exists(${u.name(OVERFLOW_IDS)})`,
    ];
    u.name('pk');
    u.name('finishedAt');
    chunk.forEach((result, i) => {
      const path = `${results}.#e${i}`;
      u.names[`#e${i}`] = result.id;
      u.sets.push(`${path} = ${u.value(`r${i}`, JSON.stringify(result))}`);
      conditions.push(`attribute_not_exists(${path})`);
    });
    u.setValue('updatedAt', new Date(this.#now()).toISOString());
    return this.#conditionalUpdate(key, u, conditions.join(' AND '));
  }

  /** The item as written (ALL_NEW), or undefined when the condition did not hold. */
  async #conditionalUpdate(
    key: string,
    u: UpdateBuilder,
    condition: string,
  ): Promise<Record<string, unknown> | undefined> {
    try {
      return (await this.#update(key, u, condition)) ?? {};
    } catch (e: unknown) {
      if (e instanceof ConditionalCheckFailedException) return undefined;
      throw e;
    }
  }

  async runResults(runId: string): Promise<unknown[]> {
    const item = await this.#getItem(runKey(runId));
    const results = item?.results;
    const inMap =
      results === undefined || results === null || typeof results !== 'object'
        ? []
        : Object.values(results as Record<string, unknown>).map((text) =>
            typeof text === 'string' ? (JSON.parse(text) as unknown) : text,
          );
    const overflow = item?.[OVERFLOW_RESULTS];
    const short =
      overflow instanceof Set ? [...overflow].map((text) => JSON.parse(String(text)) as unknown) : [];
    return [...inMap, ...short];
  }

  /** The first finisher wins (attribute_not_exists(finishedAt)); its summary replaces the results map. */
  async finishRun(run: RunRecord): Promise<boolean> {
    const now = this.#now();
    const u = new UpdateBuilder();
    u.setValue('summary', JSON.stringify(run));
    u.setValue('updatedAt', new Date(now).toISOString());
    u.setValue('finishedAt', new Date(now).toISOString());
    u.remove('results');
    u.remove(OVERFLOW_RESULTS);
    u.remove(OVERFLOW_IDS);
    try {
      await this.#update(runKey(run.runId), u, 'attribute_not_exists(#finishedAt)');
      return true;
    } catch (e: unknown) {
      if (e instanceof ConditionalCheckFailedException) return false;
      throw e;
    }
  }

  /** The scheduled run's preflight report, in its own attribute so it never races the run's finish. */
  async attachPreflight(runId: string, report: unknown): Promise<void> {
    const u = new UpdateBuilder();
    u.setValue('preflight', JSON.stringify(report));
    u.name('pk');
    await this.#update(runKey(runId), u, 'attribute_exists(#pk)');
  }

  /**
   * One atomic UpdateItem, so concurrent syncs never lose a count to a read-then-write race. Unlike
   * the other writes it is not idempotent: an SDK retry of a failure that did land counts it twice,
   * which only brings an alarm about a failing integration one failure sooner.
   */
  async recordInjectionOutcome(failed: boolean): Promise<number> {
    const { Attributes } = await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { pk: FAILURE_STREAK },
        UpdateExpression: failed ? 'ADD #streak :one' : 'SET #streak = :zero',
        ExpressionAttributeNames: { '#streak': 'streak' },
        ExpressionAttributeValues: failed ? { ':one': 1 } : { ':zero': 0 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const streak = Attributes?.streak;
    if (typeof streak !== 'number') {
      throw new LedgerItemInvalidError(FAILURE_STREAK, 'streak', `not a number (stored: ${String(streak)})`);
    }
    return streak;
  }

  async #takeLease(
    pk: string,
    holder: string,
    ttlMs: number,
    now: number,
    extra: (u: UpdateBuilder) => void,
  ): Promise<Record<string, unknown> | undefined> {
    if (!Number.isInteger(ttlMs) || ttlMs <= 0) {
      throw new InputError('ttlMs', `lease ttl must be a positive whole number of ms, got ${ttlMs}`);
    }
    const u = new UpdateBuilder();
    u.value('now', now);
    u.name('pk');
    u.setValue('leaseHolder', holder);
    u.setValue('leaseExpiresAt', now + ttlMs);
    u.setValue('leaseTtlMs', ttlMs);
    u.value('holder', holder);
    extra(u);
    try {
      return await this.#update(pk, u, LEASE_FREE);
    } catch (e: unknown) {
      if (e instanceof ConditionalCheckFailedException) return undefined;
      throw e;
    }
  }

  /** A write allowed only while `holder` has a live lease; it renews the lease by its original ttl. */
  async #writeHeld(eventId: string, holder: string, change: (u: UpdateBuilder) => void): Promise<void> {
    const now = this.#now();
    const u = new UpdateBuilder();
    u.name('leaseHolder');
    u.value('holder', holder);
    u.set('leaseExpiresAt', `${u.value('now', now)} + ${u.name('leaseTtlMs')}`);
    u.setValue('updatedAt', new Date(now).toISOString());
    u.setValue('expiresAt', ttlEpochSeconds(now, EVENT_RECORD_TTL_DAYS));
    change(u);
    try {
      await this.#update(eventKey(eventId), u, LEASE_HELD);
    } catch (e: unknown) {
      if (e instanceof ConditionalCheckFailedException) throw new LeaseLostError(eventId);
      throw e;
    }
  }

  async #update(
    pk: string,
    u: UpdateBuilder,
    condition?: string,
  ): Promise<Record<string, unknown> | undefined> {
    const { Attributes } = await this.#client.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { pk },
        UpdateExpression: u.expression(),
        ConditionExpression: condition,
        ExpressionAttributeNames: u.names,
        ExpressionAttributeValues: Object.keys(u.values).length > 0 ? u.values : undefined,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes;
  }

  async #getItem(pk: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: { pk }, ConsistentRead: true }),
    );
    return Item;
  }

  async #ignoreConditionFailure(write: Promise<unknown>): Promise<void> {
    try {
      await write;
    } catch (e: unknown) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    }
  }
}
