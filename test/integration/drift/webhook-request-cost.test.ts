import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually';
import { startTestRuntime, type TestRuntime } from '../../support/local-runtime';
import { parseEml } from '../../support/parse-eml';
import { postSignedWebhook } from '../../support/signed-webhook';

// What a repeated webhook delivery of an injected event costs TripleSeat, through the whole path as
// `npm start` runs it: gateway → verifier → queue → poller → sync handler, counted by the sandbox.
let local: TestRuntime;

beforeAll(async () => {
  local = await startTestRuntime();
});
afterAll(async () => {
  await local?.stop();
});

const EVENT = '55521610';
const DUPLICATES = 8;

const tripleseat = () => {
  const sandbox = local.runtime.sandboxes?.tripleseat;
  if (!sandbox) throw new Error('the local runtime runs without its TripleSeat sandbox');
  return sandbox;
};
/** TripleSeat requests as "METHOD path", from the `from`-th on. */
const tripleseatRequests = (from = 0) =>
  tripleseat()
    .requestLog()
    .slice(from)
    .map((r) => `${r.method} ${r.path}`);

async function webhook(trigger: string, updatedAt: string, correlationId: string): Promise<string> {
  const response = await postSignedWebhook(local.runtime, {
    eventId: EVENT,
    trigger,
    updatedAt,
    headers: { 'x-correlation-id': correlationId },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { status: string }).status;
}

const synced = (correlationId: string) =>
  local.logs().filter((l) => l.message === 'event synced' && l.correlation_id === correlationId);
const subjects = () => local.mails().map((m) => parseEml(m).subject);
const driftAlerts = () => subjects().filter((s) => s.includes(`Event ${EVENT}`) && s.includes('marked LOST'));

describe('repeated webhook deliveries of an event whose order already exists', () => {
  it('cost no TripleSeat request while updated_at is unchanged, and one fetch and one alert once it changes', async () => {
    const injectedAt = tripleseat().event(EVENT)?.updated_at ?? '';
    expect(injectedAt).not.toBe('');
    expect(await webhook('UPDATE_EVENT', injectedAt, 'first')).toBe('queued');
    await eventually(() => expect(synced('first')).toMatchObject([{ status: 'injected' }]), 15_000);
    // The injection mail goes out after the lease is released: nothing of the first sync is left running.
    await eventually(
      () => expect(subjects().filter((s) => s.includes(`Injected event ${EVENT}`))).toHaveLength(1),
      15_000,
    );

    const afterFirstSync = tripleseat().requestLog().length;
    const answers: string[] = [];
    for (let i = 0; i < DUPLICATES; i += 1) {
      const trigger = i % 2 === 0 ? 'UPDATE_EVENT' : 'CHANGE_EVENT_GUEST_COUNTS';
      answers.push(await webhook(trigger, injectedAt, `again-${i}`));
      // One at a time: deliveries handled at once would contend for the event's lease instead.
      await eventually(() => expect(synced(`again-${i}`)).toMatchObject([{ status: 'skipped' }]), 15_000);
    }
    expect(answers).toContain('duplicate');
    expect(tripleseatRequests(afterFirstSync)).toEqual([]);

    const lost = tripleseat().updateEvent(EVENT, { status: 'LOST' });
    expect(lost.updated_at).not.toBe(injectedAt);
    const beforeChange = tripleseat().requestLog().length;
    await webhook('STATUS_CHANGE_EVENT', lost.updated_at, 'changed');
    await eventually(() => expect(driftAlerts()).toHaveLength(1), 15_000);
    expect(tripleseatRequests(beforeChange).filter((r) => r.includes(`/events/${EVENT}`))).toHaveLength(1);

    // The change, delivered again: already compared, so nothing is fetched and nothing mailed twice.
    const afterChange = tripleseat().requestLog().length;
    await webhook('STATUS_CHANGE_EVENT', lost.updated_at, 'changed-again');
    await eventually(() => expect(synced('changed-again')).toMatchObject([{ status: 'skipped' }]), 15_000);
    expect(tripleseatRequests(afterChange)).toEqual([]);
    expect(driftAlerts()).toHaveLength(1);
  });
});
