import { buildWebhookDeps } from './build-webhook-deps';
import { createWebhookHandler } from './webhook-handler';

export { createWebhookHandler } from './webhook-handler';

/** Lambda entry for POST /webhooks/tripleseat (API Gateway HTTP API, payload format 2.0). */
export const handler = createWebhookHandler(() => buildWebhookDeps(process.env));
