import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncConfig } from '#functions/core/config/sync-config';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import type { PreflightReport } from '#functions/core/ports/preflight-store';
import { busiestSecond } from '../../../dev/sandbox';
import { type EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { runScheduledToEnd } from '../../support/run-to-end';
import { dish, putEvent } from '../../support/sandbox-events';
import { type HandlerHarness, morningOf, startHandlerHarness } from '../../support/scheduled-harness';

const UPCOMING = '55529101';
const WITH_GRATUITY = '55529102';

let h: EngineHarness;
let hh: HandlerHarness;

async function scheduledRun(deps: SyncHandlerDeps): Promise<PreflightReport> {
  const run = await runScheduledToEnd(deps, `sched-${Math.random()}`);
  if (run.status !== 'finished') throw new Error('the scheduled run did not run');
  return (await deps.runs.getRun(run.runId))?.preflight as PreflightReport;
}

const preflightMails = () => hh.mails().filter((m) => /needs? attention/.test(m.subject));
const problemsOf = (report: PreflightReport, eventId: string) =>
  report.problems.filter((p) => p.eventId === eventId);

beforeAll(async () => {
  h = await startEngineHarness();
  hh = startHandlerHarness(h);
  // The tests below move the clock hours ahead, run by run; they start in the morning.
  hh.clock.set(morningOf(h));
  putEvent(h.sandboxes, h.instant, {
    id: Number(UPCOMING),
    name: 'Birthday in three days',
    dayOffset: 3,
    items: [dish('Maple Bar', 6, '2.50', 3001), dish('Unicorn Cake', 1, '65.00', 3099)],
  });
  putEvent(h.sandboxes, h.instant, {
    id: Number(WITH_GRATUITY),
    name: 'Retirement lunch in two days',
    dayOffset: 2,
    items: [dish('Maple Bar', 12, '2.50', 3001)],
    money: { taxName: 'Sales Tax', charges: [{ name: 'Gratuity', percent: '18' }] },
  });
});

/** The example config with Downtown's money settings changed. */
function downtownWith(revel: Partial<SyncConfig['locations'][number]['revel']>): SyncConfig {
  const [downtown, ...others] = h.config.locations;
  if (!downtown) throw new Error('the example config has a Downtown location');
  return { ...h.config, locations: [{ ...downtown, revel: { ...downtown.revel, ...revel } }, ...others] };
}
afterAll(async () => {
  hh?.close();
  await h?.close();
});

describe('preflight of upcoming events, with each scheduled run', () => {
  let first: PreflightReport;

  it('mails one digest naming the item without a product and what to add, writing nothing', async () => {
    const writesBefore = h.sandboxes.revel.requestLog().filter((r) => r.method !== 'GET').length;

    first = await scheduledRun(hh.deps());

    expect(problemsOf(first, UPCOMING)).toEqual([
      expect.objectContaining({
        reason: 'UNMAPPED_ITEMS',
        detail: 'no Revel product for: Unicorn Cake',
        fix: expect.stringContaining('add an items.mapping entry { "name": "Unicorn Cake"'),
      }),
    ]);
    const mails = preflightMails();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toMatch(/\d+ upcoming events? needs? attention/);
    expect(mails[0]?.text).toContain('Birthday in three days (55529101)');
    expect(mails[0]?.text).toContain('no Revel product for: Unicorn Cake');
    // The sync of today's events writes; the preflight adds no write of its own.
    const preflightWrites = h.sandboxes.revel
      .requestLog()
      .slice(writesBefore)
      .filter((r) => r.method !== 'GET' && r.path.includes(UPCOMING));
    expect(preflightWrites).toHaveLength(0);
    expect(h.sandboxes.revel.orders().some((o) => o.local_id === `Triple Seat_${UPCOMING}`)).toBe(false);
  });

  it('sends nothing more on the next scheduled runs while the problems stay the same', async () => {
    hh.clock.plusHours(0.75);
    const second = await scheduledRun(hh.deps());
    hh.clock.plusHours(0.75);
    await scheduledRun(hh.deps());

    expect(second.problemsHash).toBe(first.problemsHash);
    expect(preflightMails()).toHaveLength(1);
  });

  it('drops the problem from the next run record once the mapping is fixed', async () => {
    const fixed: SyncConfig = {
      ...h.config,
      items: {
        ...h.config.items,
        mapping: [
          ...h.config.items.mapping,
          { name: 'Unicorn Cake', revelProductId: 603, establishmentId: 4 },
        ],
      },
    };
    hh.clock.plusHours(0.75);

    const next = await scheduledRun(hh.deps(fixed));

    expect(problemsOf(next, UPCOMING)).toEqual([]);
    expect(next.eventsChecked).toBe(first.eventsChecked);
  });

  it('names a mapping to a product the establishment does not sell, rather than "no product"', async () => {
    // Product 1203 is Denver's Chocolate Croissant; Downtown (establishment 4) has no such product.
    const elsewhere: SyncConfig = {
      ...h.config,
      items: {
        ...h.config.items,
        mapping: [...h.config.items.mapping, { name: 'Unicorn Cake', revelProductId: 1203 }],
      },
    };
    hh.clock.plusHours(0.75);

    const next = await scheduledRun(hh.deps(elsewhere));

    expect(problemsOf(next, UPCOMING)).toEqual([
      expect.objectContaining({
        reason: 'UNMAPPED_ITEMS',
        detail: 'Unicorn Cake maps to Revel product 1203, which is not a product of the establishment',
        fix: 'point its mapping at an active product of establishment 4',
      }),
    ]);
  });

  it('keeps within the TripleSeat rate limit and counts its requests', async () => {
    const logBefore = h.sandboxes.tripleseat.requestLog().length;

    const report = await scheduledRun(hh.deps());

    // One search per zone whose calendar differs (Los Angeles and Denver share their days for
    // most of the day) plus one fetch per upcoming event; none needs its invoice page.
    const zones = ['America/Los_Angeles', 'America/Denver'];
    const searches = new Set(zones.map((zone) => DateTime.fromJSDate(hh.clock.now(), { zone }).toISODate()))
      .size;
    expect(report.tripleseatRequests).toBe(searches + report.eventsChecked);
    const during = h.sandboxes.tripleseat.requestLog().slice(logBefore);
    expect(busiestSecond(during).requests).toBeLessThanOrEqual(h.config.rateLimits.tripleseatPerSecond);
  });

  it('names a configured Revel user that is inactive, once for the location', async () => {
    const [downtown, ...others] = h.config.locations;
    if (!downtown) throw new Error('the example config has a Downtown location');
    const config: SyncConfig = {
      ...h.config,
      locations: [{ ...downtown, revel: { ...downtown.revel, userId: 2 } }, ...others],
    };

    const report = await scheduledRun(hh.deps(config));

    expect(report.problems.filter((p) => p.reason === 'REVEL_REFERENCE_INVALID')).toEqual([
      {
        eventId: undefined,
        eventName: undefined,
        date: undefined,
        location: 'Downtown',
        reason: 'REVEL_REFERENCE_INVALID',
        detail: 'Revel user 2 is inactive',
        fix: 'activate it in Revel, or set locations["Downtown"].revel.userId to an active one',
      },
    ]);
  });

  it('names a charge of an upcoming event whose charge mapping is missing, and the key to add', async () => {
    const config = downtownWith({ charges: { mapping: [{ kind: 'service_charge', serviceFeeId: 41 }] } });

    const report = await scheduledRun(hh.deps(config));

    expect(problemsOf(report, WITH_GRATUITY)).toEqual([
      expect.objectContaining({
        eventName: 'Retirement lunch in two days',
        location: 'Downtown',
        reason: 'UNMAPPED_CHARGES',
        detail: 'charge "Gratuity" (gratuity) of 5.40 has no Revel setting',
        fix: expect.stringContaining(
          'add a locations["Downtown"].revel.charges.mapping entry { "name": "Gratuity", "serviceFeeId":',
        ),
      }),
    ]);
  });

  it('finds the same event fine once its charge is mapped', async () => {
    const report = await scheduledRun(hh.deps());

    expect(problemsOf(report, WITH_GRATUITY)).toEqual([]);
  });

  it('names a configured discount or service fee that Revel does not have or has switched off', async () => {
    const config = downtownWith({
      discountId: 3361,
      charges: {
        mapping: [
          { kind: 'service_charge', serviceFeeId: 41 },
          { kind: 'gratuity', serviceFeeId: 4242 },
        ],
      },
    });

    const report = await scheduledRun(hh.deps(config));

    expect(
      report.problems.filter((p) => p.reason === 'REVEL_REFERENCE_INVALID').map((p) => [p.detail, p.fix]),
    ).toEqual([
      [
        'Revel discount 3361 is inactive',
        'activate it in Revel, or set locations["Downtown"].revel.discountId to an active one',
      ],
      [
        'Revel serviceFee 4242 does not exist',
        'set locations["Downtown"].revel.charges.mapping[1].serviceFeeId to an existing serviceFee',
      ],
    ]);
  });
});
