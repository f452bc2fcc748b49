import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, runOpsCommand } from '../../../dev/ops-command';
import { startTestRuntime, type TestRuntime } from '../../support/local-runtime';

// `npm run ops -- status` against the local runtime over real HTTP: the day the console's board shows.
let local: TestRuntime;

beforeAll(async () => {
  local = await startTestRuntime();
});
afterAll(async () => {
  await local?.stop();
});

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field, as a script would
type Json = any;

const token = () => local.runtime.variables.OPERATOR_TOKEN ?? '';
const ops = (...args: string[]) =>
  runOpsCommand(args, { OPS_URL: local.runtime.url, OPERATOR_TOKEN: token() }, () => {});

async function board(query = ''): Promise<Json> {
  const response = await fetch(`${local.runtime.url}/api/day${query}`, {
    headers: { authorization: `Bearer ${token()}` },
  });
  return response.json();
}

/** The day without the instant it was put together. */
const sameDay = ({ generated_at: _, ...day }: Json) => day;

describe('npm run ops -- status', () => {
  it("shows the same day as the console's board", async () => {
    const printed = await ops('status', '--json');
    const shown = await board();
    expect(sameDay(JSON.parse(printed.output))).toEqual(sameDay(shown));
    const text = (await ops('status')).output;
    for (const location of shown.locations) expect(text).toContain(location.name);
    for (const event of [...shown.locations, ...shown.unconfigured].flatMap((l: Json) => l.events))
      expect(text).toContain(event.event_id);
  });

  it('prints paid and due, the TENTATIVE party and the unconfigured location, and exits 1 for them', async () => {
    const { exitCode, output } = await ops('status');
    expect(exitCode).toBe(EXIT.problem);
    expect(output).toMatch(/Lindqvist Awards Luncheon\s+DEFINITE\s+not_synced\s+231\.08\s+50\.00\s+181\.08/);
    expect(output).toMatch(/19:00 P[SD]T\s+55521614\s+O'Brien Rehearsal Dinner\s+TENTATIVE\s+not_eligible/);
    expect(output).toContain('Not in the sync config: Pop-up (TripleSeat location 999)');
    expect(output).toMatch(/next scheduled run\s+none: no schedule here/);
  });

  it('shows the banner of a switched-off connector first', async () => {
    await ops('settings', '--set', 'connector_enabled=false');
    try {
      const { output } = await ops('status');
      expect(output.split('\n')[0]).toBe(
        '!! The connector is off: every sync is skipped (CONNECTOR_DISABLED) and nothing reaches Revel.',
      );
    } finally {
      await ops('settings', '--set', 'connector_enabled=true');
    }
  });

  it('shows another day with --date, as the board does, and refuses a day that is not one', async () => {
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const printed = await ops('status', '--date', day, '--json');
    expect(sameDay(JSON.parse(printed.output))).toEqual(sameDay(await board(`?date=${day}`)));
    const bad = await ops('status', '--date', 'tomorrow');
    expect(bad).toEqual({
      exitCode: EXIT.refused,
      output: 'GET /api/day?date=tomorrow: 400 date must be a day YYYY-MM-DD\n',
    });
  });
});
