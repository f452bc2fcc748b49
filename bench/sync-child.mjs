// The child of bench/bulk.ts and bench/busy-day.ts: the sync bundle as shipped and nothing else (no tsx,
// no sandboxes, no dynalite), so its peak RSS is the sync's. Plain JavaScript, so plain `node` runs it.
// Each message from the parent is one Lambda invocation (an EventBridge scheduled event or an SQS batch);
// the answer carries the message's id, the handler's result, its wall time and this process's peak RSS
// so far (getrusage's maxRSS: /proc's VmHWM, in KB).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const bundle = process.argv[2];
if (!bundle || !process.send) throw new Error('usage: fork(sync-child.mjs, [bundle path]) with IPC');
const { handler } = await import(pathToFileURL(bundle).href);
const peakRssKb = () => process.resourceUsage().maxRSS;

process.on('message', async ({ id, event, timeoutMs }) => {
  const started = performance.now();
  // What Lambda passes the handler: the request id, and the time left before the timeout kills it.
  const context = {
    awsRequestId: randomUUID(),
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (performance.now() - started)),
  };
  try {
    const result = await handler(event, context);
    process.send({ id, result, ms: performance.now() - started, peakRssKb: peakRssKb() });
  } catch (e) {
    process.send({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
// The SDK's keep-alive sockets would hold the process open after the parent is done with it.
process.on('disconnect', () => process.exit(0));
process.send({ ready: true, peakRssKb: peakRssKb() });
