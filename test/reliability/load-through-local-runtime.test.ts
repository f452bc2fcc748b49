import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TripleSeatEvent } from '../../dev/sandbox';
import { samplePayload, signWebhook } from '../../dev/webhook-signing';
import { eventually } from '../support/eventually';
import { writeFastSyncConfig } from '../support/fast-sync-config';
import { messagesIn, startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { secretValuesOf, seededRandom, shuffle } from './reliability-helpers';

// RELIABILITY.md, "Load": 1,000 signed deliveries for 200 events, shuffled, 50 in flight, through
// the whole local runtime (gateway → verifier → fauxqs → poller → sync handler → sandboxes).
// The deployment's Revel pace (5 req/s, ~8 requests per order) would make 200 orders take minutes:
// this run raises `rateLimits.revelPerSecond` (and TripleSeat's pace with the sandbox's own 429
// limit) so it stays within about a minute. Exactly-once does not depend on the pace.
const EVENTS = 200;
const DELIVERIES_PER_EVENT = 5;
const IN_FLIGHT = 50;
const FIRST_ID = 58_000_000;
const SEED = 20_261_129;

let local: TestRuntime;
let config: ReturnType<typeof writeFastSyncConfig>;

beforeAll(async () => {
  config = writeFastSyncConfig('load');
  const configPath = config.path;
  local = await startTestRuntime({
    env: { SYNC_CONFIG: configPath },
    // A message whose event another sync holds comes back after this long, as SQS would.
    visibilityTimeoutSeconds: 3,
    sandboxes: { tripleseatPerSecond: 200 },
  });
}, 60_000);

afterAll(async () => {
  await local?.stop();
  config?.remove();
});

const eventIds = Array.from({ length: EVENTS }, (_, i) => String(FIRST_ID + i));
const guestEmail = (i: number) => `guest.${i}.load@example.org`;
const guestPhone = (i: number) => `(555) 019-${4000 + i}`;

/** The events' last save: what the sandbox answers and the later deliveries carry. */
const LAST_SAVED = '2026-01-01T12:05:00Z';
/** An earlier save, whose delivery (and its re-send) arrives after the later one was made. */
const EARLIER_SAVE = '2026-01-01T12:00:00Z';

/**
 * 200 copies of the eligible event 55521609 (mapped items), each with its own guest contact, last
 * saved at LAST_SAVED.
 */
function seedEvents(): void {
  const sandboxes = local.runtime.sandboxes;
  if (!sandboxes) throw new Error('the load test needs the built-in sandboxes');
  const template = sandboxes.tripleseat.event('55521609') as TripleSeatEvent;
  eventIds.forEach((id, i) => {
    sandboxes.tripleseat.setEvent({
      ...structuredClone(template),
      id: Number(id),
      name: `Load Breakfast ${i}`,
      updated_at: LAST_SAVED,
      contact: {
        ...template.contact,
        first_name: `Guest${i}`,
        email_addresses: [{ address: guestEmail(i) }],
        phone_numbers: [{ number: guestPhone(i) }],
      },
    });
  });
}

interface Delivery {
  body: string;
  eventId: string;
}

/**
 * Five deliveries per event, as TripleSeat's retries and overlapping triggers make them: an update,
 * the same update re-sent, a later update, a document trigger of that later save, and the later update
 * re-sent. Each carries its save's `updated_at`: once the order exists, the later save's deliveries
 * cost the sync no TripleSeat request, the earlier save's (stale) ones one fetch each.
 */
function deliveries(): Delivery[] {
  return eventIds.flatMap((eventId) => {
    const body = (trigger: string, updatedAt: string) =>
      JSON.stringify(samplePayload(eventId, trigger, updatedAt));
    const first = body('UPDATE_EVENT', EARLIER_SAVE);
    const later = body('UPDATE_EVENT', LAST_SAVED);
    return [first, first, later, body('UPDATE_EVENT_DOCUMENT', LAST_SAVED), later].map((b) => ({
      body: b,
      eventId,
    }));
  });
}

async function deliver(delivery: Delivery, index: number): Promise<{ status: number; ms: number }> {
  const signature = signWebhook(
    delivery.body,
    local.runtime.variables.WEBHOOK_SIGNING_SECRET ?? '',
    Math.floor(Date.now() / 1000),
  );
  const started = performance.now();
  const response = await fetch(local.runtime.variables.WEBHOOK_URL ?? '', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature': signature,
      'x-correlation-id': `load-${index}`,
    },
    body: delivery.body,
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

/** Sends every delivery with at most `limit` requests in flight. */
async function sendAll(list: Delivery[], limit: number): Promise<Array<{ status: number; ms: number }>> {
  const answers: Array<{ status: number; ms: number }> = new Array(list.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < list.length; i = next++) answers[i] = await deliver(list[i] as Delivery, i);
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return answers;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

describe('1,000 webhook deliveries for 200 events through the local runtime', () => {
  it('make 200 orders, none twice, none lost, every delivery answered 2xx', async () => {
    seedEvents();
    const list = shuffle(deliveries(), seededRandom(SEED));
    expect(list).toHaveLength(EVENTS * DELIVERIES_PER_EVENT);

    const tripleseatBefore = local.runtime.sandboxes?.tripleseat.requestLog().length ?? 0;
    const started = performance.now();
    const answers = await sendAll(list, IN_FLIGHT);
    const sentSeconds = (performance.now() - started) / 1000;

    expect(answers.filter((a) => a.status < 200 || a.status > 299)).toEqual([]);

    const revel = () => local.runtime.sandboxes?.revel.orders() ?? [];
    const ours = () => revel().filter((o) => eventIds.some((id) => o.local_id === `Triple Seat_${id}`));
    // A liveness wait, not a speed limit: the whole system shares two cores here (RELIABILITY.md, "Last run").
    await eventually(() => expect(ours()).toHaveLength(EVENTS), 120_000, 250);
    await eventually(
      async () => expect(await messagesIn(local.runtime, local.runtime.queueUrl)).toBe(0),
      30_000,
      250,
    );
    const doneSeconds = (performance.now() - started) / 1000;

    const orders = ours();
    expect(new Set(orders.map((o) => o.local_id)).size).toBe(EVENTS);
    expect(new Set(orders.map((o) => o.uuid)).size).toBe(EVENTS);
    const itemUuids = orders.flatMap((o) => o.items.map((i) => i.uuid));
    expect(new Set(itemUuids).size).toBe(itemUuids.length);
    // Every order complete: as many items as the template's order, each once.
    const itemCounts = new Set(orders.map((o) => o.items.length));
    expect([...itemCounts]).toEqual([orders[0]?.items.length]);
    expect(orders[0]?.items.length).toBeGreaterThan(0);
    expect(await messagesIn(local.runtime, local.runtime.dlqUrl)).toBe(0);

    const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
    const p50 = percentile(ms, 50);
    const p99 = percentile(ms, 99);
    const statuses = new Map<number, number>();
    for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    console.log(
      `LOAD: ${answers.length.toLocaleString('en-US')} deliveries / ${EVENTS} events → ${orders.length} orders, ` +
        `${orders.length - new Set(orders.map((o) => o.local_id)).size} duplicates, ${EVENTS - orders.length} lost, ` +
        `p50 ${p50.toFixed(1)} ms / p99 ${p99.toFixed(1)} ms ack (max ${ms.at(-1)?.toFixed(1)} ms); ` +
        `answers ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}; sent in ${sentSeconds.toFixed(1)} s, all orders in ${doneSeconds.toFixed(1)} s; ` +
        `${local.runtime.sandboxes?.revel.requestLog().length} Revel requests, ` +
        `${(local.runtime.sandboxes?.tripleseat.requestLog().length ?? 0) - tripleseatBefore} TripleSeat requests`,
    );
  }, 180_000);

  it('never writes a secret, a guest e-mail address or a phone number to the logs or the mails', () => {
    const logs = local.logs().map((line) => JSON.stringify(line));
    const mails = local.mails();
    expect(logs.length).toBeGreaterThan(EVENTS);
    expect(mails.length).toBeGreaterThanOrEqual(EVENTS);

    const secrets = secretValuesOf({ ...local.runtime.env, ...local.runtime.sandboxes?.env });
    // Each phone number as seeded and as bare digits, the form a normaliser would write.
    const contacts = eventIds.flatMap((_, i) => [
      guestEmail(i),
      guestPhone(i),
      guestPhone(i).replace(/\D/g, ''),
    ]);
    // The secrets are real ones of this run: the scan would find them if they were written.
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    const leaks = (texts: string[]) =>
      [...secrets, ...contacts].filter((value) => texts.some((text) => text.includes(value)));
    expect(leaks(logs)).toEqual([]);
    expect(leaks(mails)).toEqual([]);
  });
});
