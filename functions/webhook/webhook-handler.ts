import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { correlationIdFrom } from '../core/contract/correlation-id';
import { AppError, describeError } from '../core/domain/errors';
import type { Logger } from '../core/ports/logger';
import { receiveWebhook } from '../core/webhook/receive-webhook';
import { internalError, unavailable } from '../core/webhook/webhook-answer';
import type { WebhookDeps } from '../core/webhook/webhook-deps';
import { createJsonLogger } from '../platform/logger';
import { toApiGatewayResult, toWebhookRequest } from './api-gateway';

/** The verifier Lambda: deps built once per cold start; a failed build is retried on the next call. */
export function createWebhookHandler(
  getDeps: () => Promise<WebhookDeps>,
  /** Used only while deps (and their logger) are unavailable. */
  startupLogger: Logger = createJsonLogger({ base: { service: 'webhook' } }),
) {
  let deps: Promise<WebhookDeps> | undefined;
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    deps ??= getDeps().catch((e: unknown) => {
      deps = undefined;
      throw e;
    });
    const request = toWebhookRequest(event);
    let ready: WebhookDeps;
    try {
      ready = await deps;
    } catch (e: unknown) {
      const correlationId = correlationIdFrom(request.headers['x-correlation-id']);
      startupLogger.error('webhook deps unavailable', {
        correlation_id: correlationId,
        error: describeError(e),
      });
      // A broken configuration will not heal on TripleSeat's retry; an unreachable secrets store may.
      const fatal = e instanceof AppError && !e.retryable;
      return toApiGatewayResult(fatal ? internalError(correlationId) : unavailable(correlationId));
    }
    try {
      return toApiGatewayResult(await receiveWebhook(request, ready));
    } finally {
      flushMetrics(ready);
    }
  };
}

/** A metrics line that cannot be written is logged; TripleSeat's answer does not depend on it. */
function flushMetrics(deps: WebhookDeps): void {
  try {
    deps.metrics.flush();
  } catch (e: unknown) {
    deps.logger.warn('metrics not flushed', { error: describeError(e) });
  }
}
