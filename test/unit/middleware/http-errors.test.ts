import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '#functions/core/domain/errors';
import { createJsonLogger } from '#functions/platform/logger';
import { createSyncHandler } from '#functions/sync/handler';
import { createHttpHandler } from '#functions/sync/http-handler';
import { createWebhookHandler } from '#functions/webhook/webhook-handler';
import { signWebhook } from '../../../dev/webhook-signing';
import { fakeSyncHandlerDeps, httpEvent, jsonBody } from '../../support/fake-sync-handler-deps';
import { fakeWebhookDeps, NOW_SECONDS, SIGNING_SECRET } from '../../support/fake-webhook-deps';

function webhookEvent(correlationId: string): APIGatewayProxyEventV2 {
  const body = JSON.stringify({ webhook_trigger_type: 'UPDATE_EVENT', event: { id: 1, updated_at: 'v1' } });
  return {
    body,
    isBase64Encoded: false,
    headers: {
      'x-signature': signWebhook(body, SIGNING_SECRET, NOW_SECONDS),
      'x-correlation-id': correlationId,
    },
  } as unknown as APIGatewayProxyEventV2;
}

const context = { awsRequestId: 'req-1' };

describe('the HTTP error rule, on both HTTP entry points', () => {
  it('answers an unexpected error from the webhook and from the manual route with the same generic 500', async () => {
    const webhook = fakeWebhookDeps();
    webhook.deps.clock = {
      now: () => {
        throw new TypeError('clock corrupt: key=abc123');
      },
    };
    const sync = fakeSyncHandlerDeps();
    sync.deps.syncApiToken = () => Promise.reject(new TypeError('secrets cache corrupt: key=abc123'));

    const fromWebhook = await createWebhookHandler(async () => webhook.deps)(webhookEvent('corr-w'), context);
    const fromSync = await createSyncHandler(async () => sync.deps)(
      httpEvent({ headers: { 'x-correlation-id': 'corr-s' } }),
      context,
    );

    expect([fromWebhook.statusCode, fromSync.statusCode]).toEqual([500, 500]);
    expect(jsonBody(fromWebhook)).toEqual({
      status: 'error',
      message: 'internal error',
      correlation_id: 'corr-w',
    });
    expect(jsonBody(fromSync)).toEqual({
      status: 'error',
      message: 'internal error',
      correlation_id: 'corr-s',
    });
    expect(fromWebhook.body).not.toContain('abc123');
    expect(fromSync.body).not.toContain('abc123');
    expect(fromSync.headers?.['x-correlation-id']).toBe('corr-s');
  });

  it('answers the same generic 500 from both when the dependencies cannot be built, logging the cause', async () => {
    const lines: string[] = [];
    const fallback = createJsonLogger({ write: (line) => lines.push(line) });
    const broken = () => Promise.reject(new Error('SYNC_CONFIG_JSON is not valid JSON'));
    const fatal = () =>
      Promise.reject(new ConfigError('SYNC_CONFIG_JSON', 'SYNC_CONFIG_JSON is not valid JSON'));

    const webhook = await createWebhookHandler(fatal, fallback)(webhookEvent('corr-w'), context);
    const sync = await createHttpHandler(fatal, fallback)(
      httpEvent({ headers: { 'x-correlation-id': 'corr-s' } }),
      context,
    );
    const retryable = await createHttpHandler(broken, fallback)(httpEvent(), context);

    expect(jsonBody(webhook)).toEqual({
      status: 'error',
      message: 'internal error',
      correlation_id: 'corr-w',
    });
    expect(jsonBody(sync)).toEqual({ status: 'error', message: 'internal error', correlation_id: 'corr-s' });
    expect(retryable.statusCode).toBe(503);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        message: 'request failed',
        correlation_id: 'corr-w',
        function_request_id: 'req-1',
      }),
      expect.objectContaining({ message: 'request failed', correlation_id: 'corr-s', status: 500 }),
      expect.objectContaining({
        message: 'request failed',
        status: 503,
        error: 'SYNC_CONFIG_JSON is not valid JSON',
      }),
    ]);
  });
});
