// The parent's side of bench/sync-child.mjs: the sync bundle in a fresh `node` (no tsx loader), with the
// env the Lambda would have locally; `invoke` is one Lambda invocation, answered by its own id.
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import * as z from 'zod';
import { projectRoot } from '../../lib/project-root';
import { childNode } from './child-node';

const answerSchema = z.union([
  z.object({ ready: z.literal(true), peakRssKb: z.number() }),
  z.object({ id: z.number(), result: z.unknown(), ms: z.number(), peakRssKb: z.number() }),
  z.object({ id: z.number(), error: z.string() }),
]);

export interface Invocation {
  result: unknown;
  seconds: number;
  peakRss: number;
}

export interface SyncChild {
  /** The child's RSS once the bundle is imported, in bytes. */
  ready(): Promise<number>;
  invoke(event: unknown, timeoutMs: number): Promise<Invocation>;
  stop(): void;
}

export function startSyncChild(bundlePath: string, env: Record<string, string>): SyncChild {
  const child: ChildProcess = fork(join(projectRoot, 'bench', 'sync-child.mjs'), [bundlePath], {
    env,
    execPath: childNode(),
    execArgv: [],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let readyKb: Promise<number> | undefined;
  let resolveReady: (kb: number) => void = () => {};
  readyKb = new Promise((resolve) => {
    resolveReady = resolve;
  });
  const pending = new Map<number, { resolve: (i: Invocation) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  child.on('message', (message) => {
    const answer = answerSchema.parse(message);
    if ('ready' in answer) return resolveReady(answer.peakRssKb);
    const waiter = pending.get(answer.id);
    pending.delete(answer.id);
    if (!waiter) return;
    if ('error' in answer) waiter.reject(new Error(`sync invocation failed: ${answer.error}\n${stderr}`));
    else
      waiter.resolve({ result: answer.result, seconds: answer.ms / 1000, peakRss: answer.peakRssKb * 1024 });
  });
  child.once('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`sync child exited (${code}): ${stderr}`));
    pending.clear();
  });
  return {
    ready: async () => (await readyKb) * 1024,
    invoke: (event, timeoutMs) =>
      new Promise<Invocation>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        child.send({ id, event, timeoutMs });
      }),
    stop: () => {
      if (child.connected) child.disconnect();
    },
  };
}
