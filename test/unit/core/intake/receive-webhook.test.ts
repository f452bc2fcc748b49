import { describe, expect, it } from 'vitest';
import { ConfigError } from '#functions/core/domain/errors';
import { MAX_BODY_BYTES, receiveWebhook } from '#functions/core/intake/receive-webhook';
import { MetricName } from '#functions/core/ports/metrics';
import { signWebhook } from '../../../../dev/webhook-signing';
import { fakeWebhookDeps, NOW, NOW_SECONDS, SIGNING_SECRET } from '../../../support/fake-webhook-deps';
import { publishedValues } from '../../../support/metric-lines';

const GUEST_EMAIL = 'ann.guest@example.com';

function delivery(body: unknown, headers: Record<string, string | undefined> = {}, secret = SIGNING_SECRET) {
  const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
  return { rawBody, headers: { 'x-signature': signWebhook(rawBody, secret, NOW_SECONDS), ...headers } };
}

const updateEvent = (id: number | string, updatedAt: string | undefined = '2025-06-12T09:00:00-04:00') => ({
  webhook_trigger_type: 'UPDATE_EVENT',
  event: { id, name: 'Spring gala', updated_at: updatedAt, contact: { email: GUEST_EMAIL } },
});

describe('receiveWebhook', () => {
  it('queues a signed event delivery with the trigger, the event’s updated_at, clock time and correlation id', async () => {
    const { deps, sent } = fakeWebhookDeps();
    const answer = await receiveWebhook(
      delivery(updateEvent(55521609), { 'x-correlation-id': 'corr-123' }),
      deps,
    );
    expect(answer).toEqual({
      statusCode: 200,
      correlationId: 'corr-123',
      body: { status: 'queued', correlation_id: 'corr-123', events: [{ id: '55521609', status: 'queued' }] },
    });
    expect(sent).toEqual([
      {
        kind: 'event',
        eventId: '55521609',
        trigger: 'UPDATE_EVENT',
        receivedAt: NOW.toISOString(),
        correlationId: 'corr-123',
        updatedAt: '2025-06-12T09:00:00-04:00',
      },
    ]);
  });

  it('queues a delivery without updated_at with no updatedAt, so the sync side fetches the event', async () => {
    const { deps, sent } = fakeWebhookDeps();
    await receiveWebhook(delivery({ webhook_trigger_type: 'UPDATE_EVENT', event: { id: 55521609 } }), deps);
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toHaveProperty('updatedAt');
  });

  it('checks the signature over the bytes received, so a signed Latin-1 body is queued', async () => {
    const { deps, sent } = fakeWebhookDeps();
    const latin1 = Buffer.from(
      JSON.stringify(updateEvent(55521609)).replace('Spring gala', 'Gala de Noël'),
      'latin1',
    );
    const header = signWebhook(latin1, SIGNING_SECRET, NOW_SECONDS);

    const asBytes = await receiveWebhook({ rawBody: latin1, headers: { 'x-signature': header } }, deps);
    // The same bytes read as UTF-8 text first (what a re-encoding did): the é becomes U+FFFD.
    const asText = await receiveWebhook(
      { rawBody: latin1.toString('utf8'), headers: { 'x-signature': header } },
      deps,
    );

    expect(asBytes.statusCode).toBe(200);
    expect(asText).toMatchObject({ statusCode: 401, body: { reason: 'MISMATCH' } });
    expect(sent.map((m) => m.kind === 'event' && m.eventId)).toEqual(['55521609']);
  });

  it('answers duplicate to a second identical delivery, whose message (sent meanwhile) repeats the first', async () => {
    const { deps, sent } = fakeWebhookDeps();
    await receiveWebhook(delivery(updateEvent(55521609)), deps);
    const again = await receiveWebhook(delivery(updateEvent(55521609)), deps);
    expect(again.statusCode).toBe(200);
    expect(again.body).toMatchObject({
      status: 'duplicate',
      events: [{ id: '55521609', status: 'duplicate' }],
    });
    // The sync side skips the second one from the ledger (test/unit/core/intake/overlapped-acknowledgement.test.ts).
    expect(sent).toHaveLength(2);
    expect(sent.map((m) => m.kind === 'event' && [m.eventId, m.trigger])).toEqual([
      ['55521609', 'UPDATE_EVENT'],
      ['55521609', 'UPDATE_EVENT'],
    ]);
  });

  it('remembers deliveries for at least three days', async () => {
    const { deps, deliveries } = fakeWebhookDeps();
    await receiveWebhook(delivery(updateEvent(1)), deps);
    expect([...deliveries.keys.values()].every((days) => days >= 3)).toBe(true);
  });

  it('queues the same event again once its updated_at has changed', async () => {
    const { deps, sent } = fakeWebhookDeps();
    await receiveWebhook(delivery(updateEvent(7, '2025-06-12T09:00:00Z')), deps);
    const changed = await receiveWebhook(delivery(updateEvent(7, '2025-06-12T09:05:00Z')), deps);
    expect(changed.body).toMatchObject({ status: 'queued' });
    expect(sent).toHaveLength(2);
  });

  it('tells deliveries without updated_at apart by their body', async () => {
    const { deps, sent } = fakeWebhookDeps();
    const signed = { type: 'DOCUMENT_SIGNED', document: { event_id: 7, signed_at: 'first' } };
    expect((await receiveWebhook(delivery(signed), deps)).body).toMatchObject({ status: 'queued' });
    expect((await receiveWebhook(delivery(signed), deps)).body).toMatchObject({ status: 'duplicate' });
    const resigned = { ...signed, document: { event_id: 7, signed_at: 'second' } };
    expect((await receiveWebhook(delivery(resigned), deps)).body).toMatchObject({ status: 'queued' });
    expect(sent).toHaveLength(3);
  });

  it('fans a booking delivery out to one message per event', async () => {
    const { deps, sent } = fakeWebhookDeps();
    const booking = { webhook_trigger_type: 'CREATE_BOOKING', booking: { id: 3, event_ids: [11, 12] } };
    const answer = await receiveWebhook(delivery(booking), deps);
    expect(answer.body).toMatchObject({
      status: 'queued',
      events: [
        { id: '11', status: 'queued' },
        { id: '12', status: 'queued' },
      ],
    });
    expect(sent.map((m) => m.kind === 'event' && m.eventId)).toEqual(['11', '12']);
  });

  it('versions a booking fan-out by its body, since its event.updated_at dates only one of the events', async () => {
    const { deps, sent } = fakeWebhookDeps();
    const booking = (status: string) => ({
      webhook_trigger_type: 'STATUS_CHANGE_BOOKING',
      booking: { status, event_ids: [11, 12] },
      event: { id: 11, updated_at: '2025-06-12T09:00:00Z' },
    });
    await receiveWebhook(delivery(booking('TENTATIVE')), deps);
    const changed = await receiveWebhook(delivery(booking('DEFINITE')), deps);
    expect(changed.body).toMatchObject({ status: 'queued' });
    expect(sent).toHaveLength(4);
    // Nor does any of its messages carry it: event 11's updated_at must not stand for event 12.
    expect(sent.some((m) => 'updatedAt' in m)).toBe(false);
  });

  it('enqueues DELETE_EVENT so the sync side can record it and alert', async () => {
    const { deps, sent } = fakeWebhookDeps();
    const answer = await receiveWebhook(
      delivery({ webhook_trigger_type: 'DELETE_EVENT', event: { id: 9 } }),
      deps,
    );
    expect(answer.body).toMatchObject({ status: 'queued' });
    expect(sent).toMatchObject([{ eventId: '9', trigger: 'DELETE_EVENT' }]);
  });

  it.each(['CREATE_LEAD', 'REASSIGN_EVENT_OWNERSHIP', 'DELETE_BOOKING', 'CREATE_ROOM', 'SOMETHING_NEW'])(
    'answers 200 ignored to %s and enqueues nothing',
    async (trigger) => {
      const { deps, sent, deliveries } = fakeWebhookDeps();
      const answer = await receiveWebhook(delivery({ webhook_trigger_type: trigger, lead: { id: 4 } }), deps);
      expect(answer.statusCode).toBe(200);
      expect(answer.body).toMatchObject({ status: 'ignored', trigger });
      expect(sent).toEqual([]);
      expect(deliveries.keys.size).toBe(0);
    },
  );

  it.each([
    [
      'a wrong secret',
      (d: ReturnType<typeof delivery>) => delivery(d.rawBody, {}, 'not-the-secret-at-all'),
      'MISMATCH',
    ],
    ['no signature', (d: ReturnType<typeof delivery>) => ({ ...d, headers: {} }), 'MISSING'],
    [
      'a tampered body',
      (d: ReturnType<typeof delivery>) => ({ ...d, rawBody: d.rawBody.replace('55', '56') }),
      'MISMATCH',
    ],
    [
      'a stale timestamp',
      (d: ReturnType<typeof delivery>) => ({
        ...d,
        headers: { 'x-signature': signWebhook(d.rawBody, SIGNING_SECRET, NOW_SECONDS - 301) },
      }),
      'STALE',
    ],
    [
      'a garbled header',
      (d: ReturnType<typeof delivery>) => ({ ...d, headers: { 'x-signature': 'abc' } }),
      'MALFORMED',
    ],
  ])('answers 401 to %s, counts it as WebhookRejected and enqueues nothing', async (_, tamper, reason) => {
    const { deps, sent, deliveries, metrics } = fakeWebhookDeps();
    const answer = await receiveWebhook(tamper(delivery(updateEvent(55521609))), deps);
    deps.metrics.flush();
    expect(answer.statusCode).toBe(401);
    expect(answer.body).toMatchObject({ status: 'rejected', reason });
    expect(publishedValues(metrics(), MetricName.WebhookRejected)).toEqual([1]);
    expect(sent).toEqual([]);
    expect(deliveries.keys.size).toBe(0);
  });

  it('counts no WebhookRejected for a delivery it queues, nor for one refused for another reason', async () => {
    const { deps, metricLines } = fakeWebhookDeps();
    const answers = [
      await receiveWebhook(delivery(updateEvent(55521609)), deps),
      await receiveWebhook(delivery('{"webhook_trigger_type": "UPDATE_'), deps),
      await receiveWebhook(delivery('x'.repeat(MAX_BODY_BYTES + 1)), deps),
    ];
    deps.metrics.flush();
    expect(answers.map((a) => a.statusCode)).toEqual([200, 400, 413]);
    expect(metricLines).toEqual([]);
  });

  it('answers 400 naming the problem to a signed body that is not JSON', async () => {
    const { deps, sent } = fakeWebhookDeps();
    const answer = await receiveWebhook(delivery('{"webhook_trigger_type": "UPDATE_'), deps);
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toMatchObject({
      status: 'invalid',
      problem: 'NOT_JSON',
      message: 'body is not valid JSON',
    });
    expect(sent).toEqual([]);
  });

  it('answers 400 naming the missing id to a signed actionable delivery without an event id', async () => {
    const { deps, sent } = fakeWebhookDeps();
    const answer = await receiveWebhook(
      delivery({ webhook_trigger_type: 'UPDATE_EVENT', event: { name: 'x' } }),
      deps,
    );
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toMatchObject({ problem: 'NO_EVENT_ID' });
    expect(String(answer.body.message)).toContain('event.id');
    expect(sent).toEqual([]);
  });

  it('answers 413 to a body over 1 MB before looking at its signature', async () => {
    const { deps, sent } = fakeWebhookDeps();
    const padded = JSON.stringify({ ...updateEvent(1), padding: 'x'.repeat(MAX_BODY_BYTES) });
    const answer = await receiveWebhook(delivery(padded), deps);
    expect(answer.statusCode).toBe(413);
    expect(sent).toEqual([]);
  });

  it('accepts a body of exactly 1 MB', async () => {
    const { deps } = fakeWebhookDeps();
    const body = JSON.stringify({ ...updateEvent(1), padding: '' });
    const exact = body.replace('"padding":""', `"padding":"${'x'.repeat(MAX_BODY_BYTES - body.length)}"`);
    expect(Buffer.byteLength(exact)).toBe(MAX_BODY_BYTES);
    expect((await receiveWebhook(delivery(exact), deps)).statusCode).toBe(200);
  });

  it('answers 503 when the queue is unreachable and forgets the delivery, so the retry is queued', async () => {
    const { deps, sent, queue, deliveries } = fakeWebhookDeps();
    queue.failing = true;
    const failed = await receiveWebhook(delivery(updateEvent(55521609)), deps);
    expect(failed.statusCode).toBe(503);
    expect(deliveries.keys.size).toBe(0);
    queue.failing = false;
    const retried = await receiveWebhook(delivery(updateEvent(55521609)), deps);
    expect(retried.body).toMatchObject({ status: 'queued' });
    expect(sent).toHaveLength(1);
    expect(deliveries.keys.size).toBe(1);
  });

  it('answers 503 to a booking fan-out when one event cannot be enqueued, and the retry queues only that one', async () => {
    const { deps, sent, queue } = fakeWebhookDeps();
    const send = queue.send;
    queue.send = async (message) => {
      if (message.kind === 'event' && message.eventId === '12') throw new Error('SQS throttled');
      await send(message);
    };
    const booking = delivery({ webhook_trigger_type: 'CREATE_BOOKING', booking: { event_ids: [11, 12] } });
    expect((await receiveWebhook(booking, deps)).statusCode).toBe(503);
    queue.send = send;
    const retried = await receiveWebhook(booking, deps);
    expect(retried.body).toMatchObject({
      status: 'queued',
      events: [
        { id: '11', status: 'duplicate' },
        { id: '12', status: 'queued' },
      ],
    });
    // Event 11's second message went out beside its delivery-log write: one more skip on the sync side.
    expect(sent.map((m) => m.kind === 'event' && m.eventId)).toEqual(['11', '11', '12']);
  });

  it('answers 503 when the delivery log is unreachable, though the message went out beside it', async () => {
    const { deps, sent, deliveries } = fakeWebhookDeps();
    deliveries.failing = true;
    const answer = await receiveWebhook(delivery(updateEvent(1)), deps);
    expect(answer.statusCode).toBe(503);
    expect(answer.body).toMatchObject({ status: 'unavailable' });
    expect(sent).toMatchObject([{ eventId: '1' }]);
  });

  it('answers 503 when the secrets store is unreachable, 500 when its configuration is broken', async () => {
    const { deps } = fakeWebhookDeps();
    deps.signingSecrets = async () => {
      throw new Error('Secrets Manager timed out');
    };
    expect((await receiveWebhook(delivery(updateEvent(1)), deps)).statusCode).toBe(503);
    deps.signingSecrets = async () => {
      throw new ConfigError('webhookSigningSecrets', 'no signing secret configured');
    };
    expect((await receiveWebhook(delivery(updateEvent(1)), deps)).statusCode).toBe(500);
  });

  it('answers an unexpected error with a generic 500 carrying the correlation id, not the message', async () => {
    const { deps, logLines } = fakeWebhookDeps();
    deps.clock = {
      now: () => {
        throw new TypeError('internal detail: table tripleseat-ledger');
      },
    };
    const answer = await receiveWebhook(delivery(updateEvent(1), { 'x-correlation-id': 'corr-500' }), deps);
    expect(answer).toEqual({
      statusCode: 500,
      correlationId: 'corr-500',
      body: { status: 'error', message: 'internal error', correlation_id: 'corr-500' },
    });
    expect(logLines.at(-1)).toContain('internal detail');
  });

  it.each([
    ['absent', undefined],
    ['too long', 'x'.repeat(65)],
    ['full of odd characters', 'id with spaces; drop table'],
  ])('makes up a correlation id when the header is %s', async (_, header) => {
    const { deps, sent } = fakeWebhookDeps();
    const answer = await receiveWebhook(delivery(updateEvent(1), { 'x-correlation-id': header }), deps);
    expect(answer.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body.correlation_id).toBe(answer.correlationId);
    expect(sent).toMatchObject([{ correlationId: answer.correlationId }]);
  });

  it('logs one line per outcome with correlation id, trigger, event ids and signature scheme', async () => {
    const { deps, logLines } = fakeWebhookDeps();
    await receiveWebhook(delivery(updateEvent(55521609), { 'x-correlation-id': 'corr-log' }), deps);
    expect(logLines).toHaveLength(1);
    expect(JSON.parse(logLines[0] ?? '')).toMatchObject({
      level: 'info',
      correlation_id: 'corr-log',
      outcome: 'queued',
      trigger: 'UPDATE_EVENT',
      event_ids: ['55521609'],
      verified_with: 'timestamped',
    });
  });

  it('never logs the signature, the secret or the body, whatever the outcome', async () => {
    const { deps, logLines, queue } = fakeWebhookDeps();
    const good = delivery(updateEvent(55521609));
    const requests = [
      good,
      good,
      delivery(updateEvent(55521609), {}, 'wrong-secret-wrong-secret'),
      delivery(`{"guest": "${GUEST_EMAIL}"`),
      delivery({ webhook_trigger_type: 'UPDATE_EVENT', event: { id: `${GUEST_EMAIL}` } }),
    ];
    for (const request of requests) await receiveWebhook(request, deps);
    queue.failing = true;
    await receiveWebhook(delivery(updateEvent(2)), deps);
    expect(logLines).toHaveLength(requests.length + 1);
    const logged = logLines.join('\n');
    for (const request of requests) {
      const mac = String(request.headers['x-signature']).split('v1=')[1] ?? '';
      expect(logged).not.toContain(mac);
    }
    expect(logged).not.toContain(SIGNING_SECRET);
    expect(logged).not.toContain(GUEST_EMAIL);
    expect(logged).not.toContain('Spring gala');
  });
});
