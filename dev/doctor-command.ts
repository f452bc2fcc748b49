import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { type DoctorReport, doctorExitCode } from '#functions/core/contract/doctor-report';
import { runDoctor } from '#functions/core/doctor/run-doctor';
import { testLocationOf } from '#functions/core/doctor/test-order';
import { describeError, InputError } from '#functions/core/domain/errors';
import { systemClock } from '#functions/core/ports/clock';
import { DynamoDbDoctorReports } from '#functions/platform/doctor-reports-dynamodb';
import { createDocumentClient } from '#functions/platform/document-client';
import { loadSyncConfigFile } from '#functions/platform/sync-config-file';
import { RevelClient } from '#functions/revel/client';
import { RevelDoctorProbe } from '#functions/revel/doctor-probe';
import { TripleSeatClient } from '#functions/tripleseat/client';
import { TripleSeatDoctorProbe } from '#functions/tripleseat/doctor-probe';
import { LOCAL_LEDGER_TABLE } from './cli-ledger';
import { chooseCliVendors } from './cli-vendors';
import { ResponseRecorder } from './doctor-recorder';
import { writeCaptureFolder } from './samples/capture-folder';
import { parseVendorEnv } from './vendor-env';

export const doctorUsage = 'usage: npm run doctor -- [--write-test-order] [--json] [--save <dir>]';

export interface DoctorRequest {
  writeTestOrder: boolean;
  json: boolean;
  saveDir: string | undefined;
}

export function parseDoctorArgs(argv: readonly string[]): DoctorRequest {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        'write-test-order': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        save: { type: 'string' },
      },
      allowPositionals: false,
    });
    if (values.save === '') throw new Error('--save needs a folder');
    return { writeTestOrder: values['write-test-order'], json: values.json, saveDir: values.save };
  } catch (e: unknown) {
    throw new InputError('arguments', `${describeError(e)}\n${doctorUsage}`);
  }
}

export interface DoctorRun {
  report: DoctorReport;
  exitCode: 0 | 1;
  /** Where the report was kept for the console, if a ledger was reachable. */
  storedIn: string | undefined;
  savedFiles: number | undefined;
}

/** Where a rotated refresh token is kept (git-ignored, owner-only): printing it would leak it. */
export const ROTATED_TOKEN_FILE = join('.local', 'tripleseat-refresh-token');

/**
 * `npm run doctor`: the checks of core/doctor/run-doctor.ts with the deployment's credentials and
 * config (env / `.env`, SYNC_CONFIG); with no vendor variables, against in-process sandboxes.
 */
export async function runDoctorCommand(
  request: DoctorRequest,
  env: Record<string, string | undefined>,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  options: { rotatedTokenFile?: string } = {},
): Promise<DoctorRun> {
  const cleanups: Array<() => Promise<void>> = [];
  try {
    const { vendorEnv, configPath } = await chooseCliVendors(env, log, cleanups);
    const config = loadSyncConfigFile(configPath);
    // Refused before any vendor call.
    if (request.writeTestOrder) testLocationOf(config);
    const vars = parseVendorEnv(vendorEnv);
    const recorder = new ResponseRecorder();
    let rotated: string | undefined;
    const tripleseat = new TripleSeatClient({
      apiUrl: vars.TRIPLESEAT_API_URL,
      clientId: vars.TRIPLESEAT_CLIENT_ID,
      clientSecret: vars.TRIPLESEAT_CLIENT_SECRET,
      refreshToken: vars.TRIPLESEAT_REFRESH_TOKEN,
      perSecond: config.rateLimits.tripleseatPerSecond,
      fetch: recorder.fetch,
      onRefreshTokenRotated: (token) => {
        rotated = token;
      },
    });
    const revel = new RevelClient({
      apiUrl: vars.REVEL_API_URL,
      apiKey: vars.REVEL_API_KEY,
      apiSecret: vars.REVEL_API_SECRET,
      perSecond: config.rateLimits.revelPerSecond,
      fetch: recorder.fetch,
    });
    const origins = {
      tripleseat: new URL(vars.TRIPLESEAT_API_URL).origin,
      revel: new URL(vars.REVEL_API_URL).origin,
    };
    const report = await runDoctor(
      {
        config,
        tripleseat: new TripleSeatDoctorProbe(tripleseat, origins.tripleseat, {
          configured: vars.TRIPLESEAT_REFRESH_TOKEN !== undefined,
          rotated: () => rotated !== undefined,
        }),
        revel: new RevelDoctorProbe(revel, origins.revel),
        revelApi: revel,
        tripleseatNotes: tripleseat,
        clock: systemClock,
      },
      { writeTestOrder: request.writeTestOrder },
    );
    if (rotated !== undefined) keepRotatedToken(rotated, options.rotatedTokenFile ?? ROTATED_TOKEN_FILE, log);
    const savedFiles =
      request.saveDir === undefined
        ? undefined
        : (
            await writeCaptureFolder(request.saveDir, recorder.responses, {
              origins,
              source: `npm run doctor on ${new URL(origins.revel).host} and ${new URL(origins.tripleseat).host} at ${report.ran_at}`,
              secrets: secretsOf(vars, rotated),
            })
          ).files;
    const storedIn = await storeReport(report, env, log);
    return { report, exitCode: doctorExitCode(report), storedIn, savedFiles };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

function secretsOf(vars: ReturnType<typeof parseVendorEnv>, rotated: string | undefined): string[] {
  return [
    vars.TRIPLESEAT_CLIENT_SECRET,
    vars.TRIPLESEAT_REFRESH_TOKEN ?? '',
    vars.REVEL_API_KEY,
    vars.REVEL_API_SECRET,
    rotated ?? '',
  ].filter((s) => s !== '');
}

function keepRotatedToken(token: string, file: string, log: (line: string) => void): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  log(
    `warning: TripleSeat rotated the refresh token; the configured one is spent. The new one is in ${file}: ` +
      'put it in the secret (tripleseat.refreshToken, docs/deploy.md "Re-seed the TripleSeat refresh token") and delete the file.',
  );
}

/** Kept for the console when a ledger is named (LEDGER_TABLE / DYNAMODB_ENDPOINT, like dev/cli-ledger.ts). */
async function storeReport(
  report: DoctorReport,
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): Promise<string | undefined> {
  const endpoint = env.DYNAMODB_ENDPOINT || undefined;
  const tableName = env.LEDGER_TABLE || (endpoint ? LOCAL_LEDGER_TABLE : undefined);
  if (tableName === undefined) return undefined;
  const client = createDocumentClient({
    AWS_REGION: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    ...(endpoint ? { DYNAMODB_ENDPOINT: endpoint } : {}),
  });
  try {
    await new DynamoDbDoctorReports({ client, tableName }).saveDoctorReport(report);
    return tableName;
  } catch (e: unknown) {
    log(`warning: the report was not kept for the console (ledger ${tableName}): ${describeError(e)}`);
    return undefined;
  }
}

const MARK = { ok: '✓', failed: '✗', not_checked: 'not checked' } as const;

/** The report as a table for people: one line per check. */
export function formatDoctorTable(report: DoctorReport): string {
  const rows = report.checks.map((c) => [MARK[c.status], c.vendor, c.subject, c.detail]);
  const width = (i: number) => Math.max(...rows.map((r) => (r[i] ?? '').length), 0);
  const w = [width(0), width(1), width(2)];
  const lines = rows.map((r) =>
    [r[0]?.padEnd(w[0] ?? 0), r[1]?.padEnd(w[1] ?? 0), r[2]?.padEnd(w[2] ?? 0), r[3]].join('  '),
  );
  const failedChecks = report.checks.filter((c) => c.status === 'failed');
  const verdict =
    failedChecks.length === 0
      ? 'No check failed.'
      : `${failedChecks.length} check(s) failed, syncing would break there: ${failedChecks.map((c) => c.subject).join('; ')}`;
  const shapes = Object.entries(report.shapes).map(([k, v]) => `  ${k}: ${v}`);
  return [
    `doctor (${report.mode}) at ${report.ran_at} — TripleSeat ${report.hosts.tripleseat}, Revel ${report.hosts.revel}`,
    '',
    ...lines,
    ...(shapes.length > 0 ? ['', 'Shapes this account uses:', ...shapes] : []),
    '',
    verdict,
    '',
  ].join('\n');
}
