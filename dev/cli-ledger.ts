import { ConfigError } from '#functions/core/domain/errors';

/** The table name the CLI gives a ledger of its own (in-process dynalite or a local endpoint). */
export const LOCAL_LEDGER_TABLE = 'tripleseat-revel-sync-ledger';

/**
 * Which ledger `npm run sync` keeps its leases and outcomes in:
 * - `deployed`: the stack's table in AWS (`LEDGER_TABLE` without `DYNAMODB_ENDPOINT`, the SDK's own
 *   credentials and region), so the CLI and the Lambdas share every lease;
 * - `endpoint`: a local DynamoDB-compatible server (`DYNAMODB_ENDPOINT`, e.g. the dynalite `npm start` runs);
 * - `in-process`: a dynalite of its own, gone when the command ends.
 */
export type CliLedger =
  | { kind: 'deployed'; tableName: string }
  | { kind: 'endpoint'; tableName: string; endpoint: string }
  | { kind: 'in-process'; tableName: string };

export interface CliLedgerInput {
  env: Record<string, string | undefined>;
  /** The Revel origin the command will write to (TripleSeat is only read). */
  revelOrigin: string;
  /** `--dry-run` or the config's `connector.dryRun`: nothing is written to Revel. */
  dryRun: boolean;
}

/**
 * Chooses the CLI's ledger, and refuses a write to a real Revel (the only vendor written to) with a ledger the deployed Lambdas cannot
 * see: their lease would not stop this run, nor this run's theirs, and two concurrent syncs of one event
 * would write two orders (docs/decisions/0001-idempotency-ledger-lease-and-local-id.md). Decided from
 * the variables alone, without an AWS call.
 */
export function chooseCliLedger({ env, revelOrigin, dryRun }: CliLedgerInput): CliLedger {
  const endpoint = nonEmpty(env.DYNAMODB_ENDPOINT);
  const table = nonEmpty(env.LEDGER_TABLE);
  const ledger: CliLedger = endpoint
    ? { kind: 'endpoint', tableName: table ?? LOCAL_LEDGER_TABLE, endpoint }
    : table
      ? { kind: 'deployed', tableName: table }
      : { kind: 'in-process', tableName: LOCAL_LEDGER_TABLE };
  if (dryRun || isSandboxOrigin(revelOrigin) || ledger.kind === 'deployed') return ledger;
  const which = ledger.kind === 'endpoint' ? 'the local ledger at DYNAMODB_ENDPOINT' : 'an in-memory ledger';
  throw new ConfigError(
    'LEDGER_TABLE',
    `refusing to write to Revel at ${revelOrigin} with ${which}: the deployed Lambdas would not see this ` +
      `run's leases, so both could write the same order. Set LEDGER_TABLE to the deployed ledger table ` +
      `(with AWS credentials and AWS_REGION${endpoint ? ', and unset DYNAMODB_ENDPOINT' : ''}), ` +
      `or pass --dry-run.`,
  );
}

/** A vendor origin on this machine: a sandbox (`npm run sandbox`, the in-process ones), never a real vendor. */
export function isSandboxOrigin(origin: string): boolean {
  let host: string;
  try {
    host = new URL(origin).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

const nonEmpty = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
