import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { describeError } from '#functions/core/domain/errors';
import type { Logger } from '#functions/core/ports/logger';
import type { MailMessage } from '#functions/core/ports/mailer';
import type { NotificationSettings } from './mail-render';

/** Which `notifications` switch governs a mail; alerts (deleted event, poison message) always go out. */
export type MailKind = 'onInjected' | 'onFailed' | 'digest' | 'alert';

/** An SES error can quote recipient addresses; they stay out of the logs. */
const ADDRESS = /[^\s@<>"']+@[^\s@<>"']+/g;

/**
 * Sends one mail if a mailer is configured and the switch for `kind` is on. A mail that cannot be
 * sent is logged and forgotten: the sync it reports on has already happened and must not fail.
 */
export async function sendMail(
  deps: Pick<SyncHandlerDeps, 'config' | 'mailer'>,
  logger: Logger,
  kind: MailKind,
  compose: (settings: NotificationSettings) => MailMessage,
): Promise<void> {
  const settings = deps.config.notifications;
  if (!deps.mailer || !settings || (kind !== 'alert' && !settings[kind])) return;
  let subject: string | undefined;
  try {
    const message = compose(settings);
    subject = message.subject;
    await deps.mailer.send(message);
    logger.info('mail sent', { mail_kind: kind, subject });
  } catch (e: unknown) {
    logger.error('mail not sent', {
      mail_kind: kind,
      subject,
      error: describeError(e).replace(ADDRESS, '[address]'),
    });
  }
}
