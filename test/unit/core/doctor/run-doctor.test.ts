import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSyncConfig } from '#functions/core/config/sync-config';
import type { DoctorCheck } from '#functions/core/contract/doctor-report';
import { doctorExitCode } from '#functions/core/contract/doctor-report';
import { runDoctor } from '#functions/core/doctor/run-doctor';
import { InputError, VendorError } from '#functions/core/domain/errors';
import type { RevelApi } from '#functions/core/ports/revel-api';
import type { RevelReferenceState } from '#functions/core/ports/revel-references';
import type { RevelProbe, TripleSeatProbe } from '#functions/core/ports/vendor-probes';

const config = parseSyncConfig(JSON.parse(readFileSync('config/sync.example.json', 'utf8')));
const clock = { now: () => new Date('2026-12-08T18:00:00Z') };
const exists: RevelReferenceState = { found: true, active: true, establishmentId: undefined };

function tripleseat(overrides: Partial<TripleSeatProbe> = {}): TripleSeatProbe {
  return {
    host: 'https://api.tripleseat.com',
    requestToken: async () => ({ grant: 'client_credentials', refreshTokenRotated: false }),
    listEvents: async () => [{ id: '55521609', locationId: '101', eventDate: '2026-12-08' }],
    readEventShapes: async (eventId) => ({
      eventId,
      paymentsIn: ['documents[].payment_set.payments[] (2, 2 paid)'],
      documentNaming: ['title'],
      documents: 1,
      billingRows: [],
      documentsWithLineItems: 0,
      documentsWithInvoiceViewOnly: 1,
      readError: undefined,
    }),
    ...overrides,
  };
}

function revel(overrides: Partial<RevelProbe> = {}): RevelProbe {
  return {
    host: 'https://acme.revelup.com',
    lookUpReference: async () => exists,
    lookUpTender: async () => exists,
    listProducts: async (establishmentId) =>
      establishmentId === 4
        ? [
            { id: 600, name: 'Donut Dozen', priceCents: 2400, active: true },
            { id: 999, name: 'Catering Open Item', priceCents: 0, active: true },
          ]
        : [
            { id: 1203, name: 'Chocolate Croissant', priceCents: 400, active: true },
            { id: 1299, name: 'Catering Open Item', priceCents: 0, active: true },
          ],
    latestOrder: async () => undefined,
    readOrder: async () => {
      throw new Error('not in a read-only run');
    },
    voidOrder: async () => {
      throw new Error('not in a read-only run');
    },
    ...overrides,
  };
}

const run = (probes: { tripleseat?: TripleSeatProbe; revel?: RevelProbe }) =>
  runDoctor(
    {
      config,
      tripleseat: probes.tripleseat ?? tripleseat(),
      revel: probes.revel ?? revel(),
      revelApi: {} as RevelApi,
      clock,
    },
    { writeTestOrder: false },
  );

const byCheck = (checks: DoctorCheck[], check: string) => checks.filter((c) => c.check === check);

describe('runDoctor, read-only', () => {
  it('reports the shapes of the recent event and exits 0 when every reference exists', async () => {
    const report = await run({});
    expect(report).toMatchObject({
      ran_at: '2026-12-08T18:00:00.000Z',
      mode: 'read-only',
      hosts: { tripleseat: 'https://api.tripleseat.com', revel: 'https://acme.revelup.com' },
      shapes: {
        'tripleseat.payments': 'documents[].payment_set.payments[] (2, 2 paid)',
        'tripleseat.document_naming': 'title',
        'tripleseat.items': 'invoice view only',
      },
    });
    expect(doctorExitCode(report)).toBe(0);
  });

  it('says a location with no event in the window is not checked, never failed', async () => {
    const report = await run({});
    expect(byCheck(report.checks, 'tripleseat.location').map((c) => [c.subject, c.status])).toEqual([
      ['location 101 ("Downtown")', 'ok'],
      ['location 102 ("Denver Taproom")', 'not_checked'],
    ]);
  });

  it('leaves whether the token may write notes not checked, since only a write would show it', async () => {
    const report = await run({});
    expect(byCheck(report.checks, 'tripleseat.notes_write')).toEqual([
      expect.objectContaining({ status: 'not_checked', subject: 'writing notes on events' }),
    ]);
    expect(byCheck(report.checks, 'tripleseat.notes_write')[0]?.detail).toContain('--write-test-order');
  });

  it('fails when TripleSeat rotated the refresh token, so the new one is stored before the connector runs', async () => {
    const report = await run({
      tripleseat: tripleseat({
        requestToken: async () => ({ grant: 'refresh_token', refreshTokenRotated: true }),
      }),
    });
    expect(byCheck(report.checks, 'tripleseat.refresh_token')[0]).toMatchObject({ status: 'failed' });
    expect(doctorExitCode(report)).toBe(1);
  });

  it('fails the token, and checks no event, when TripleSeat refuses the credentials', async () => {
    const refused = new VendorError(
      'tripleseat',
      'TRIPLESEAT_AUTH',
      401,
      false,
      'TripleSeat token request: refused (401)',
    );
    const report = await run({
      tripleseat: tripleseat({
        requestToken: async () => {
          throw refused;
        },
      }),
    });
    expect(byCheck(report.checks, 'tripleseat.token')[0]).toMatchObject({
      status: 'failed',
      detail: refused.message,
    });
    expect(byCheck(report.checks, 'tripleseat.events')[0]).toMatchObject({ status: 'not_checked' });
  });

  it('names an inactive user, a station of another establishment and a missing tender', async () => {
    const report = await run({
      revel: revel({
        lookUpReference: async (kind, id) =>
          kind === 'user'
            ? { found: true, active: false, establishmentId: undefined }
            : kind === 'station' && id === 4
              ? { found: true, active: true, establishmentId: 7 }
              : exists,
        lookUpTender: async (id) =>
          id === 236 ? { found: false, active: false, establishmentId: undefined } : exists,
      }),
    });
    const failures = report.checks
      .filter((c) => c.status === 'failed')
      .map((c) => `${c.subject}: ${c.detail}`);
    expect(failures).toEqual([
      'station 4 (locations["Downtown"].revel.stationId): belongs to establishment 7, not 4',
      'user 1 (locations["Downtown"].revel.userId): user 1 is not active',
      'tender (CustomPaymentType) 236 (locations["Downtown"].revel.tenderId): tender (CustomPaymentType) 236 does not exist in Revel',
    ]);
  });

  it('fails a mapped product that is not active in its establishment', async () => {
    const report = await run({
      revel: revel({
        listProducts: async () => [{ id: 600, name: 'Donut Dozen', priceCents: 2400, active: false }],
      }),
    });
    expect(
      byCheck(report.checks, 'revel.mapped_product').map((c) => [c.subject, c.status, c.detail]),
    ).toEqual([
      ['product 1203 (items.mapping[0])', 'failed', 'not a product of establishment 7'],
      ['product 600 (items.mapping[1])', 'failed', 'not active in establishment 4'],
      [
        'product 999 (locations["Downtown"].revel.openPriceProductId)',
        'failed',
        'not a product of establishment 4',
      ],
      [
        'product 1299 (locations["Denver Taproom"].revel.openPriceProductId)',
        'failed',
        'not a product of establishment 7',
      ],
    ]);
  });

  it('refuses --write-test-order before any vendor call when the config names no test establishment', async () => {
    let calls = 0;
    const counting = tripleseat({
      requestToken: async () => {
        calls += 1;
        return { grant: 'client_credentials', refreshTokenRotated: false };
      },
    });
    await expect(
      runDoctor(
        { config, tripleseat: counting, revel: revel(), revelApi: {} as RevelApi, clock },
        { writeTestOrder: true },
      ),
    ).rejects.toBeInstanceOf(InputError);
    expect(calls).toBe(0);
  });
});
