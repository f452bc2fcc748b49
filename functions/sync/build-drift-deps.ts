import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SyncConfig } from '../core/config/sync-config';
import type { DriftDeps } from '../core/deps/drift-deps';
import type { EngineDeps } from '../core/deps/engine-deps';
import { appendMissingItems } from '../core/drift/append-missing';
import { appendPayments } from '../core/drift/append-payments';
import { updateOrderNotes } from '../core/drift/update-notes';
import { mailDriftAlerts } from '../core/notify/drift-alerts';
import type { Logger } from '../core/ports/logger';
import type { Mailer } from '../core/ports/mailer';
import { DynamoDbDriftLog } from '../platform/drift-log-dynamodb';

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
  return {
    log: new DynamoDbDriftLog({ client, tableName }),
    alert: mailDriftAlerts({ config, mailer }, logger),
    appendMissing: config.drift.policy === 'append-missing-items' ? appendMissingItems(engine) : undefined,
    updateNotes: config.drift.notes === 'update' ? updateOrderNotes(engine) : undefined,
    appendPayments: config.drift.payments === 'append' ? appendPayments(engine) : undefined,
  };
}
