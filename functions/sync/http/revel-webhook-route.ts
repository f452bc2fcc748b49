import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { receiveRevelOrderFinalized } from '#functions/core/order-finalized/revel-order-finalized';
import { headerValue, requestBody } from './http-request';
import { type HttpResult, jsonResponse, methodNotAllowed, notFound } from './http-response';

/** Revel's bodies are an order with its items and payments; anything near this is not one. */
const MAX_BODY_BYTES = 1024 * 1024;

/** `POST REVEL_WEBHOOK_PATH`: 404 until a Revel webhook secret is configured. */
export async function answerRevelWebhook(
  event: APIGatewayProxyEventV2,
  method: string,
  deps: SyncHandlerDeps,
  context: { holderId: string; correlationId: string },
): Promise<HttpResult> {
  const { correlationId } = context;
  const secrets = (await deps.revelWebhookSecrets?.()) ?? [];
  if (secrets.length === 0) return notFound(correlationId);
  if (method !== 'POST') return methodNotAllowed(['POST'], correlationId);
  const rawBody = requestBody(event);
  if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES)
    return jsonResponse(413, { status: 'rejected', reason: 'TOO_LARGE' }, correlationId);
  const answer = await receiveRevelOrderFinalized(
    { rawBody, signature: headerValue(event.headers, 'x-revel-signature'), correlationId },
    { engine: deps.engine, secrets, holderId: context.holderId },
  );
  return jsonResponse(answer.statusCode, answer.body, correlationId);
}
