import type { MailMessage } from '#functions/core/ports/mailer';
import type { PreflightCheck } from '#functions/core/ports/preflight-store';
import { composeMail, type NotificationSettings } from './mail-render';

/**
 * "3 upcoming events need attention": one digest of what would stop upcoming events on their day,
 * each with what to add or change (core/preflight/run-preflight.ts decides when it goes out).
 */
export function preflightDigestMail(
  settings: NotificationSettings,
  check: PreflightCheck,
  runId: string,
): MailMessage {
  const events = new Set(check.problems.flatMap((p) => (p.eventId === undefined ? [] : [p.eventId])));
  const settingsProblems = check.problems.filter((p) => p.eventId === undefined).length;
  const parts = [
    ...(events.size > 0
      ? [
          `${events.size} upcoming event${events.size === 1 ? '' : 's'} need${events.size === 1 ? 's' : ''} attention`,
        ]
      : []),
    ...(settingsProblems > 0
      ? [`${settingsProblems} Revel setting${settingsProblems === 1 ? '' : 's'} to fix`]
      : []),
  ];
  return composeMail(settings, runId, parts.join('; '), {
    paragraphs: [
      `Checked ${check.eventsChecked} event(s) dated in the next ${check.days} days. What is listed below would stop an order on the event's day; nothing has been written.`,
      'This digest is sent again only when the list changes, or once a day while problems remain.',
    ],
    table: {
      headers: ['Date', 'Event', 'Location', 'Problem', 'What to add or change'],
      rows: check.problems.map((p) => [
        p.date ?? '',
        p.eventId === undefined ? '(all events)' : `${p.eventName ?? ''} (${p.eventId})`.trim(),
        p.location ?? '',
        `${p.reason}: ${p.detail}`,
        p.fix,
      ]),
    },
  });
}
