import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { syncRecent } from '../functions/core/bulk/sync-recent';
import type { SyncConfig } from '../functions/core/config/sync-config';
import { isEventId } from '../functions/core/contract/event-id';
import { isHoursBack, MAX_HOURS_BACK, MIN_HOURS_BACK } from '../functions/core/contract/hours-back';
import { InputError } from '../functions/core/domain/errors';
import { type SyncSummary, summarise } from '../functions/core/engine/results';
import { type EngineDeps, syncEvent } from '../functions/core/engine/sync-event';
import { systemClock } from '../functions/core/ports/clock';
import type { RevelReferences } from '../functions/core/ports/revel-references';
import { checkUpcoming, type PreflightCheck } from '../functions/core/preflight/check-upcoming';
import { createDocumentClient } from '../functions/platform/document-client';
import { DynamoDbDriftLog } from '../functions/platform/drift-log-dynamodb';
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

export const usage = `usage: npm run sync -- (--event-id <id> | --hours-back <${MIN_HOURS_BACK}-${MAX_HOURS_BACK}>) [--dry-run]\n       npm run sync -- --preflight [--days <1-31>]`;

export interface SyncRequest {
  eventId: string | undefined;
  hoursBack: number | undefined;
  dryRun: boolean;
  /** `--preflight [--days N]`: check upcoming events instead of syncing (N defaults to `preflight.days`). */
  preflight?: { days: number | undefined };
}

export function parseSyncArgs(argv: readonly string[]): SyncRequest {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options }>>;
  const options = {
    'event-id': { type: 'string' },
    'hours-back': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    preflight: { type: 'boolean', default: false },
    days: { type: 'string' },
  } as const;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: false });
  } catch (e: unknown) {
    throw new InputError('arguments', `${e instanceof Error ? e.message : String(e)}\n${usage}`);
  }
  const { values } = parsed;
  if (values.preflight) return parsePreflightArgs(values);
  if (values.days !== undefined) throw new InputError('days', `--days goes with --preflight\n${usage}`);
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

function parsePreflightArgs(values: {
  'event-id'?: string | undefined;
  'hours-back'?: string | undefined;
  'dry-run'?: boolean | undefined;
  days?: string | undefined;
}): SyncRequest {
  if (values['event-id'] !== undefined || values['hours-back'] !== undefined) {
    throw new InputError('arguments', `--preflight takes no --event-id or --hours-back\n${usage}`);
  }
  let days: number | undefined;
  if (values.days !== undefined) {
    days = Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 31) {
      throw new InputError('days', `--days must be a whole number from 1 to 31, got "${values.days}"`);
    }
  }
  return { eventId: undefined, hoursBack: undefined, dryRun: true, preflight: { days } };
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
  return withCliDeps(request.dryRun, env, log, async ({ deps, dryRun, correlationId, config }) => {
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
  });
}

/** What `--preflight` prints: the problems of upcoming events, nothing written, nothing mailed. */
export type PreflightOutput = Omit<PreflightCheck, 'notChecked'>;

/**
 * `npm run sync -- --preflight [--days N]`: the scheduled run's check of upcoming events
 * (core/preflight/check-upcoming.ts), from the command line. Reads only.
 */
export async function runPreflightCommand(
  days: number | undefined,
  env: Record<string, string | undefined>,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<PreflightOutput> {
  return withCliDeps(true, env, log, async ({ deps, config, references }) => {
    const { notChecked: _all, ...check } = await checkUpcoming(
      { ...deps, references },
      days ?? config.preflight.days,
    );
    return check;
  });
}

interface CliDeps {
  deps: EngineDeps;
  config: SyncConfig;
  dryRun: boolean;
  correlationId: string;
  references: RevelReferences;
}

async function withCliDeps<T>(
  requestDryRun: boolean,
  env: Record<string, string | undefined>,
  log: (line: string) => void,
  work: (cli: CliDeps) => Promise<T>,
): Promise<T> {
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
    const dryRun = requestDryRun || config.connector.dryRun;
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
      // Drift shows on the results; recording and alerting it is left to the Lambdas.
      drift: {
        log: new DynamoDbDriftLog({ client, tableName }),
        alert: async () => undefined,
        readOnly: true,
      },
    };
    return await work({ deps, config, dryRun, correlationId, references: vendors.revel });
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
