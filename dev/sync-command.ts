import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { syncRecent } from '../functions/core/bulk/sync-recent';
import { isEventId } from '../functions/core/contract/event-id';
import { isHoursBack, MAX_HOURS_BACK, MIN_HOURS_BACK } from '../functions/core/contract/hours-back';
import { InputError } from '../functions/core/domain/errors';
import { type SyncSummary, summarise } from '../functions/core/engine/results';
import { type EngineDeps, syncEvent } from '../functions/core/engine/sync-event';
import { systemClock } from '../functions/core/ports/clock';
import { createDocumentClient } from '../functions/platform/document-client';
import { DynamoDbLedger } from '../functions/platform/ledger-dynamodb';
import { createJsonLogger } from '../functions/platform/logger';
import { createSharedRateLimiters } from '../functions/platform/rate-limiter-dynamodb';
import { loadSyncConfigFile } from '../functions/platform/sync-config-file';
import { createVendorClients } from '../functions/sync/build-vendor-clients';
import { chooseCliLedger } from './cli-ledger';
import { createLedgerTable } from './ledger-table';
import { startLocalDynamo } from './local-dynamodb';
import { startSandboxes } from './sandbox';
import { parseVendorEnv } from './vendor-env';

export const usage = `usage: npm run sync -- (--event-id <id> | --hours-back <${MIN_HOURS_BACK}-${MAX_HOURS_BACK}>) [--dry-run]`;

export interface SyncRequest {
  eventId: string | undefined;
  hoursBack: number | undefined;
  dryRun: boolean;
}

export function parseSyncArgs(argv: readonly string[]): SyncRequest {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options }>>;
  const options = {
    'event-id': { type: 'string' },
    'hours-back': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  } as const;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: false });
  } catch (e: unknown) {
    throw new InputError('arguments', `${e instanceof Error ? e.message : String(e)}\n${usage}`);
  }
  const { values } = parsed;
  const eventId = values['event-id'];
  const hoursText = values['hours-back'];
  if ((eventId === undefined) === (hoursText === undefined)) {
    throw new InputError('arguments', `give exactly one of --event-id or --hours-back\n${usage}`);
  }
  if (eventId !== undefined && !isEventId(eventId)) {
    throw new InputError('event-id', `--event-id must be a TripleSeat event id (digits), got "${eventId}"`);
  }
  let hoursBack: number | undefined;
  if (hoursText !== undefined) {
    hoursBack = Number(hoursText);
    if (!isHoursBack(hoursBack)) {
      throw new InputError(
        'hours-back',
        `--hours-back must be a whole number from ${MIN_HOURS_BACK} to ${MAX_HOURS_BACK}, got "${hoursText}"`,
      );
    }
  }
  return { eventId, hoursBack, dryRun: values['dry-run'] };
}

/**
 * One engine run from the command line. With no vendor variables set it starts the sandboxes
 * in-process; with no ledger given it runs dynalite in-process (then Revel's local_id is what carries
 * duplicate detection from one run to the next). A write to a real Revel needs the deployed ledger
 * (dev/cli-ledger.ts).
 */
export async function runSyncCommand(
  request: SyncRequest,
  env: Record<string, string | undefined>,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<SyncSummary> {
  const cleanups: Array<() => Promise<void>> = [];
  try {
    let vendorEnv = env;
    let configPath = env.SYNC_CONFIG;
    if (!env.TRIPLESEAT_CLIENT_ID && !env.REVEL_API_URL) {
      const sandboxes = await startSandboxes();
      cleanups.push(() => sandboxes.close());
      vendorEnv = { ...env, ...sandboxes.env };
      configPath ??= 'config/sync.example.json';
      log(
        `no vendor variables set: using in-process sandboxes (TripleSeat ${sandboxes.env.TRIPLESEAT_API_URL})`,
      );
    }
    if (!configPath)
      throw new InputError('SYNC_CONFIG', 'SYNC_CONFIG is not set (path of the sync config JSON file)');
    const config = loadSyncConfigFile(configPath);
    const dryRun = request.dryRun || config.connector.dryRun;
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
      logger: createJsonLogger({ base: { service: 'sync-cli', correlation_id: correlationId }, write: log }),
      holderId: `cli-${process.pid}`,
    };
    if (request.eventId !== undefined) {
      const result = await syncEvent(request.eventId, deps, { correlationId, dryRun });
      return summarise('single', correlationId, dryRun, [result]);
    }
    const results = await syncRecent(deps, {
      hoursBack: request.hoursBack ?? config.sync.hoursBack,
      correlationId,
      dryRun,
    });
    return summarise('bulk', correlationId, dryRun, results);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
