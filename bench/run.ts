// `npm run bench` — measures what the tests must not assert: parser throughput, and a bulk run's
// wall time, request count and memory under the real rate limiters. Figures go in bench/README.md.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startSandboxes } from '../dev/sandbox';
import { parseVendorEnv } from '../dev/vendor-env';
import { syncRecent } from '../functions/core/bulk/sync-recent';
import { parseMoneyToCents } from '../functions/core/domain/money';
import { DynamoDbLedger } from '../functions/platform/ledger-dynamodb';
import { loadSyncConfigFile } from '../functions/platform/sync-config-file';
import { createVendorClients } from '../functions/sync/build-vendor-clients';
import { parseInvoiceItems } from '../functions/tripleseat/invoice-parser';
import { startLedgerTable } from '../test/support/dynalite';
import { silentLogger } from '../test/support/silent-logger';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function benchInvoiceParser(): void {
  const pages = ['classic-table', 'nested-markup-entities', 'categories-and-blank-rows'].map((name) =>
    readFileSync(`test/fixtures/invoices/${name}.html`, 'utf8'),
  );
  const rounds = 500;
  let items = 0;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) for (const page of pages) items += parseInvoiceItems(page).length;
  const ms = performance.now() - started;
  console.log(
    `invoice parser: ${((rounds * pages.length) / (ms / 1000)).toFixed(0)} pages/s, ${(ms / (rounds * pages.length)).toFixed(3)} ms/page (${items} items)`,
  );
}

function benchMoney(): void {
  const samples = ['$1,234.50', '108.80', '0.000000', '(5.00)', '$2.50'];
  const rounds = 200_000;
  const started = performance.now();
  let sum = 0;
  for (let i = 0; i < rounds; i++) sum += parseMoneyToCents(samples[i % samples.length] as string) ?? 0;
  const ms = performance.now() - started;
  console.log(`money parser: ${((rounds / ms) * 1000).toFixed(0)} values/s (checksum ${sum})`);
}

async function benchBulk(eligible: number, fillers: number, revelPerSecond: number): Promise<void> {
  const instant = new Date();
  const sandboxes = await startSandboxes({ now: () => instant });
  const table = await startLedgerTable('bench-ledger');
  try {
    const template = sandboxes.tripleseat.event('55521609');
    if (!template) throw new Error('seed event 55521609 missing');
    for (let i = 0; i < eligible; i++) {
      sandboxes.tripleseat.setEvent({ ...structuredClone(template), id: 57_000_000 + i });
    }
    sandboxes.tripleseat.addFillerEvents(fillers);
    const base = loadSyncConfigFile('config/sync.example.json');
    const config = { ...base, rateLimits: { ...base.rateLimits, revelPerSecond } };
    const deps = {
      config,
      ...createVendorClients(parseVendorEnv(sandboxes.env), config),
      ledger: new DynamoDbLedger({ client: table.client, tableName: table.tableName }),
      clock: { now: () => instant },
      logger: silentLogger,
      holderId: 'bench',
    };
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const started = performance.now();
    const results = await syncRecent(deps, { hoursBack: 48, correlationId: 'bench' });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const injected = results.filter((r) => r.status === 'injected').length;
    const revelRequests = sandboxes.revel.requestLog().length;
    const tsRequests = sandboxes.tripleseat.requestLog().length;
    console.log(
      `bulk ${results.length} events (${injected} injected), Revel ${revelPerSecond}/s: ${seconds.toFixed(1)} s, ` +
        `${(results.length / seconds).toFixed(1)} events/s, ${(revelRequests / Math.max(injected, 1)).toFixed(1)} Revel req/order, ` +
        `${tsRequests} TripleSeat req, 429s seen: ${sandboxes.tripleseat.requestLog().filter((r) => r.status === 429).length}, peak RSS ${mb(peakRss)}`,
    );
  } finally {
    await sandboxes.close();
    await table.close();
  }
}

benchMoney();
benchInvoiceParser();
await benchBulk(20, 200, 5);
await benchBulk(20, 200, 50);
