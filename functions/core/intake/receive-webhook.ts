import { correlationIdFrom } from '#functions/core/contract/correlation-id';
import { isActionableTrigger } from '#functions/core/contract/triggers';
import { AppError, describeError } from '#functions/core/domain/errors';
import { MetricName } from '#functions/core/ports/metrics';
import { enqueueDeliveries } from './enqueue-deliveries';
import { verifySignature } from './signature';
import {
  internalError,
  unavailable,
  type WebhookAnswer,
  type WebhookRequest,
  WebhookUnavailableError,
  webhookAnswer,
} from './webhook-answer';
import type { WebhookDeps } from './webhook-deps';
import { parseWebhookPayload, WebhookPayloadError } from './webhook-payload';

/** TripleSeat payloads are a few kB; anything near this is not a delivery. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * POST /webhooks/tripleseat, answered as docs/architecture.md, "Failure semantics" says: 5xx only
 * when a retry can help, because TripleSeat re-sends on failure and disables endpoints that keep failing.
 */
export async function receiveWebhook(request: WebhookRequest, deps: WebhookDeps): Promise<WebhookAnswer> {
  const correlationId = correlationIdFrom(request.headers['x-correlation-id']);
  const log = (level: 'info' | 'warn' | 'error', outcome: string, fields: Record<string, unknown> = {}) =>
    deps.logger[level](`webhook ${outcome}`, { correlation_id: correlationId, outcome, ...fields });
  const answer = (statusCode: number, body: Record<string, unknown>) =>
    webhookAnswer(correlationId, statusCode, body);
  try {
    // The signature is checked over the bytes as received; only the payload parser reads them as text.
    const rawBody = bodyBytes(request.rawBody);
    const bytes = rawBody.length;
    if (bytes > MAX_BODY_BYTES) {
      log('warn', 'rejected', { reason: 'TOO_LARGE', bytes });
      return answer(413, { status: 'rejected', reason: 'TOO_LARGE' });
    }
    const secrets = await signingSecrets(deps);
    const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
    const verdict = verifySignature({ rawBody, header: request.headers['x-signature'], secrets, nowSeconds });
    if (!verdict.ok) {
      deps.metrics.count(MetricName.WebhookRejected);
      log('warn', 'rejected', { reason: verdict.reason, bytes });
      return answer(401, { status: 'rejected', reason: verdict.reason });
    }
    const verified_with = verdict.scheme;
    // A text body (API Gateway's usual form) is parsed as received: no second decode of its bytes.
    const text = typeof request.rawBody === 'string' ? request.rawBody : rawBody.toString('utf8');
    const payload = parseWebhookPayload(text);
    if (payload.trigger !== undefined && !isActionableTrigger(payload.trigger)) {
      log('info', 'ignored', { trigger: payload.trigger, verified_with });
      return answer(200, { status: 'ignored', trigger: payload.trigger });
    }
    if (payload instanceof WebhookPayloadError) {
      const { trigger, problem, message } = payload;
      log('warn', 'invalid', { trigger, problem, detail: message, verified_with });
      return answer(400, { status: 'invalid', problem, message });
    }
    // An ActionableTrigger from here on: the `ignored` check above let no other trigger through.
    const { trigger, eventIds: event_ids } = payload;
    const statuses = await enqueueDeliveries({ ...payload, trigger }, { rawBody, correlationId }, deps);
    const status = statuses.every((s) => s === 'duplicate') ? 'duplicate' : 'queued';
    const events = event_ids.map((id, i) => ({ id, status: statuses[i] }));
    log('info', status, { trigger, event_ids, events, verified_with });
    return answer(200, { status, events });
  } catch (e: unknown) {
    const retryable = e instanceof WebhookUnavailableError;
    log('error', retryable ? 'unavailable' : 'error', { error: describeError(e) });
    return retryable ? unavailable(correlationId) : internalError(correlationId);
  }
}

function bodyBytes(rawBody: string | Uint8Array): Buffer {
  return typeof rawBody === 'string'
    ? Buffer.from(rawBody, 'utf8')
    : Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
}

/** A secrets store that is unreachable may answer on TripleSeat's retry; a broken configuration will not. */
async function signingSecrets(deps: WebhookDeps): Promise<readonly string[]> {
  try {
    return await deps.signingSecrets();
  } catch (e: unknown) {
    if (e instanceof AppError && !e.retryable) throw e;
    throw new WebhookUnavailableError([e]);
  }
}
