import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { systemClock } from '#functions/core/ports/clock';
import type { RevelReferences } from '#functions/core/ports/revel-references';
import { createDocumentClient } from '#functions/platform/document-client';
import { DynamoDbDriftLog } from '#functions/platform/drift-log-dynamodb';
import { DynamoDbLedger } from '#functions/platform/ledger-dynamodb';
import { createJsonLogger } from '#functions/platform/logger';
import { createSharedRateLimiters } from '#functions/platform/rate-limiter-dynamodb';
import { loadSyncConfigFile } from '#functions/platform/sync-config-file';
import { DynamoDbWriteBackLog } from '#functions/platform/write-back-log-dynamodb';
import { createVendorClients } from '#functions/sync/build-vendor-clients';
import { chooseCliLedger } from './cli-ledger';
import { chooseCliVendors } from './cli-vendors';
import { createLedgerTable } from './ledger-table';
import { startLocalDynamo } from './local-dynamodb';
import { parseVendorEnv } from './vendor-env';

export interface CliEngine {
  deps: EngineDeps;
  /** `--dry-run` or the config's `connector.dryRun`. */
  dryRun: boolean;
  correlationId: string;
  /** The configured Revel objects' look-ups (preflight). */
  references: RevelReferences;
  close(): Promise<void>;
}

/**
 * The engine's dependencies for a command-line run (`npm run sync`, `npm run ops -- backfill`). With
 * no vendor variables set it starts the sandboxes in-process; with no ledger given it runs dynalite
 * in-process (then Revel's local_id is what carries duplicate detection from one run to the next).
 * A write to a real Revel needs the deployed ledger (dev/cli-ledger.ts).
 */
export async function buildCliEngine(
  env: Record<string, string | undefined>,
  options: { dryRun: boolean; service: string; log: (line: string) => void },
): Promise<CliEngine> {
  const { log } = options;
  const cleanups: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const { vendorEnv, configPath } = await chooseCliVendors(env, log, cleanups);
    const config = loadSyncConfigFile(configPath);
    const dryRun = options.dryRun || config.connector.dryRun;
    const vendorVars = parseVendorEnv(vendorEnv);
    // Decided before any vendor or AWS call: a refused write touches nothing.
    const ledgerChoice = chooseCliLedger({ env, revelOrigin: vendorVars.REVEL_API_URL, dryRun });
    const { tableName } = ledgerChoice;
    let client: DynamoDBDocumentClient;
    if (ledgerChoice.kind === 'deployed') {
      // The stack's table, with the SDK's own credentials and region: shared leases with the Lambdas.
      client = createDocumentClient({ AWS_REGION: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1' });
      log(`ledger: the deployed table ${tableName}`);
    } else {
      if (ledgerChoice.kind === 'endpoint') {
        // A local stand-in (dynalite): the same client the Lambdas build, with local credentials.
        client = createDocumentClient({
          AWS_REGION: env.AWS_REGION || 'us-east-1',
          DYNAMODB_ENDPOINT: ledgerChoice.endpoint,
        });
      } else {
        const dynamo = await startLocalDynamo();
        cleanups.push(() => dynamo.close());
        client = dynamo.client;
      }
      await createLedgerTable(client, tableName);
    }
    const ledger = new DynamoDbLedger({ client, tableName });
    // The vendors' pace is kept in the same table, shared with whatever else syncs through it.
    const limiters = createSharedRateLimiters(config.rateLimits, { client, tableName });
    const vendors = createVendorClients(vendorVars, config, { limiters });

    const correlationId = randomUUID();
    const deps: EngineDeps = {
      config,
      ...vendors,
      ledger,
      clock: systemClock,
      logger: createJsonLogger({
        base: { service: options.service, correlation_id: correlationId },
        write: log,
      }),
      holderId: `cli-${process.pid}`,
      totalsNotKeptOnCreate: new Set<number>(),
      writeBack: { notes: vendors.tripleseat, log: new DynamoDbWriteBackLog({ client, tableName }) },
      // Drift shows on the results; recording and alerting it is left to the Lambdas.
      drift: {
        log: new DynamoDbDriftLog({ client, tableName }),
        alert: async () => undefined,
        readOnly: true,
      },
    };
    return { deps, dryRun, correlationId, references: vendors.revel, close };
  } catch (e: unknown) {
    await close();
    throw e;
  }
}
