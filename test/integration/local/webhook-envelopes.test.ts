import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePayload, signWebhook, WEBHOOK_ENVELOPES } from '../../../dev/webhook-signing';
import { startTestRuntime, type TestRuntime } from '../../support/local-runtime';

// TripleSeat's published envelope, the old connector's and a flat body (docs/vendors/tripleseat.md,
// "Webhooks"), signed and POSTed to the gateway as `npm start` runs it.
let local: TestRuntime;

beforeAll(async () => {
  local = await startTestRuntime();
});
afterAll(async () => {
  await local?.stop();
});

const sample = (file: string) =>
  readFileSync(new URL(`../../contract/vendor-samples/tripleseat/${file}`, import.meta.url), 'utf8');

async function post(body: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const vars = local.runtime.variables;
  const signature = signWebhook(body, vars.WEBHOOK_SIGNING_SECRET ?? '', Math.floor(Date.now() / 1000));
  const response = await fetch(vars.WEBHOOK_URL ?? '', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': signature },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('webhook envelopes over HTTP', () => {
  it.each([
    ['01-webhook-status-change-event.json', '55521609'],
    ['03-webhook-update-event-object.DERIVED.json', '55521610'],
    ['04-webhook-update-event-flat.DERIVED.json', '55521610'],
  ])('queues the public sample %s for event %s', async (file, eventId) => {
    expect(await post(sample(file))).toMatchObject({
      status: 200,
      body: { status: 'queued', events: [{ id: eventId, status: 'queued' }] },
    });
  });

  it("answers TripleSeat's published CREATE_LEAD example `ignored`, never queuing the lead's id", async () => {
    expect(await post(sample('02-webhook-create-lead-object.json'))).toMatchObject({
      status: 200,
      body: { status: 'ignored', trigger: 'CREATE_LEAD' },
    });
  });

  it.each(WEBHOOK_ENVELOPES)('queues `npm run webhook` deliveries in the %s envelope', async (envelope) => {
    for (const trigger of ['UPDATE_EVENT', 'CREATE_BOOKING', 'DOCUMENT_SIGNED']) {
      const body = JSON.stringify(
        samplePayload('55521611', trigger, `2026-02-01T12:00:00Z/${envelope}`, envelope),
      );
      expect(await post(body), trigger).toMatchObject({
        status: 200,
        body: { status: 'queued', events: [{ id: '55521611', status: 'queued' }] },
      });
    }
  });
});
