import type { MailMessage } from '../ports/mailer';
import { composeMail, type NotificationSettings } from './mail-render';

export function deletedEventMail(
  settings: NotificationSettings,
  deletion: { eventId: string; revelOrderId: string },
  correlationId: string,
): MailMessage {
  const { eventId, revelOrderId } = deletion;
  return composeMail(
    settings,
    correlationId,
    `Event ${eventId} deleted in TripleSeat; Revel order ${revelOrderId} still exists`,
    {
      paragraphs: [
        `Event ${eventId} was deleted in TripleSeat, but it had already been injected: Revel order ${revelOrderId} still exists.`,
        'Review the order by hand and void it in Revel if the event is really cancelled. We never void orders automatically.',
      ],
    },
  );
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
