import { randomUUID } from 'node:crypto';
import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { toSqsEvent } from './sqs-event';

export type SqsBatchHandler = (event: SQSEvent, context: { awsRequestId: string }) => Promise<unknown>;

export interface SqsPollerOptions {
  client: SQSClient;
  queueUrl: string;
  handler: SqsBatchHandler;
  region?: string;
  /** 1..10, like an event source mapping's BatchSize for a standard queue. */
  batchSize?: number;
  /** Long-poll wait, 1..20 s; also how long stop() may wait for an idle receive to return. */
  waitTimeSeconds?: number;
  /** Batches handled at once, like an event source mapping's MaximumConcurrency (default 1). */
  concurrency?: number;
  /** Overrides the queue's VisibilityTimeout for received messages. */
  visibilityTimeoutSeconds?: number;
  /** Failed receives, deletes and handler errors; the poller keeps going. */
  onError?: (error: unknown) => void;
  /** Each handled batch: how many were deleted and how many left for redelivery. */
  onBatch?: (report: BatchReport) => void;
}

export interface BatchReport {
  received: number;
  deleted: number;
  failedMessageIds: string[];
}

export interface SqsPoller {
  /** Stops receiving and waits for the batch in flight, as Lambda finishes an invocation. */
  stop(): Promise<void>;
}

const RETRY_AFTER_ERROR_MS = 1_000;

/**
 * A local SQS event source mapping: receive, invoke, delete what succeeded (ReportBatchItemFailures).
 * Each loop handles one batch at a time; a long batch keeps its messages only for the visibility
 * timeout, as with Lambda, so set that above the longest expected batch.
 */
export function startSqsPoller(options: SqsPollerOptions): SqsPoller {
  const batchSize = clamp(options.batchSize ?? 10, 1, 10);
  const waitTimeSeconds = clamp(options.waitTimeSeconds ?? 20, 1, 20);
  const region = options.region ?? 'us-east-1';
  const onError = options.onError ?? (() => {});
  const abort = new AbortController();
  let running = true;

  async function pollOnce(): Promise<void> {
    const { Messages = [] } = await options.client.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: batchSize,
        WaitTimeSeconds: waitTimeSeconds,
        ...(options.visibilityTimeoutSeconds !== undefined
          ? { VisibilityTimeout: options.visibilityTimeoutSeconds }
          : {}),
        AttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: abort.signal },
    );
    if (Messages.length === 0) return;
    const event = toSqsEvent(Messages, { queueUrl: options.queueUrl, region });
    let failed: Set<string>;
    try {
      failed = failedMessageIds(await options.handler(event, { awsRequestId: randomUUID() }), Messages);
    } catch (e: unknown) {
      // Like Lambda: a thrown handler fails the whole batch, every message comes back after its timeout.
      onError(e);
      failed = new Set(Messages.map((m) => m.MessageId ?? ''));
    }
    const done = Messages.filter((m) => !failed.has(m.MessageId ?? ''));
    await deleteMessages(done);
    options.onBatch?.({ received: Messages.length, deleted: done.length, failedMessageIds: [...failed] });
  }

  async function deleteMessages(messages: readonly Message[]): Promise<void> {
    if (messages.length === 0) return;
    const { Failed = [] } = await options.client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
      }),
    );
    for (const failure of Failed)
      onError(new Error(`DeleteMessageBatch failed: ${failure.Code} ${failure.Message}`));
  }

  const loop = async () => {
    while (running) {
      try {
        await pollOnce();
      } catch (e: unknown) {
        if (!running) break;
        onError(e);
        await sleep(RETRY_AFTER_ERROR_MS, abort.signal);
      }
    }
  };
  const loops = Array.from({ length: Math.max(1, Math.trunc(options.concurrency ?? 1)) }, loop);

  return {
    stop: async () => {
      running = false;
      // Aborts an idle long poll only; a batch already received is finished and deleted first.
      abort.abort();
      await Promise.all(loops);
    },
  };
}

/**
 * Lambda's ReportBatchItemFailures contract: no answer or an empty list means all succeeded; an
 * identifier that is empty or not in the batch makes Lambda treat the whole batch as failed.
 */
export function failedMessageIds(result: unknown, messages: readonly Message[]): Set<string> {
  const all = new Set(messages.map((m) => m.MessageId ?? ''));
  if (typeof result !== 'object' || result === null || !('batchItemFailures' in result)) return new Set();
  const failures = (result as { batchItemFailures: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return new Set();
  if (!Array.isArray(failures)) return all;
  const ids = new Set<string>();
  for (const failure of failures) {
    const id: unknown = failure?.itemIdentifier;
    if (typeof id !== 'string' || !all.has(id)) return all;
    ids.add(id);
  }
  return ids;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
