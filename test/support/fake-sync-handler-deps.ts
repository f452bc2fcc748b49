import type { APIGatewayProxyEventV2, ScheduledEvent, SQSEvent, SQSRecord } from 'aws-lambda';
import type { SyncConfig } from '#functions/core/config/sync-config';
import type { SyncMessage } from '#functions/core/contract/queue-message';
import { MANUAL_SYNC_PATH } from '#functions/core/contract/routes';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { VendorError } from '#functions/core/domain/errors';
import { type InvoicePage, noMoney, type TripleSeatEvent } from '#functions/core/domain/model';
import type { FailureStreak } from '#functions/core/ports/failure-streak';
import type { Mailer, MailMessage } from '#functions/core/ports/mailer';
import type { RunEventEntry, RunLock, RunRecord, RunStore } from '#functions/core/ports/runs';
import type { FanOutQueue } from '#functions/core/ports/sync-queue';
import type { TripleSeatApi } from '#functions/core/ports/tripleseat-api';
import { createJsonLogger } from '#functions/platform/logger';
import { createMetrics } from '#functions/platform/metrics-emf';
import { testConfig, tsEvent } from './builders';
import { FakeRevel } from './fake-revel';
import { MemoryLedger } from './memory-ledger';
import { emfDocuments } from './metric-lines';

/** 18:00 on 2026-11-27 in Los Angeles: the day of `tsEvent()`. */
export const NOW = new Date('2026-11-28T02:00:00Z');
export const SYNC_API_TOKEN = 'manual-route-token-0123456789abcdef';
export const NOTIFICATIONS = { from: 'sync@example.com', to: ['ops@example.com'] };
export const METRICS_NAMESPACE = 'TripleSeatRevelSync/test';

/** TripleSeat over a Map; `failures` makes `getEvent` of an id throw, `searchFailure` the search. */
export class FakeTripleSeat implements TripleSeatApi {
  readonly events = new Map<string, TripleSeatEvent>();
  readonly failures = new Map<string, Error>();
  searchFailure: Error | undefined;
  calls = 0;
  constructor(...events: TripleSeatEvent[]) {
    for (const e of events) this.events.set(e.id, e);
  }
  async getEvent(id: string): Promise<TripleSeatEvent> {
    this.calls += 1;
    const failure = this.failures.get(id);
    if (failure) throw failure;
    const event = this.events.get(id);
    if (!event)
      throw new VendorError('tripleseat', 'TRIPLESEAT_NOT_FOUND', 404, false, `event ${id} not found`);
    return event;
  }
  async searchEvents(): Promise<TripleSeatEvent[]> {
    if (this.searchFailure) throw this.searchFailure;
    return [...this.events.values()];
  }
  async fetchInvoice(): Promise<InvoicePage> {
    return { items: [], money: noMoney() };
  }
}

export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  failure: Error | undefined;
  async send(message: MailMessage): Promise<void> {
    if (this.failure) throw this.failure;
    this.sent.push(message);
  }
}

/** Keeps the latest record per run and every write in order; the same rules as the DynamoDB ledger's. */
export class MemoryRunStore implements RunStore {
  readonly runs = new Map<string, RunRecord>();
  readonly writes: RunRecord[] = [];
  readonly results = new Map<string, Map<string, unknown>>();
  readonly finished = new Set<string>();
  readonly preflights = new Map<string, unknown>();
  async putRun(run: RunRecord): Promise<void> {
    this.writes.push(structuredClone(run));
    this.runs.set(run.runId, structuredClone(run));
  }
  async getRun(runId: string): Promise<RunRecord | undefined> {
    const run = this.runs.get(runId);
    if (!run) return undefined;
    const preflight = this.preflights.has(runId) ? { preflight: this.preflights.get(runId) } : {};
    const copy = { ...structuredClone(run), ...preflight };
    if (copy.state !== 'running' || copy.listed === undefined || copy.queued === undefined) return copy;
    return { ...copy, processed: copy.listed - copy.queued + (this.results.get(runId)?.size ?? 0) };
  }
  async recordRunResults(runId: string, results: readonly RunEventEntry[]): Promise<number> {
    if (!this.runs.has(runId) || this.finished.has(runId)) return this.results.get(runId)?.size ?? 0;
    const stored = this.results.get(runId) ?? new Map<string, unknown>();
    for (const result of results) if (!stored.has(result.id)) stored.set(result.id, structuredClone(result));
    this.results.set(runId, stored);
    return stored.size;
  }
  async runResults(runId: string): Promise<unknown[]> {
    return [...(this.results.get(runId)?.values() ?? [])].map((r) => structuredClone(r));
  }
  async finishRun(run: RunRecord): Promise<boolean> {
    if (this.finished.has(run.runId)) return false;
    this.finished.add(run.runId);
    this.results.delete(run.runId);
    await this.putRun(run);
    return true;
  }
  async attachPreflight(runId: string, report: unknown): Promise<void> {
    this.preflights.set(runId, structuredClone(report));
  }
}

export class MemoryRunLock implements RunLock {
  readonly holders = new Map<string, string>();
  async acquireNamedLease(name: string, holder: string): Promise<boolean> {
    const current = this.holders.get(name);
    if (current !== undefined && current !== holder) return false;
    this.holders.set(name, holder);
    return true;
  }
  async releaseNamedLease(name: string, holder: string): Promise<void> {
    if (this.holders.get(name) === holder) this.holders.delete(name);
  }
}

/**
 * Keeps what is sent; `refuse` entries of sendMany are refused (as SendMessageBatch's `Failed`);
 * takeAll() hands the messages not yet taken to a test that plays the queue's consumer.
 */
export class MemorySyncQueue implements FanOutQueue {
  readonly sent: SyncMessage[] = [];
  readonly delays: number[] = [];
  failure: Error | undefined;
  /** sendMany gives these event ids back as not sent. */
  refuse = new Set<string>();
  #taken = 0;
  async send(message: SyncMessage, options: { delaySeconds?: number } = {}): Promise<void> {
    if (this.failure) throw this.failure;
    this.sent.push(structuredClone(message));
    this.delays.push(options.delaySeconds ?? 0);
  }
  async sendMany(messages: readonly SyncMessage[]): Promise<SyncMessage[]> {
    if (this.failure) throw this.failure;
    const refused = messages.filter((m) => 'eventId' in m && this.refuse.has(m.eventId));
    for (const m of messages) if (!refused.includes(m)) await this.send(m);
    return refused;
  }
  /** Receipt handles shown again early, with the seconds asked for. */
  readonly shownAgain: { receiptHandle: string; seconds: number }[] = [];
  async showAgainAfter(receiptHandles: readonly string[], seconds: number): Promise<string[]> {
    if (this.failure) return [...receiptHandles];
    for (const receiptHandle of receiptHandles) this.shownAgain.push({ receiptHandle, seconds });
    return [];
  }
  takeAll(): SyncMessage[] {
    const taken = this.sent.slice(this.#taken);
    this.#taken = this.sent.length;
    return taken;
  }
}

/** One counter for every sync of a test, as the ledger's item is one for every Lambda; `failure` makes it throw. */
export class MemoryFailureStreak implements FailureStreak {
  streak = 0;
  failure: Error | undefined;
  async recordInjectionOutcome(failed: boolean): Promise<number> {
    if (this.failure) throw this.failure;
    this.streak = failed ? this.streak + 1 : 0;
    return this.streak;
  }
}

/** A clock a test moves by hand, starting at NOW. */
export function manualClock(start: Date = NOW) {
  let ms = start.getTime();
  return {
    now: () => new Date(ms),
    advance: (by: number): void => {
      ms += by;
    },
  };
}

export type ManualClock = ReturnType<typeof manualClock>;

/** Each new Revel order moves `clock` on by `ms`, as a new order costs ~2 s at the default 5 req/s. */
export function ordersTake(ms: number, revel: FakeRevel, clock: ManualClock): void {
  const create = revel.createOrder.bind(revel);
  revel.createOrder = async (plan) => {
    clock.advance(ms);
    return create(plan);
  };
}

export interface FakeSyncHandlerOptions {
  events?: TripleSeatEvent[];
  config?: SyncConfig;
  clock?: { now(): Date };
}

/**
 * SyncHandlerDeps over fakes: real engine, in-memory vendors/ledger/runs/queue/mail/failure streak,
 * captured log lines and EMF metric lines.
 */
export function fakeSyncHandlerDeps(options: FakeSyncHandlerOptions = {}) {
  const clock = options.clock ?? { now: () => NOW };
  const tripleseat = new FakeTripleSeat(...(options.events ?? [tsEvent()]));
  const revel = new FakeRevel({
    4: [
      { id: 579, name: 'Maple Bar', priceCents: 250, active: true },
      { id: 580, name: 'Glazed Donut', priceCents: 150, active: true },
    ],
  });
  const ledger = new MemoryLedger(() => clock.now().getTime());
  const mailer = new MemoryMailer();
  const runs = new MemoryRunStore();
  const runLock = new MemoryRunLock();
  const queue = new MemorySyncQueue();
  const failureStreak = new MemoryFailureStreak();
  const logLines: string[] = [];
  const metricLines: string[] = [];
  const config = options.config ?? testConfig({ notifications: NOTIFICATIONS });
  const logger = createJsonLogger({ level: 'debug', write: (line) => logLines.push(line), now: clock.now });
  const deps: SyncHandlerDeps = {
    config,
    engine: { config, tripleseat, revel, ledger, clock, logger, totalsNotKeptOnCreate: new Set<number>() },
    runs,
    runLock,
    queue,
    mailer: config.notifications ? mailer : undefined,
    syncApiToken: async () => SYNC_API_TOKEN,
    metrics: createMetrics({
      namespace: METRICS_NAMESPACE,
      service: 'sync',
      write: (line) => metricLines.push(line),
      now: () => clock.now().getTime(),
    }),
    failureStreak,
  };
  const logs = () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const metrics = () => emfDocuments(metricLines);
  return {
    deps,
    tripleseat,
    revel,
    ledger,
    mailer,
    runs,
    runLock,
    queue,
    failureStreak,
    logLines,
    logs,
    metricLines,
    metrics,
  };
}

export function sqsRecord(
  body: unknown,
  options: { messageId?: string; receiveCount?: number } = {},
): SQSRecord {
  return {
    messageId: options.messageId ?? 'msg-1',
    receiptHandle: `receipt-${options.messageId ?? 'msg-1'}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: String(NOW.getTime()),
      SenderId: 'AROAEXAMPLE',
      ApproximateFirstReceiveTimestamp: String(NOW.getTime()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-west-2:123456789012:sync-queue',
    awsRegion: 'us-west-2',
  };
}

export const sqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

export function eventMessage(eventId: string, extra: Partial<SyncMessage> = {}): SyncMessage {
  return {
    kind: 'event',
    eventId,
    trigger: 'UPDATE_EVENT',
    receivedAt: NOW.toISOString(),
    correlationId: `corr-${eventId}`,
    ...extra,
  } as SyncMessage;
}

export function scheduledEvent(): ScheduledEvent {
  return {
    version: '0',
    id: 'evt-1',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: NOW.toISOString(),
    region: 'us-west-2',
    resources: ['arn:aws:events:us-west-2:123456789012:rule/sync-schedule'],
    detail: {},
  };
}

export interface HttpRequest {
  method?: string;
  path?: string;
  query?: string;
  body?: string;
  headers?: Record<string, string>;
  isBase64Encoded?: boolean;
  /** Sends `Authorization: Bearer <token>` unless null. */
  token?: string | null;
}

export function httpEvent(request: HttpRequest = {}): APIGatewayProxyEventV2 {
  const method = request.method ?? 'GET';
  const path = request.path ?? MANUAL_SYNC_PATH;
  const token = request.token === undefined ? SYNC_API_TOKEN : request.token;
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: request.query ?? '',
    headers: {
      ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
      ...request.headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: NOW.toISOString(),
      timeEpoch: NOW.getTime(),
    },
    body: request.body,
    isBase64Encoded: request.isBase64Encoded ?? false,
  };
}

export const jsonBody = (result: { body?: string | undefined }): Record<string, unknown> =>
  JSON.parse(result.body ?? 'null') as Record<string, unknown>;
