import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually';
import { startTestRuntime, type TestRuntime } from '../../support/local-runtime';
import { parseEml } from '../../support/parse-eml';
import { postSignedWebhook } from '../../support/signed-webhook';

// A second save in the same minute as the one injected, through the whole webhook path as `npm start`
// runs it, under each of the sandbox's `updated_at` formats (updatedAtFormat).
let local: TestRuntime;

beforeAll(async () => {
  local = await startTestRuntime();
});
afterAll(async () => {
  await local?.stop();
});

const tripleseat = () => {
  const sandbox = local.runtime.sandboxes?.tripleseat;
  if (!sandbox) throw new Error('the local runtime runs without its TripleSeat sandbox');
  return sandbox;
};

async function webhook(eventId: string, trigger: string, updatedAt: string): Promise<void> {
  const response = await postSignedWebhook(local.runtime, { eventId, trigger, updatedAt });
  expect(((await response.json()) as { status: string }).status).toBe('queued');
}

const subjects = () => local.mails().map((m) => parseEml(m).subject);
const injectionMails = (eventId: string) => subjects().filter((s) => s.includes(`Injected event ${eventId}`));
const lostAlerts = (eventId: string) =>
  subjects().filter((s) => s.includes(`Event ${eventId}`) && s.includes('marked LOST'));
const handled = (eventId: string) =>
  local.logs().filter((l) => l.message === 'event synced' && l.event_id === eventId);

/** Injects the event as saved now, then saves it again as LOST with the very same `updated_at`. */
async function injectThenSaveAgainInTheSameMinute(eventId: string): Promise<string> {
  const savedAt = tripleseat().updateEvent(eventId, {}).updated_at;
  await webhook(eventId, 'UPDATE_EVENT', savedAt);
  await eventually(() => expect(injectionMails(eventId)).toHaveLength(1), 15_000);
  // Pinned rather than left to the clock: the second save lands in the first one's minute.
  tripleseat().updateEvent(eventId, { status: 'LOST', updated_at: savedAt });
  return savedAt;
}

describe('a second save in the same minute after injection, with updated_at to the minute (us-minute)', () => {
  it('is fetched and alerted, since one minute-precision value names every save in that minute', async () => {
    const EVENT = '55521610';
    tripleseat().behave({ updatedAtFormat: 'us-minute' });
    const savedAt = await injectThenSaveAgainInTheSameMinute(EVENT);
    expect(savedAt).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{1,2}:\d{2} [AP]M$/);

    const from = tripleseat().requestLog().length;
    await webhook(EVENT, 'STATUS_CHANGE_EVENT', savedAt);
    await eventually(() => expect(lostAlerts(EVENT)).toHaveLength(1), 15_000);
    expect(
      tripleseat()
        .requestLog()
        .slice(from)
        .map((r) => r.path),
    ).toContain(`/v1/events/${EVENT}.json`);
  });
});

describe('the same with updated_at to the second (iso)', () => {
  it('costs no TripleSeat request: a value with seconds names one save', async () => {
    const EVENT = '55521609';
    tripleseat().behave({ updatedAtFormat: 'iso' });
    const savedAt = await injectThenSaveAgainInTheSameMinute(EVENT);
    expect(savedAt).toMatch(/T\d{2}:\d{2}:\d{2}/);

    const from = tripleseat().requestLog().length;
    await webhook(EVENT, 'STATUS_CHANGE_EVENT', savedAt);
    await eventually(() => expect(handled(EVENT)).toHaveLength(2), 15_000);
    expect(handled(EVENT)[1]).toMatchObject({ status: 'skipped' });
    expect(tripleseat().requestLog().slice(from)).toEqual([]);
  });
});
