import type { DriftAlert } from '#functions/core/deps/drift-deps';
import { formatCents } from '#functions/core/money/cents';
import type { MailMessage } from '#functions/core/ports/mailer';
import { composeMail, type NotificationSettings } from './mail-render';

const FIELD_LABELS: Record<DriftAlert['change']['fields'][number], string> = {
  status: 'Status',
  deleted: 'Event',
  date: 'Date',
  time: 'Start time',
  location: 'Location',
  guest_count: 'Guest count',
  items: 'Items',
  kitchen_notes: 'Kitchen notes',
  money: 'Money',
  payments: 'Payments',
};

/** The subject says the change a person must act on first: a deletion, a lost or cancelled event, or the fields. */
function subjectFor(alert: DriftAlert): string {
  const { eventId, revelOrderId, change } = alert;
  const event = alert.eventName ? `Event ${eventId} (${alert.eventName})` : `Event ${eventId}`;
  if (change.fields.includes('deleted'))
    return `${event} deleted in TripleSeat; Revel order ${revelOrderId} still exists`;
  const status = change.changes.find((c) => c.field === 'status');
  if (status && /^(LOST|CANCELL?ED)$/i.test(status.after))
    return `${event} marked ${status.after} in TripleSeat; Revel order ${revelOrderId} still exists`;
  const fields = change.fields.map((f) => FIELD_LABELS[f].toLowerCase()).join(', ');
  return `${event} changed in TripleSeat after Revel order ${revelOrderId} was written: ${fields}`;
}

/** What became of the kitchen's ticket: rewritten with the new text, or why not (tell the kitchen). */
function notesParagraphs(change: DriftAlert['change'], revelOrderId: string): string[] {
  const update = change.notesUpdate;
  if (update === undefined) {
    return change.fields.includes('kitchen_notes')
      ? [`The kitchen notes of Revel order ${revelOrderId} were not changed: tell the kitchen.`]
      : [];
  }
  return update.updated
    ? [`The kitchen notes of Revel order ${revelOrderId} now read:\n${update.detail}`]
    : [
        `The kitchen notes of Revel order ${revelOrderId} could not be updated (${update.detail}): tell the kitchen.`,
      ];
}

/** What became of the order's payments, amount due and close (drift.payments), or why nothing (tell the cashier). */
function paymentsParagraphs(change: DriftAlert['change'], revelOrderId: string): string[] {
  const update = change.paymentsUpdate;
  if (!change.fields.includes('payments')) return [];
  if (update === undefined)
    return [
      `The payments of Revel order ${revelOrderId} were not changed (drift.payments: alert): tell the cashier what the guest paid or was refunded in TripleSeat.`,
    ];
  const written = update.written.map((p) => `${formatCents(p.cents)} (${p.createdDate})`);
  return [
    ...(written.length > 0
      ? [
          `Paid in TripleSeat after the order was written, now a payment on Revel order ${revelOrderId}: ${written.join(', ')}.`,
        ]
      : []),
    ...(update.remainingDueCents === undefined
      ? []
      : [`Amount due on Revel order ${revelOrderId} set to ${formatCents(update.remainingDueCents)}.`]),
    ...(update.closed ? [`Revel order ${revelOrderId} was closed: its payments make its total.`] : []),
    ...(update.notDone === undefined
      ? []
      : [
          `The payments of Revel order ${revelOrderId} were not ${written.length > 0 ? 'all ' : ''}changed (${update.notDone}): tell the cashier.`,
        ]),
  ];
}

/** The payments step changed the order (a payment or the amount due written). */
const paymentsWritten = (change: DriftAlert['change']): boolean =>
  (change.paymentsUpdate?.written.length ?? 0) > 0 || change.paymentsUpdate?.remainingDueCents !== undefined;

/**
 * One alert per change of an injected event (core/engine/watch-drift.ts): what differs, before and
 * after, and what was done about it. The delete alert is this mail for a deletion.
 */
export function driftAlertMail(settings: NotificationSettings, alert: DriftAlert): MailMessage {
  const { eventId, revelOrderId, change } = alert;
  const appended = change.appended ?? [];
  const named = alert.eventName ? `${eventId} (${alert.eventName})` : eventId;
  const done =
    appended.length > 0
      ? [
          `Added to Revel order ${revelOrderId}: ${appended.map((l) => `${l.quantity} × ${l.name}`).join(', ')}.`,
          "The order's totals, payments and amount due were not updated: they are still those written at injection.",
          'Nothing was removed or repriced: review the rest of the changes by hand.',
        ]
      : change.appendError !== undefined
        ? [
            `The missing items could not be added to Revel order ${revelOrderId}: ${change.appendError}`,
            'Add them in Revel by hand if the kitchen needs them; the order is otherwise as written.',
          ]
        : paymentsWritten(change)
          ? ['Nothing else in the order was changed: review any other change by hand.']
          : [
              `Revel order ${revelOrderId} was left as written. We never void orders automatically, nor remove or reprice anything in them.`,
              change.fields.includes('deleted') || change.fields.includes('status')
                ? 'Review the order by hand and void it in Revel if the event is really cancelled.'
                : 'Review the order by hand and change it in Revel if the kitchen needs the new version.',
            ];
  return composeMail(settings, alert.correlationId, subjectFor(alert), {
    paragraphs: [
      `TripleSeat event ${named} changed after its Revel order ${revelOrderId} was written${change.detectedAt ? ` (first seen ${change.detectedAt})` : ''}.`,
      ...notesParagraphs(change, revelOrderId),
      ...paymentsParagraphs(change, revelOrderId),
      ...done,
    ],
    table: {
      headers: ['What', 'When the order was written', 'Now in TripleSeat'],
      rows: change.changes.map((c) => [FIELD_LABELS[c.field], c.before, c.after]),
    },
  });
}
