import { parseArgs } from 'node:util';
import { syncRecent } from '#functions/core/bulk/sync-recent';
import type { SyncConfig } from '#functions/core/config/sync-config';
import { isEventId } from '#functions/core/contract/event-id';
import { isHoursBack, MAX_HOURS_BACK, MIN_HOURS_BACK } from '#functions/core/contract/hours-back';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { InputError } from '#functions/core/domain/errors';
import { type SyncSummary, summarise } from '#functions/core/engine/results';
import { syncEvent } from '#functions/core/engine/sync-event';
import type { PreflightCheck } from '#functions/core/ports/preflight-store';
import type { RevelReferences } from '#functions/core/ports/revel-references';
import { checkUpcoming } from '#functions/core/preflight/check-upcoming';
import { buildCliEngine } from './cli-engine';

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
      const result = await syncEvent(request.eventId, deps, { correlationId, dryRun, trigger: 'manual' });
      return summarise('single', correlationId, dryRun, [result]);
    }
    const results = await syncRecent(deps, {
      hoursBack: request.hoursBack ?? config.sync.hoursBack,
      correlationId,
      dryRun,
      trigger: 'manual',
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
  const engine = await buildCliEngine(env, { dryRun: requestDryRun, service: 'sync-cli', log });
  try {
    const { deps, dryRun, correlationId, references } = engine;
    return await work({ deps, config: deps.config, dryRun, correlationId, references });
  } finally {
    await engine.close();
  }
}
