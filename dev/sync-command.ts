import { parseArgs } from 'node:util';
import { syncRecent } from '../functions/core/bulk/sync-recent';
import { isEventId } from '../functions/core/contract/event-id';
import { isHoursBack, MAX_HOURS_BACK, MIN_HOURS_BACK } from '../functions/core/contract/hours-back';
import { InputError } from '../functions/core/domain/errors';
import { type SyncSummary, summarise } from '../functions/core/engine/results';
import { syncEvent } from '../functions/core/engine/sync-event';
import { buildCliEngine } from './cli-engine';

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
 * One engine run from the command line, on the engine `buildCliEngine` (dev/cli-engine.ts) builds:
 * the sandboxes in-process without vendor variables, dynalite in-process without a ledger.
 */
export async function runSyncCommand(
  request: SyncRequest,
  env: Record<string, string | undefined>,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<SyncSummary> {
  const engine = await buildCliEngine(env, { dryRun: request.dryRun, service: 'sync-cli', log });
  try {
    const { deps, dryRun, correlationId } = engine;
    if (request.eventId !== undefined) {
      const result = await syncEvent(request.eventId, deps, { correlationId, dryRun });
      return summarise('single', correlationId, dryRun, [result]);
    }
    const results = await syncRecent(deps, {
      hoursBack: request.hoursBack ?? deps.config.sync.hoursBack,
      correlationId,
      dryRun,
    });
    return summarise('bulk', correlationId, dryRun, results);
  } finally {
    await engine.close();
  }
}
