import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { TripleSeatClient } from '#functions/tripleseat/client';
import { TripleSeatDoctorProbe } from '#functions/tripleseat/doctor-probe';
import { type Sandboxes, startSandboxes } from '../../../dev/sandbox';
import { dish, putEvent } from '../../support/sandbox-events';

// The doctor reads shapes from the JSON TripleSeat sends, so each variant the sandbox can serve
// (its switches: docs/vendors/sandbox-money.md) is reported as served, over real HTTP.
const now = new Date();
const sandboxes: Sandboxes = await startSandboxes({ now: () => now });
afterAll(() => sandboxes.close());

function probe(refreshToken?: string) {
  let rotated = false;
  const client = new TripleSeatClient({
    apiUrl: sandboxes.env.TRIPLESEAT_API_URL,
    clientId: sandboxes.env.TRIPLESEAT_CLIENT_ID,
    clientSecret: sandboxes.env.TRIPLESEAT_CLIENT_SECRET,
    refreshToken,
    perSecond: 100,
    onRefreshTokenRotated: () => {
      rotated = true;
    },
  });
  return new TripleSeatDoctorProbe(client, sandboxes.env.TRIPLESEAT_API_URL, {
    configured: refreshToken !== undefined,
    rotated: () => rotated,
  });
}

describe('the doctor’s TripleSeat probe over HTTP', () => {
  it('reports payments in documents[].payment_set and documents named by title, as the public models show', async () => {
    sandboxes.tripleseat.reset();
    const shapes = await probe().readEventShapes('55521619');
    expect(shapes).toMatchObject({
      paymentsIn: ['documents[].payment_set.payments[] (2, 1 paid)', 'deposit_amount'],
      documentNaming: ['title'],
      documentsWithLineItems: 1,
      readError: undefined,
    });
  });

  it('reports the variant the sandbox is switched to: event payments[] and documents named by name', async () => {
    sandboxes.tripleseat.behave({ paymentsIn: 'event', documentName: 'name' });
    const shapes = await probe().readEventShapes('55521619');
    sandboxes.tripleseat.reset();
    expect(shapes).toMatchObject({
      paymentsIn: ['event payments[] (1)', 'deposit_amount'],
      documentNaming: ['name'],
    });
  });

  it('lists the events of a window with their locations', async () => {
    putEvent(sandboxes, now, { id: 57000001, items: [dish('Maple Bar', 8, '2.50')] });
    // The sandbox's events are dated by its locations' calendar, not by UTC's.
    const today = DateTime.fromJSDate(now).setZone('America/Los_Angeles').toISODate() ?? '';
    const events = await probe().listEvents(today, today);
    expect(events.map((e) => e.id)).toContain('57000001');
    expect(new Set(events.map((e) => e.locationId))).toContain('101');
  });

  it('says which grant gave the token', async () => {
    await expect(probe().requestToken()).resolves.toEqual({
      grant: 'client_credentials',
      refreshTokenRotated: false,
    });
  });
});
