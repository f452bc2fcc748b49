import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '#functions/core/contract/queue-message';
import { runStatusPath } from '#functions/core/contract/routes';
import { fireSchedule, parseScheduleArgs } from '../../../dev/schedule-command';
import { samplePayload, signWebhook } from '../../../dev/webhook-signing';
import { eventually } from '../../support/eventually';
import { messagesIn, startTestRuntime, type TestRuntime } from '../../support/local-runtime';
import { parseEml } from '../../support/parse-eml';

// The whole path as `npm start` runs it: gateway → verifier → fauxqs → poller → sync handler → sandboxes.
let local: TestRuntime;

beforeAll(async () => {
  local = await startTestRuntime();
});
afterAll(async () => {
  await local?.stop();
});

const vars = () => local.runtime.variables;
const nowSeconds = () => Math.floor(Date.now() / 1000);

function delivery(eventId: string, secret = vars().WEBHOOK_SIGNING_SECRET ?? '') {
  const body = JSON.stringify(samplePayload(eventId, 'UPDATE_EVENT', '2026-01-01T12:00:00Z'));
  return { body, signature: signWebhook(body, secret, nowSeconds()) };
}

async function postWebhook(
  { body, signature }: { body: string; signature: string },
  correlationId: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(vars().WEBHOOK_URL ?? '', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature': signature,
      'x-correlation-id': correlationId,
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function getJson(
  url: string,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const ordersFor = (eventId: string) =>
  (local.runtime.sandboxes?.revel.orders() ?? []).filter((o) => o.local_id === `Triple Seat_${eventId}`);

const logsOf = (correlationId: string) => local.logs().filter((l) => l.correlation_id === correlationId);

describe('the local runtime, end to end', () => {
  let first: { body: string; signature: string };

  it('turns a signed webhook into exactly one Revel order and one mail, under one correlation id', async () => {
    first = delivery('55521609');
    const answer = await postWebhook(first, 'e2e-first-delivery');
    expect(answer).toEqual({
      status: 200,
      body: expect.objectContaining({ status: 'queued', correlation_id: 'e2e-first-delivery' }),
    });
    await eventually(() => expect(ordersFor('55521609')).toHaveLength(1), 15_000);
    await eventually(() =>
      expect(local.mails().filter((m) => m.includes('X-Correlation-Id: e2e-first-delivery'))).toHaveLength(1),
    );
    const mail = parseEml(
      local.mails().find((m) => m.includes('X-Correlation-Id: e2e-first-delivery')) ?? '',
    );
    expect(mail.text).toContain('Location: Downtown');
    expect(mail.text).toMatch(/ 8 {2}Maple Bar +2\.50 +20\.00/);
    expect(mail.text).toMatch(/Total +141\.97\n/);
    expect(mail.text).toMatch(/Due +141\.97\n/);
    expect(mail.html).toContain('>141.97</td>');
    const lines = logsOf('e2e-first-delivery');
    expect(lines).toContainEqual(expect.objectContaining({ service: 'webhook', message: 'webhook queued' }));
    expect(lines).toContainEqual(
      expect.objectContaining({ service: 'local-runtime', message: 'queue message delivered' }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ service: 'sync', event_id: '55521609', status: 'injected' }),
    );
  });

  it('answers the same delivery again with 200 duplicate and still holds one order', async () => {
    const answer = await postWebhook(first, 'e2e-repeat-delivery');
    expect(answer).toEqual({ status: 200, body: expect.objectContaining({ status: 'duplicate' }) });
    // Its message went out beside the delivery-log write; the sync skips it from the ledger.
    await eventually(
      () =>
        expect(logsOf('e2e-repeat-delivery')).toContainEqual(
          expect.objectContaining({ service: 'sync', event_id: '55521609', status: 'skipped' }),
        ),
      15_000,
    );
    await eventually(
      async () => expect(await messagesIn(local.runtime, local.runtime.queueUrl)).toBe(0),
      15_000,
    );
    expect(ordersFor('55521609')).toHaveLength(1);
  });

  it('answers a wrong signature with 401 and enqueues nothing', async () => {
    const forged = delivery('55521616', 'a-secret-that-is-not-ours-0123456789');
    const answer = await postWebhook(forged, 'e2e-forged-delivery');
    expect(answer).toEqual({ status: 401, body: expect.objectContaining({ status: 'rejected' }) });
    expect(await messagesIn(local.runtime, local.runtime.queueUrl)).toBe(0);

    // The same body, rightly signed, is new to the verifier: the rejected one left no trace.
    const genuine = await postWebhook(delivery('55521616'), 'e2e-genuine-delivery');
    expect(genuine.body.status).toBe('queued');
    await eventually(() => expect(ordersFor('55521616')).toHaveLength(1), 15_000);
    expect(logsOf('e2e-forged-delivery').map((l) => l.service)).toEqual(['webhook']);
  });

  it('processes a good message next to a poison one without failing the batch', async () => {
    const good: EventMessage = {
      kind: 'event',
      eventId: '55521610',
      trigger: 'UPDATE_EVENT',
      receivedAt: new Date().toISOString(),
      correlationId: 'e2e-poison-neighbour',
    };
    await local.runtime.sqs.client.send(
      new SendMessageBatchCommand({
        QueueUrl: local.runtime.queueUrl,
        Entries: [
          { Id: 'poison', MessageBody: 'this is not a sync message' },
          {
            Id: 'good',
            MessageBody: JSON.stringify(good),
            MessageAttributes: { correlationId: { DataType: 'String', StringValue: good.correlationId } },
          },
        ],
      }),
    );
    await eventually(() => expect(ordersFor('55521610')).toHaveLength(1), 15_000);
    // A failed batch would keep both in flight for the 30 s visibility timeout.
    await eventually(async () => expect(await messagesIn(local.runtime, local.runtime.queueUrl)).toBe(0));
    expect(await messagesIn(local.runtime, local.runtime.dlqUrl)).toBe(0);
    expect(local.logs()).toContainEqual(expect.objectContaining({ message: 'poison queue message dropped' }));
  });

  it('lets only one of two overlapping scheduled runs go ahead', async () => {
    const results = await Promise.all([local.runtime.scheduler.fireNow(), local.runtime.scheduler.fireNow()]);
    const statuses = results.map((r) => (r as { status: string }).status).sort();
    expect(statuses).toEqual(['overlap', 'planned']);
  });

  it('fires one scheduled run on POST /__local/schedule, as `npm run schedule` does', async () => {
    // The run before holds the schedule's lease until its queued events settle: a moment.
    let planned: { status?: string; runId?: string } = {};
    await eventually(async () => {
      const { status, body } = await fireSchedule(parseScheduleArgs(['--url', local.runtime.url], {}));
      expect(status).toBe(200);
      planned = body as typeof planned;
      expect(planned.status).toBe('planned');
    }, 15_000);
    // Every eligible event is in Revel already: the run finds them and injects nothing new.
    await eventually(async () => {
      const run = await getJson(
        `${local.runtime.url}${runStatusPath(planned.runId ?? '')}`,
        vars().SYNC_API_TOKEN,
      );
      expect(run.body).toMatchObject({ state: 'finished', summary: { summary: { injected: 0 } } });
    }, 15_000);
    expect(ordersFor('55521609')).toHaveLength(1);
  });

  it('refuses the manual route without the bearer token', async () => {
    const answer = await getJson(`${vars().SYNC_URL}?event_id=55521609`);
    expect(answer.status).toBe(401);
  });

  it('answers a manual single-event sync with its summary', async () => {
    const answer = await getJson(`${vars().SYNC_URL}?event_id=55521609`, vars().SYNC_API_TOKEN);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      mode: 'single',
      summary: { queried: 1, failed: 0 },
      events: [{ id: '55521609', status: 'skipped' }],
    });
    expect(ordersFor('55521609')).toHaveLength(1);
  });

  it('answers a manual bulk run with 202 and serves its finished summary at /api/sync/runs/{id}', async () => {
    const accepted = await getJson(`${vars().SYNC_URL}?hours_back=48`, vars().SYNC_API_TOKEN);
    expect(accepted.status).toBe(202);
    const runId = String(accepted.body.run_id);
    expect(accepted.body.status_url).toBe(runStatusPath(runId));
    const finished = await eventually(async () => {
      const run = await getJson(`${local.runtime.url}${runStatusPath(runId)}`, vars().SYNC_API_TOKEN);
      expect(run.body.state).toBe('finished');
      return run;
    }, 15_000);
    expect(finished.body).toMatchObject({
      run_id: runId,
      trigger: 'manual',
      hours_back: 48,
      summary: { mode: 'bulk', summary: { injected: 0 } },
    });
    const events = (finished.body.summary as { events: Array<{ id: string; status: string }> }).events;
    for (const id of ['55521609', '55521610', '55521616']) {
      expect(events).toContainEqual(expect.objectContaining({ id, status: 'skipped' }));
    }
    for (const id of ['55521609', '55521610', '55521616']) expect(ordersFor(id)).toHaveLength(1);
  });
});
