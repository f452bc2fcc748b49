import type { DriftAlert } from '#functions/core/deps/drift-deps';
import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import type { Logger } from '#functions/core/ports/logger';
import { driftAlertMail } from './drift-mails';
import { sendMail } from './send-mail';

/** How a composition root sends drift alerts: an `alert` mail, which always goes out when mail is configured. */
export function mailDriftAlerts(
  deps: Pick<SyncHandlerDeps, 'config' | 'mailer'>,
  logger: Logger,
): (alert: DriftAlert) => Promise<void> {
  return (alert) => sendMail(deps, logger, 'alert', (settings) => driftAlertMail(settings, alert));
}
