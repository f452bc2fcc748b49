import { describe, expect, it } from 'vitest';
import { InputError } from '#functions/core/domain/errors';
import { receiveWebhook } from '#functions/core/intake/receive-webhook';
import { verifySignature } from '#functions/core/intake/signature';
import { localDefaults } from '../../../dev/local-defaults';
import { parseWebhookArgs, sendWebhook } from '../../../dev/webhook-command';
import { samplePayload, signWebhook } from '../../../dev/webhook-signing';
import { fakeWebhookDeps, NOW_SECONDS } from '../../support/fake-webhook-deps';

describe('signWebhook', () => {
  it('produces a timestamped signature the verifier accepts', () => {
    const rawBody = JSON.stringify(samplePayload('55521609', 'UPDATE_EVENT', '2025-01-01T12:00:00Z'));
    const header = signWebhook(rawBody, 'a-secret-of-sixteen+', 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(
      verifySignature({ rawBody, header, secrets: ['a-secret-of-sixteen+'], nowSeconds: 1_700_000_000 }),
    ).toEqual({ ok: true, scheme: 'timestamped' });
  });
});

describe('parseWebhookArgs', () => {
  it('defaults to UPDATE_EVENT, the local gateway and the embedded signing secret', () => {
    expect(parseWebhookArgs(['55521609'], {})).toEqual({
      eventId: '55521609',
      trigger: 'UPDATE_EVENT',
      updatedAt: '2025-01-01T12:00:00Z',
      envelope: 'object',
      url: `http://127.0.0.1:${localDefaults.port}/webhooks/tripleseat`,
      secret: localDefaults.webhookSigningSecret,
      badSignature: false,
    });
  });

  it('takes the port and the first rotating secret from the environment', () => {
    const send = parseWebhookArgs(['1'], {
      PORT: '4100',
      WEBHOOK_SIGNING_SECRETS: 'new-secret-0001, old-secret',
    });
    expect(send).toMatchObject({
      url: 'http://127.0.0.1:4100/webhooks/tripleseat',
      secret: 'new-secret-0001',
    });
    expect(parseWebhookArgs(['1'], { WEBHOOK_SIGNING_SECRET: 'single' }).secret).toBe('single');
  });

  it('lets flags override everything', () => {
    const argv = [
      '7',
      '--trigger',
      'create_booking',
      '--url',
      'http://h/x',
      '--secret',
      's',
      '--updated-at',
      'u',
      '--envelope',
      'flat',
    ];
    expect(parseWebhookArgs([...argv, '--bad-signature'], { WEBHOOK_SIGNING_SECRET: 'env' })).toEqual({
      eventId: '7',
      trigger: 'CREATE_BOOKING',
      updatedAt: 'u',
      envelope: 'flat',
      url: 'http://h/x',
      secret: 's',
      badSignature: true,
    });
  });

  it.each([[[]], [['abc']], [['1', '2']], [['1', '--nope']], [['1', '--envelope', 'wrapped']]])(
    'rejects bad usage %j with an InputError',
    (argv) => {
      expect(() => parseWebhookArgs(argv, {})).toThrow(InputError);
    },
  );
});

describe('sendWebhook', () => {
  function throughVerifier(badSignature: boolean) {
    const { deps, sent } = fakeWebhookDeps(['cli-secret-0123456789']);
    const fetchFn = (async (_url: string | URL | Request, init?: RequestInit) => {
      const headers = Object.fromEntries(new Headers(init?.headers).entries());
      const answer = await receiveWebhook({ rawBody: String(init?.body), headers }, deps);
      return new Response(JSON.stringify(answer.body), { status: answer.statusCode });
    }) as typeof fetch;
    const send = { ...parseWebhookArgs(['55521609'], {}), secret: 'cli-secret-0123456789', badSignature };
    return { send: () => sendWebhook(send, NOW_SECONDS, fetchFn), sent };
  }

  it('sends a delivery the verifier queues, then a duplicate when sent again', async () => {
    const { send, sent } = throughVerifier(false);
    expect(await send()).toMatchObject({ status: 200, body: { status: 'queued' } });
    expect(await send()).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    // The duplicate's message goes out beside the delivery-log write (enqueue-deliveries.ts): the sync skips it.
    const message = { eventId: '55521609', trigger: 'UPDATE_EVENT', updatedAt: '2025-01-01T12:00:00Z' };
    expect(sent).toMatchObject([message, message]);
  });

  it.each(['object', 'event', 'flat'] as const)(
    'sends a delivery in the %s envelope that the verifier queues with its updated_at',
    async (envelope) => {
      const { deps, sent } = fakeWebhookDeps(['cli-secret-0123456789']);
      const fetchFn = (async (_url: string | URL | Request, init?: RequestInit) => {
        const headers = Object.fromEntries(new Headers(init?.headers).entries());
        const answer = await receiveWebhook({ rawBody: String(init?.body), headers }, deps);
        return new Response(JSON.stringify(answer.body), { status: answer.statusCode });
      }) as typeof fetch;
      const send = {
        ...parseWebhookArgs(['55521609', '--envelope', envelope], {}),
        secret: 'cli-secret-0123456789',
      };
      expect(await sendWebhook(send, NOW_SECONDS, fetchFn)).toMatchObject({
        status: 200,
        body: { status: 'queued' },
      });
      expect(sent).toMatchObject([{ eventId: '55521609', updatedAt: '2025-01-01T12:00:00Z' }]);
    },
  );

  it('sends a delivery the verifier rejects when asked for a bad signature', async () => {
    const { send, sent } = throughVerifier(true);
    expect(await send()).toMatchObject({ status: 401, body: { status: 'rejected', reason: 'MISMATCH' } });
    expect(sent).toEqual([]);
  });
});
