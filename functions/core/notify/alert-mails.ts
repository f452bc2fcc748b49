import type { MailMessage } from '#functions/core/ports/mailer';
import { driftAlertMail } from './drift-mails';
import { composeMail, type NotificationSettings } from './mail-render';

/** The delete alert of an order without a fingerprint to compare: the drift alert for a deletion. */
export function deletedEventMail(
  settings: NotificationSettings,
  deletion: { eventId: string; revelOrderId: string },
  correlationId: string,
  /** When the deletion was seen (injected Clock); unknown when not given. */
  detectedAt = '',
): MailMessage {
  return driftAlertMail(settings, {
    ...deletion,
    eventName: null,
    policy: 'alert',
    correlationId,
    change: {
      hash: 'deleted',
      fields: ['deleted'],
      changes: [{ field: 'deleted', before: 'exists', after: 'deleted' }],
      detectedAt,
    },
  });
}

export function poisonMessageMail(
  settings: NotificationSettings,
  poison: { messageId: string; problem: string },
): MailMessage {
  return composeMail(
    settings,
    poison.messageId,
    `Unreadable sync queue message ${poison.messageId} dropped`,
    {
      paragraphs: [
        `The sync queue delivered message ${poison.messageId}, which is not a valid sync message: ${poison.problem}.`,
        'It was dropped, because retrying it could never succeed. If an event is affected, sync it by hand with the manual route.',
      ],
    },
  );
}
