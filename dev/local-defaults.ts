import { DEFAULT_SCHEDULE_MINUTES } from '#functions/core/contract/schedule';

/**
 * The local runtime's embedded defaults: obviously-fake credentials that exist only on this machine,
 * so `npm start` needs no AWS account and no vendor account. Never used when real values are set.
 */
export const localDefaults = {
  port: 3000,
  webhookSigningSecret: 'local-dev-webhook-signing-secret-0123456789abcdef',
  syncApiToken: 'local-dev-sync-api-token-0123456789abcdef',
  /** What the local Revel webhook route checks `X-Revel-Signature` against. */
  revelWebhookSecret: 'local-dev-revel-webhook-secret-0123456789abcdef',
  /** The operator API's (and console's) sign-in on this machine, as operator `operatorName`. */
  operatorName: 'local',
  operatorToken: 'local-dev-operator-token-0123456789abcdef',
  ledgerTable: 'tripleseat-revel-sync-ledger',
  queueName: 'tripleseat-sync',
  deadLetterQueueName: 'tripleseat-sync-dlq',
  scheduleIntervalMinutes: DEFAULT_SCHEDULE_MINUTES,
  outboxDir: '.local/outbox',
} as const;
