import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorReportSchema } from '#functions/core/contract/doctor-report';
import { InputError } from '#functions/core/domain/errors';
import { parseDoctorArgs, runDoctorCommand } from '../../../dev/doctor-command';
import { findSampleFolders } from '../../../dev/samples/sample-manifest';
import { readSample } from '../../../dev/samples/sample-readers';
import { type Sandboxes, startSandboxes } from '../../../dev/sandbox';
import { closedInRevel } from '../../support/revel-till';
import { runCli as runCliScript } from '../../support/run-cli';

const quiet = () => {};
const example = JSON.parse(readFileSync('config/sync.example.json', 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'doctor-cli-'));

function configFile(name: string, change: (config: typeof example) => void): string {
  const config = structuredClone(example);
  change(config);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(config));
  return path;
}

const withTestLocation = configFile('test-location.json', (c) => {
  c.connector.testLocation = c.locations[0].revel;
});

const runCli = (args: string[], env: Record<string, string> = {}) =>
  runCliScript('dev/doctor-cli.ts', args, env);

describe('npm run doctor', () => {
  it('checks the in-process sandboxes with no vendor variables, prints a table of checks and exits 0', () => {
    const run = runCli([]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^✓ +tripleseat +OAuth access token +granted/m);
    expect(run.stdout).toMatch(
      /^✓ +revel +discount 3358 \(locations\["Downtown"\]\.revel\.discountId\) +exists and is active/m,
    );
    expect(run.stdout).toMatch(/^✓ +revel +tender \(CustomPaymentType\) 236/m);
    expect(run.stdout).toMatch(/^not checked +tripleseat +webhook envelope/m);
    expect(run.stdout).toMatch(
      /^not checked +tripleseat +writing notes on events +writeBack\.tripleseatNotes is off; read-only/m,
    );
    expect(run.stdout).toContain('No check failed.');
  }, 60_000);

  it('exits 1 naming a configured discount that does not exist, and --json prints the report by its schema', () => {
    const missing = configFile('missing-discount.json', (c) => {
      c.locations[0].revel.discountId = 9999;
    });
    const run = runCli(['--json'], { SYNC_CONFIG: missing });
    expect(run.status).toBe(1);
    const report = doctorReportSchema.parse(JSON.parse(run.stdout));
    expect(report.checks.filter((c) => c.status === 'failed')).toEqual([
      {
        vendor: 'revel',
        check: 'revel.discount',
        subject: 'discount 9999 (locations["Downtown"].revel.discountId)',
        status: 'failed',
        detail: 'discount 9999 does not exist in Revel',
      },
    ]);
  }, 60_000);

  it('refuses --write-test-order with exit 2 when the config names no test establishment', () => {
    const run = runCli(['--write-test-order']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('set connector.testLocation');
    expect(run.stdout).toBe('');
  }, 60_000);

  it('refuses unknown flags as usage errors', () => {
    expect(() => parseDoctorArgs(['--write'])).toThrow(InputError);
    expect(parseDoctorArgs(['--save', 'out', '--json'])).toEqual({
      writeTestOrder: false,
      json: true,
      saveDir: 'out',
    });
  });
});

describe('npm run doctor against running sandboxes', () => {
  let sandboxes: Sandboxes;
  beforeAll(async () => {
    sandboxes = await startSandboxes();
  });
  afterAll(async () => {
    await sandboxes.close();
  });

  it('writes one test order with a discount, a fee, a payment and the close, reports what Revel kept, and leaves no open order behind', async () => {
    const run = await runDoctorCommand(
      { writeTestOrder: true, json: false, saveDir: undefined },
      { ...sandboxes.env, SYNC_CONFIG: withTestLocation },
      quiet,
    );
    expect(run.exitCode).toBe(0);
    const testOrders = sandboxes.revel
      .orders()
      .filter((o) => String(o.local_id).startsWith('Triple Seat doctor'));
    expect(testOrders).toHaveLength(1);
    const [order] = testOrders;
    expect(order).toMatchObject({ deleted: true, discount: '/resources/Discount/3358/' });
    expect(closedInRevel(order)).toBe(true);
    expect(order?.payments).toHaveLength(1);
    expect(order?.serviceFees).toHaveLength(1);
    const checks = Object.fromEntries(run.report.checks.map((c) => [c.check, c]));
    expect(checks['revel.test_order.void']).toMatchObject({ status: 'ok' });
    // The sandbox's default: closing through the history row leaves Order.closed as it was.
    expect(checks['revel.test_order.closed']).toMatchObject({ status: 'ok' });
    expect(checks['revel.test_order.closed']?.detail).toContain(
      'Order.closed stays false; the OrderHistory row is closed',
    );
    expect(checks['revel.test_order.fees']?.detail).toContain('AppliedServiceFee rows 1.00');
    // Only the test establishment was written to.
    expect(
      sandboxes.revel.orders().filter((o) => o.establishment !== '/enterprise/Establishment/4/'),
    ).toEqual([]);
  }, 60_000);

  it('reports that Revel keeps the item name in product_name_override, the field the engine sends', async () => {
    const run = await runDoctorCommand(
      { writeTestOrder: true, json: false, saveDir: undefined },
      { ...sandboxes.env, SYNC_CONFIG: withTestLocation },
      quiet,
    );
    const check = run.report.checks.find((c) => c.check === 'revel.test_order.item_name');
    expect(check).toMatchObject({ status: 'ok' });
    expect(check?.detail).toBe('product_name_override kept, special_request kept');
    const line = sandboxes.revel.orders().at(-1)?.items[0];
    expect(line).toMatchObject({
      product_name_override: 'Doctor test item',
      special_request: 'Doctor test item',
    });
  }, 60_000);

  it('fails the item name, naming revel.itemNameField special_request, when Revel drops product_name_override', async () => {
    sandboxes.revel.behave({ dropNameOverride: true });
    try {
      const run = await runDoctorCommand(
        { writeTestOrder: true, json: false, saveDir: undefined },
        { ...sandboxes.env, SYNC_CONFIG: withTestLocation },
        quiet,
      );
      expect(run.exitCode).toBe(1);
      const check = run.report.checks.find((c) => c.check === 'revel.test_order.item_name');
      expect(check).toMatchObject({ status: 'failed' });
      expect(check?.detail).toContain('set revel.itemNameField to special_request');
      const switched = configFile('special-request.json', (c) => {
        c.connector.testLocation = c.locations[0].revel;
        c.revel.itemNameField = 'special_request';
      });
      const after = await runDoctorCommand(
        { writeTestOrder: true, json: false, saveDir: undefined },
        { ...sandboxes.env, SYNC_CONFIG: switched },
        quiet,
      );
      expect(after.report.checks.find((c) => c.check === 'revel.test_order.item_name')).toMatchObject({
        status: 'ok',
      });
    } finally {
      sandboxes.revel.reset();
    }
  }, 60_000);

  it('writes the fee as the open-price fee product when the test location maps its charge to one', async () => {
    const feeProduct = configFile('fee-product.json', (c) => {
      c.connector.testLocation = {
        ...c.locations[0].revel,
        charges: { mapping: [{ kind: 'fee', productId: 999 }] },
      };
    });
    const run = await runDoctorCommand(
      { writeTestOrder: true, json: false, saveDir: undefined },
      { ...sandboxes.env, SYNC_CONFIG: feeProduct },
      quiet,
    );
    expect(run.exitCode).toBe(0);
    const fees = run.report.checks.find((c) => c.check === 'revel.test_order.fees');
    expect(fees?.detail).toContain('written as open-price product 999 (1.00)');
    const order = sandboxes.revel.orders().at(-1);
    expect(order?.items.map((i) => i.product)).toContain('/resources/Product/999/');
    expect(order).toMatchObject({ deleted: true });
    expect(closedInRevel(order)).toBe(true);
  }, 60_000);

  it('writes one test note on the recent TripleSeat event and deletes it, or fails when the token may not write notes', async () => {
    const notesWritten = () =>
      sandboxes.tripleseat.requestLog().filter((r) => r.method === 'POST' && r.path.endsWith('/notes.json'));
    const allowed = await runDoctorCommand(
      { writeTestOrder: true, json: false, saveDir: undefined },
      { ...sandboxes.env, SYNC_CONFIG: withTestLocation },
      quiet,
    );
    const noteCheck = (run: typeof allowed) =>
      run.report.checks.find((c) => c.check === 'tripleseat.notes_write');
    expect(noteCheck(allowed)).toMatchObject({ status: 'ok' });
    expect(noteCheck(allowed)?.detail).toMatch(/the token wrote and deleted test note \d+ on event \d+/);
    const [written] = notesWritten();
    const eventId = written?.path.match(/events\/(\d+)\/notes/)?.[1];
    expect(eventId).toBeDefined();
    expect(sandboxes.tripleseat.notes(String(eventId))).toEqual([]);

    sandboxes.tripleseat.behave({ notesWritable: false });
    try {
      const refused = await runDoctorCommand(
        { writeTestOrder: true, json: false, saveDir: undefined },
        { ...sandboxes.env, SYNC_CONFIG: withTestLocation },
        quiet,
      );
      expect(refused.exitCode).toBe(1);
      expect(noteCheck(refused)).toMatchObject({ status: 'failed' });
      expect(noteCheck(refused)?.detail).toContain('the token may not write notes');
    } finally {
      sandboxes.tripleseat.behave({ notesWritable: true });
    }
  }, 60_000);

  it('reports the variant a Revel account keeps: Order.closed flipped by the history row, fees on the order', async () => {
    sandboxes.revel.behave({ closeFlipsOrder: true, feeFieldsFromRows: true });
    try {
      const run = await runDoctorCommand(
        { writeTestOrder: true, json: false, saveDir: undefined },
        { ...sandboxes.env, SYNC_CONFIG: withTestLocation },
        quiet,
      );
      expect(run.exitCode).toBe(0);
      const checks = Object.fromEntries(run.report.checks.map((c) => [c.check, c]));
      expect(checks['revel.test_order.closed']?.detail).toContain('Order.closed is true');
      expect(checks['revel.test_order.fees']?.detail).toContain('service_fee_untaxed+_taxed 1.00');
    } finally {
      sandboxes.revel.reset();
    }
  }, 60_000);

  it('reports a rotated refresh token as a failure and keeps the new one in an owner-only file, never in the report', async () => {
    const issued = await fetch(`${sandboxes.env.TRIPLESEAT_API_URL}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: sandboxes.env.TRIPLESEAT_CLIENT_ID,
        client_secret: sandboxes.env.TRIPLESEAT_CLIENT_SECRET,
      }),
    });
    const { refresh_token: refreshToken } = (await issued.json()) as { refresh_token: string };
    const tokenFile = join(mkdtempSync(join(tmpdir(), 'doctor-token-')), 'refresh-token');
    const lines: string[] = [];
    const run = await runDoctorCommand(
      { writeTestOrder: false, json: false, saveDir: undefined },
      { ...sandboxes.env, TRIPLESEAT_REFRESH_TOKEN: refreshToken, SYNC_CONFIG: 'config/sync.example.json' },
      (line) => lines.push(line),
      { rotatedTokenFile: tokenFile },
    );
    expect(run.exitCode).toBe(1);
    expect(run.report.checks.find((c) => c.check === 'tripleseat.refresh_token')).toMatchObject({
      status: 'failed',
    });
    const stored = readFileSync(tokenFile, 'utf8').trim();
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toBe(refreshToken);
    expect(statSync(tokenFile).mode & 0o077).toBe(0);
    const output = JSON.stringify(run.report) + lines.join('\n');
    expect(output).not.toContain(stored);
    expect(lines.join('\n')).toContain(tokenFile);
  });

  it('saves every response it read as a sample folder that loads and passes as a fixture, with no guest contact or token', async () => {
    const saveDir = mkdtempSync(join(tmpdir(), 'doctor-save-'));
    const run = await runDoctorCommand(
      { writeTestOrder: true, json: false, saveDir },
      { ...sandboxes.env, SYNC_CONFIG: withTestLocation },
      quiet,
    );
    expect(run.savedFiles).toBeGreaterThan(10);
    const folders = findSampleFolders(saveDir);
    expect(folders.map((f) => f.manifest.vendor).sort()).toEqual(['revel', 'tripleseat']);
    for (const { dir: folder, manifest } of folders) {
      for (const sample of manifest.samples) {
        expect(sample.kind).toBe('captured');
        expect(sample.source).toMatch(/^npm run doctor on 127\.0\.0\.1:\d+ and 127\.0\.0\.1:\d+ at /);
        expect(
          await readSample(sample.reader, readFileSync(join(folder, sample.file), 'utf8')),
        ).toMatchObject(sample.expect);
      }
    }
    const readers = folders.flatMap((f) => f.manifest.samples.map((s) => s.reader));
    expect(readers).toEqual(expect.arrayContaining(['tripleseat.token', 'tripleseat.event', 'revel.order']));
    const everything = folders
      .flatMap(({ dir: folder }) =>
        readdirSync(folder).map((file) => readFileSync(join(folder, file), 'utf8')),
      )
      .join('\n');
    expect(everything).not.toMatch(/@example\.|\(555\)|555-01/);
    expect(everything).not.toContain(sandboxes.env.REVEL_API_KEY);
    expect(everything).not.toContain(sandboxes.env.TRIPLESEAT_CLIENT_SECRET);
    expect(everything).toContain('"access_token": "(redacted)"');
    for (const event of sandboxes.tripleseat.events()) {
      if (event.contact?.last_name) expect(everything).not.toContain(event.contact.last_name);
    }
  }, 60_000);
});
