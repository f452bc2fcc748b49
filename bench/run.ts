// `npm run bench [-- --quick]`: one table, each row two things measured in the same run, so the ratio
// survives a noisy machine. What each row means and the latest figures: bench/README.md.
import { arch, cpus, loadavg, totalmem } from 'node:os';
import { benchBulk } from './bulk';
import { benchBusyDay } from './busy-day';
import { benchColdStart } from './cold-start';
import { benchGatewayAcknowledgement } from './gateway-acknowledgement';
import { childNodeVersion } from './support/child-node';
import { type BenchRow, formatTable } from './table';
import { benchVerifier } from './verifier';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const quick = process.argv.includes('--quick');
const progress = (step: string) => process.stderr.write(`bench: ${step}…\n`);

// First, so this process's peak RSS (reported beside the sync child's) is the bulk run's.
progress('bulk run: the sync bundle in a child process (about two minutes; --quick: ~1 min)');
const bulk = await benchBulk({
  events: 500,
  eligible: quick ? 8 : 40,
  latencyMs: 50,
  tripleseatPerSecond: 10,
  revelPerSecond: 5,
});
// `--busy-day-events=N`: another number of listed events (default 2,000; --quick: 400).
const busyDayEvents =
  Number(process.argv.find((a) => a.startsWith('--busy-day-events='))?.split('=')[1]) || undefined;
// The busy day takes ~8 minutes of Revel pace in full mode; `--quick` scales it down five times.
const busyDayRows = async () => {
  progress('busy day: 45-minute scheduled runs with the Lambda deadline (~8 min; --quick: ~2 min)');
  return benchBusyDay({
    events: busyDayEvents ?? (quick ? 400 : 2000),
    eligible: quick ? 60 : 300,
    latencyMs: 50,
    tripleseatPerSecond: 10,
    revelPerSecond: 5,
    consumers: 2,
  });
};
const busyDay = process.argv.includes('--no-busy-day') ? [] : await busyDayRows();
progress('verifier in-process');
const verifier = await benchVerifier(quick);
progress('cold start (fresh node processes)');
const coldStart = (await benchColdStart(quick)).rows;
progress('acknowledgement through the local gateway');
const gateway = await benchGatewayAcknowledgement(quick);
// In the order (issue 12, item 2).
const rows: BenchRow[] = [...verifier, ...coldStart, ...gateway, ...bulk, ...busyDay];

const children =
  childNodeVersion() === process.versions.node
    ? ''
    : ` (children — cold starts, the sync — on Node ${childNodeVersion()})`;
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} (${arch()}), ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.versions.node}${children}, load average ${loadavg()
  .map((l) => l.toFixed(1))
  .join(' ')} at the end`;
console.log(`${new Date().toISOString().slice(0, 10)}, ${machine}${quick ? ', --quick' : ''}\n`);
console.log(formatTable(rows));
