import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { receiveWebhook } from '#functions/core/intake/receive-webhook';
import type { WebhookDeps } from '#functions/core/intake/webhook-deps';
import type { Logger } from '#functions/core/ports/logger';
import { base64Body, type RawBodyEvent } from '#functions/middleware/base64-body';
import { buildOnce, composition } from '#functions/middleware/composition';
import { flushMetrics } from '#functions/middleware/flush-metrics';
import { entryPoint, type HandlerContext } from '#functions/middleware/handler-context';
import { httpCorrelation } from '#functions/middleware/http-correlation';
import { httpErrors } from '#functions/middleware/http-errors';
import { lambdaLogContext } from '#functions/middleware/lambda-log-context';
import { createJsonLogger } from '#functions/platform/logger';
import { toApiGatewayResult, toWebhookRequest } from './api-gateway';

const loggerOf = (deps: WebhookDeps) => deps.logger;

/**
 * The verifier Lambda. Deps are built once per cold start; when that fails the caller gets 503 if a
 * retry can help (TripleSeat re-sends), else 500 — from the one HTTP error rule (http-error-answer.ts).
 */
export function createWebhookHandler(
  getDeps: () => Promise<WebhookDeps>,
  /** Used only while deps (and their logger) are unavailable. */
  fallbackLogger: Logger = createJsonLogger({ base: { service: 'webhook' } }),
) {
  const handler = middy<RawBodyEvent, APIGatewayProxyStructuredResultV2, Error, HandlerContext<WebhookDeps>>()
    .use(httpCorrelation())
    .use(httpErrors({ loggerOf, fallbackLogger }))
    .use(composition(buildOnce(getDeps)))
    .use(lambdaLogContext(loggerOf))
    .use(flushMetrics((deps: WebhookDeps) => deps))
    .use(base64Body())
    .handler(async (event, context) =>
      toApiGatewayResult(await receiveWebhook(toWebhookRequest(event), context.deps)),
    );
  return entryPoint(handler);
}
