import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '../../dev/local-system';

export type LogLine = Record<string, unknown> & { message?: string; correlation_id?: string };

export interface TestRuntime {
  runtime: LocalRuntime;
  /** Every JSON log line written so far, from the handlers and the runtime alike. */
  logs(): LogLine[];
  /** The `.eml` files in the outbox, as text. */
  mails(): string[];
  stop(): Promise<void>;
}

/**
 * The whole local runtime in-process, as `npm start` runs it, on free ports with a private outbox,
 * no timer and a short queue long-poll (so it stops fast). The handlers log to stderr like a Lambda;
 * their JSON lines are captured here instead of printed, other output passes through.
 */
export async function startTestRuntime(options: LocalRuntimeOptions = {}): Promise<TestRuntime> {
  const dir = mkdtempSync(join(tmpdir(), 'local-runtime-'));
  const outboxDir = join(dir, 'outbox');
  const captured: LogLine[] = [];
  const restoreStderr = captureJsonLines(captured);
  let runtime: LocalRuntime;
  try {
    runtime = await startLocalRuntime({
      env: {},
      port: 0,
      scheduleIntervalMinutes: 0,
      pollerWaitSeconds: 1,
      localDir: dir,
      outboxDir,
      log: (line) => collect(captured, line),
      ...options,
    });
  } catch (e: unknown) {
    restoreStderr();
    throw e;
  }
  return {
    runtime,
    logs: () => [...captured],
    mails: () =>
      readdirSync(outboxDir)
        .filter((name) => name.endsWith('.eml'))
        .sort()
        .map((name) => readFileSync(join(outboxDir, name), 'utf8')),
    stop: async () => {
      try {
        await runtime.stop();
      } finally {
        restoreStderr();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function collect(into: LogLine[], text: string): boolean {
  let any = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      into.push(JSON.parse(line) as LogLine);
      any = true;
    } catch {
      // Not a JSON log line after all: left to pass through.
    }
  }
  return any;
}

function captureJsonLines(into: LogLine[]): () => void {
  const original = process.stderr.write;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    if (collect(into, text)) return true;
    return (original as (...args: unknown[]) => boolean).call(process.stderr, chunk, ...rest);
  }) as typeof process.stderr.write;
  return () => {
    process.stderr.write = original;
  };
}

/** Visible, in flight and delayed: zero only once every message was deleted (or never sent). */
export async function messagesIn(runtime: LocalRuntime, queueUrl: string): Promise<number> {
  const { Attributes = {} } = await runtime.sqs.client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
  );
  return (
    [
      'ApproximateNumberOfMessages',
      'ApproximateNumberOfMessagesNotVisible',
      'ApproximateNumberOfMessagesDelayed',
    ] as const
  )
    .map((name) => Number(Attributes[name] ?? 0))
    .reduce((a, b) => a + b, 0);
}
