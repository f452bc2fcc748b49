import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SyncConfig } from '#functions/core/config/sync-config';
import type { AppendMissing, AppendPayments, DriftDeps, UpdateNotes } from '#functions/core/deps/drift-deps';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import type { Logger } from '#functions/core/ports/logger';
import type { Mailer } from '#functions/core/ports/mailer';
import { DynamoDbDriftLog } from '#functions/platform/drift-log-dynamodb';

/** Drift watching on the ledger table: records, alert mails, the append saga, the notes update and the payments as the policies ask. */
export function buildDriftDeps(options: {
  config: SyncConfig;
  client: DynamoDBDocumentClient;
  tableName: string;
  mailer: Mailer | undefined;
  logger: Logger;
  engine: Pick<EngineDeps, 'config' | 'revel' | 'ledger' | 'clock' | 'logger'>;
}): DriftDeps {
  const { config, client, tableName, mailer, logger, engine } = options;
  // Each policy's code is imported on the first change it handles: a queue message's cold start
  // needs none of it (functions/sync/handler.ts).
  const appendMissing: AppendMissing = async (change) =>
    (await import('#functions/core/drift/append-missing')).appendMissingItems(engine)(change);
  const updateNotes: UpdateNotes = async (change) =>
    (await import('#functions/core/drift/update-notes')).updateOrderNotes(engine)(change);
  const appendPayments: AppendPayments = async (change) =>
    (await import('#functions/core/drift/append-payments')).appendPayments(engine)(change);
  return {
    log: new DynamoDbDriftLog({ client, tableName }),
    alert: async (alert) =>
      (await import('#functions/core/notify/drift-alerts')).mailDriftAlerts(
        { config, mailer },
        logger,
      )(alert),
    appendMissing: config.drift.policy === 'append-missing-items' ? appendMissing : undefined,
    updateNotes: config.drift.notes === 'update' ? updateNotes : undefined,
    appendPayments: config.drift.payments === 'append' ? appendPayments : undefined,
  };
}
