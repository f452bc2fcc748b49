// The child of bench/bulk.ts: the sync bundle as shipped and nothing else (no tsx, no sandboxes, no
// dynalite), so its peak RSS is the sync's. Plain JavaScript, so plain `node` runs it. Each message
// from the parent is one invocation of the EventBridge rule; the answer carries the handler's result,
// its wall time and this process's peak RSS so far (getrusage's maxRSS: /proc's VmHWM, in KB).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const bundle = process.argv[2];
if (!bundle || !process.send) throw new Error('usage: fork(scheduled-run.mjs, [bundle path]) with IPC');
const { handler } = await import(pathToFileURL(bundle).href);
const peakRssKb = () => process.resourceUsage().maxRSS;

process.on('message', async ({ event, timeoutMs }) => {
  const started = performance.now();
  // What Lambda passes the handler: the request id, and the time left for the run's deadline.
  const context = { awsRequestId: randomUUID(), getRemainingTimeInMillis: () => timeoutMs };
  try {
    const result = await handler(event, context);
    process.send({ result, ms: performance.now() - started, peakRssKb: peakRssKb() });
  } catch (e) {
    process.send({ error: e instanceof Error ? e.message : String(e) });
  }
});
// The SDK's keep-alive sockets would hold the process open after the parent is done with it.
process.on('disconnect', () => process.exit(0));
process.send({ ready: true, peakRssKb: peakRssKb() });
