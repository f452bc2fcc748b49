import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorReportSchema } from '#functions/core/contract/doctor-report';
import { runDoctorCommand } from '../../../dev/doctor-command';
import { startTestRuntime, type TestRuntime } from '../../support/local-runtime';

// The console's "last doctor report": written by `npm run doctor` into the local runtime's ledger,
// read back over HTTP as the console reads it.
let local: TestRuntime;

beforeAll(async () => {
  local = await startTestRuntime();
});
afterAll(async () => {
  await local?.stop();
});

async function doctorAnswer(token = local.runtime.variables.OPERATOR_TOKEN ?? '') {
  const response = await fetch(`${local.runtime.url}/api/doctor`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as { report: unknown } };
}

describe('GET /api/doctor', () => {
  it('answers report null before any doctor run, and 401 without a token', async () => {
    expect(await doctorAnswer()).toEqual({ status: 200, body: { report: null } });
    expect((await doctorAnswer('not-an-operator-token-0123456789')).status).toBe(401);
  });

  it('shows the report npm run doctor kept in the ledger: when, against which hosts, each check', async () => {
    const variables = local.runtime.variables;
    const run = await runDoctorCommand(
      { writeTestOrder: false, json: false, saveDir: undefined },
      {
        TRIPLESEAT_API_URL: variables.TRIPLESEAT_API_URL,
        TRIPLESEAT_CLIENT_ID: variables.TRIPLESEAT_CLIENT_ID,
        TRIPLESEAT_CLIENT_SECRET: variables.TRIPLESEAT_CLIENT_SECRET,
        REVEL_API_URL: variables.REVEL_API_URL,
        REVEL_API_KEY: variables.REVEL_API_KEY,
        REVEL_API_SECRET: variables.REVEL_API_SECRET,
        SYNC_CONFIG: 'config/sync.example.json',
        DYNAMODB_ENDPOINT: variables.DYNAMODB_ENDPOINT,
        LEDGER_TABLE: variables.LEDGER_TABLE,
      },
      () => {},
    );
    expect(run.storedIn).toBe(variables.LEDGER_TABLE);
    const { status, body } = await doctorAnswer();
    expect(status).toBe(200);
    const report = doctorReportSchema.parse(body.report);
    expect(report).toEqual(run.report);
    expect(report.hosts.revel).toBe(new URL(variables.REVEL_API_URL ?? '').origin);
    expect(report.checks.length).toBeGreaterThan(20);
  }, 60_000);
});
