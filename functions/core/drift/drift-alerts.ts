import type { SyncHandlerDeps } from '../engine/sync-handler-deps';
import { driftAlertMail } from '../notify/drift-mails';
import { sendMail } from '../notify/send-mail';
import type { Logger } from '../ports/logger';
import type { DriftAlert } from './drift-deps';

/** How a composition root sends drift alerts: an `alert` mail, which always goes out when mail is configured. */
export function mailDriftAlerts(
  deps: Pick<SyncHandlerDeps, 'config' | 'mailer'>,
  logger: Logger,
): (alert: DriftAlert) => Promise<void> {
  return (alert) => sendMail(deps, logger, 'alert', (settings) => driftAlertMail(settings, alert));
}
