import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE_MINUTES } from '#functions/core/contract/schedule';
import { eventually } from '../../support/eventually';
import { startTestRuntime, type TestRuntime } from '../../support/local-runtime';

// The day on one screen (GET /api/day) and the status every console page shows (GET /api/status),
// through the local runtime over real HTTP, with the schedule's interval as deployed.
let local: TestRuntime;

beforeAll(async () => {
  local = await startTestRuntime({ scheduleIntervalMinutes: DEFAULT_SCHEDULE_MINUTES });
});
afterAll(async () => {
  await local?.stop();
});

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field, as a script would
type Json = any;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${local.runtime.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${local.runtime.variables.OPERATOR_TOKEN ?? ''}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

const rowOf = (day: Json, eventId: string): Json =>
  [...day.locations, ...day.unconfigured]
    .flatMap((l: Json) => l.events)
    .find((e: Json) => e.event_id === eventId);

const tripleseatDown = () =>
  local.runtime.sandboxes?.faults.add({
    vendor: 'tripleseat',
    path: /^\/v1\/events/,
    times: Number.POSITIVE_INFINITY,
    action: { kind: 'fail', status: 503 },
  });

describe('the day on one screen', () => {
  it("lists today's events per location with TripleSeat's status, the zone-labelled time, total, paid and due", async () => {
    const { status, body } = await call('GET', '/api/day');
    expect(status).toBe(200);
    expect(body.locations.map((l: Json) => l.name)).toEqual(['Downtown', 'Denver Taproom']);
    const lindqvist = rowOf(body, '55521619');
    expect(lindqvist).toEqual(
      expect.objectContaining({
        name: 'Lindqvist Awards Luncheon',
        tripleseat_status: 'DEFINITE',
        outcome: 'not_synced',
        total_cents: 23108,
        paid_cents: 5000,
        due_cents: 18108,
        location_configured: true,
      }),
    );
    expect(lindqvist.time).toMatch(/^\d{2}:\d{2}$/);
    expect(lindqvist.zone_label).toMatch(/^P[SD]T$/);
    const denver = body.locations.find((l: Json) => l.name === 'Denver Taproom');
    expect(denver.time_zone).toBe('America/Denver');
    expect(denver.events.every((e: Json) => /^M[SD]T$/.test(e.zone_label))).toBe(true);
  });

  it('shows a TENTATIVE party as not eligible, with its TripleSeat status and what to do', async () => {
    const { body } = await call('GET', '/api/day');
    const obrien = rowOf(body, '55521614');
    expect(obrien).toEqual(
      expect.objectContaining({
        tripleseat_status: 'TENTATIVE',
        outcome: 'not_eligible',
        reason: 'STATUS_NOT_ELIGIBLE',
        time: '19:00',
      }),
    );
    expect(obrien.what_to_do).toContain('Confirm it in TripleSeat');
  });

  it('lists an event at a TripleSeat location the config does not name, apart, as not eligible', async () => {
    const { body } = await call('GET', '/api/day');
    expect(body.unconfigured).toEqual([
      expect.objectContaining({ tripleseat_location_id: '999', name: 'Pop-up' }),
    ]);
    expect(body.unconfigured[0].events).toEqual([
      expect.objectContaining({
        event_id: '55521615',
        name: 'Chen Pop-up Tasting',
        location_configured: false,
        outcome: 'not_eligible',
        reason: 'LOCATION_NOT_MAPPED',
        time: '13:00',
      }),
    ]);
    expect(body.unconfigured[0].events[0].what_to_do).toContain('locations[]');
  });

  it('reads each event from TripleSeat once: viewed again, the unchanged day costs only the search', async () => {
    const log = () => local.runtime.sandboxes?.tripleseat.requestLog() ?? [];
    await call('GET', '/api/day');
    const before = log().length;
    await call('GET', '/api/day');
    const again = log().slice(before);
    expect(again.map((r) => r.path)).toEqual(again.map(() => '/v1/events/search.json'));
    expect(again.length).toBeGreaterThan(0);
  });

  it('shows another day with --date, and refuses a day that is not one', async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const later = await call('GET', `/api/day?date=${tomorrow}`);
    expect(later.status).toBe(200);
    expect(later.body.date).toBe(tomorrow);
    expect(later.body.locations.every((l: Json) => l.date === tomorrow)).toBe(true);
    const bad = await call('GET', '/api/day?date=2026-13-01');
    expect(bad).toEqual({
      status: 400,
      body: { error: 'date must be a day YYYY-MM-DD', parameter: 'date', reason: 'BAD_INPUT' },
    });
  });
});

describe('the status above every page', () => {
  it('raises a banner for each switch that stops or diverts orders, and drops it when switched back', async () => {
    expect((await call('GET', '/api/status')).body.banners).toEqual([]);
    await call('PUT', '/api/settings', { connector_enabled: false, dry_run: true });
    const off = await call('GET', '/api/status');
    expect(off.body.banners.map((b: Json) => b.kind)).toEqual(['connector_off', 'dry_run']);
    expect(off.body.banners[0].message).toContain('nothing reaches Revel');
    expect((await call('GET', '/api/day')).body.status.banners).toHaveLength(2);
    await call('PUT', '/api/settings', { connector_enabled: true, dry_run: false });
    expect((await call('GET', '/api/status')).body.banners).toEqual([]);
  });

  it('shows the last scheduled run and the next one, one interval later', async () => {
    const before = await call('GET', '/api/status');
    expect(before.body.schedule).toEqual({
      interval_minutes: DEFAULT_SCHEDULE_MINUTES,
      last_run: null,
      next_run_at: null,
      overdue: false,
    });
    await local.runtime.scheduler.fireNow();
    // Planned at once; finished when the queue has settled its events at Revel's pace (5 req/s).
    await eventually(
      async () =>
        expect((await call('GET', '/api/status')).body.schedule.last_run).toEqual(
          expect.objectContaining({ state: 'finished' }),
        ),
      30_000,
    );
    const { schedule } = (await call('GET', '/api/status')).body;
    expect(Date.parse(schedule.next_run_at) - Date.parse(schedule.last_run.at)).toBe(
      DEFAULT_SCHEDULE_MINUTES * 60_000,
    );
  }, 60_000);

  it("lists today's TENTATIVE party and the unconfigured location's event in the morning digest", async () => {
    await eventually(() =>
      expect(local.mails().find((m) => m.includes('Not going to Revel today'))).toBeDefined(),
    );
    const digest = local.mails().find((m) => m.includes('Not going to Revel today'));
    expect(digest).toContain("O'Brien Rehearsal Dinner");
    expect(digest).toContain('STATUS_NOT_ELIGIBLE');
    expect(digest).toContain('Chen Pop-up Tasting');
    expect(digest).toContain('LOCATION_NOT_MAPPED');
  }, 60_000);

  it('counts the dead letters for the navigation without receiving them, and says why each died', async () => {
    expect((await call('GET', '/api/status')).body.dlq_count).toBe(0);
    await local.runtime.sqs.client.send(
      new SendMessageCommand({
        QueueUrl: local.runtime.dlqUrl,
        MessageBody: JSON.stringify({ eventId: '55521611', trigger: 'webhook' }),
      }),
    );
    const [letter] = (await call('GET', '/api/dlq')).body.messages;
    expect(letter).toEqual(
      expect.objectContaining({ event_id: '55521611', last_outcome: 'failed', reason: 'UNMAPPED_ITEMS' }),
    );
    const first = letter.receive_count;
    for (let i = 0; i < 3; i++) expect((await call('GET', '/api/status')).body.dlq_count).toBe(1);
    // Only the second look at the page itself receives the message again; the three counts did not.
    expect((await call('GET', '/api/dlq')).body.messages[0].receive_count).toBe(first + 1);
    await call('POST', '/api/dlq/redrive', {});
  });
});

describe('the event page', () => {
  it("shows the guest's name but never their phone or e-mail, and the payments", async () => {
    const { body } = await call('GET', '/api/events/55521619');
    expect(body.contact_name).toMatch(/Lindqvist/);
    const answer = JSON.stringify(body);
    for (const secret of ['astrid.lindqvist@example.com', '010-1619', 'phone', 'email'])
      expect(answer).not.toContain(secret);
    expect(body.payments).toEqual([expect.objectContaining({ kind: 'deposit', cents: 5000 })]);
    expect(body.kitchen.notes).toContainEqual({ label: 'Allergies', text: 'Tree nuts (one guest)' });
    expect(body.unavailable).toEqual([]);
  });

  it('names TripleSeat when it is down and keeps the last known outcome from the ledger', async () => {
    await call('POST', '/api/events/55521609/sync');
    const fault = tripleseatDown();
    try {
      const page = await call('GET', '/api/events/55521609');
      expect(page.status).toBe(200);
      expect(page.body.outcome).toBe('injected');
      expect(page.body.unavailable).toEqual([
        expect.objectContaining({ vendor: 'tripleseat', code: 'TRIPLESEAT_UNAVAILABLE' }),
      ]);
      expect(page.body.unavailable[0].message).toContain('TripleSeat answered 503');
      const unknown = await call('GET', '/api/events/99999999');
      expect(unknown.status).toBe(503);
      expect(unknown.body.error).toContain('TripleSeat answered 503');
      const day = await call('GET', '/api/day');
      expect(day.status).toBe(200);
      expect(day.body.unavailable).toEqual([expect.objectContaining({ vendor: 'tripleseat' })]);
    } finally {
      if (fault) local.runtime.sandboxes?.faults.clear();
    }
  });
});
