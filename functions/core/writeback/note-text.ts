import { formatCents } from '#functions/core/money/cents';
import type { NoteKind } from '#functions/core/ports/write-back-log';

/** The figures a note states: Revel's, as the cashier sees them (undefined: Revel did not say). */
export interface NoteFigures {
  revelOrderId: string;
  location: string;
  totalCents: number | undefined;
  paidCents: number | undefined;
  dueCents: number | undefined;
}

/**
 * The marker that finds a note again on the event: a lost answer to the POST, or a second way in
 * (webhook, schedule, manual), lists the event's notes and writes only when no note carries it.
 */
export const noteMarker = (kind: NoteKind, revelOrderId: string): string =>
  `[revel-sync:${kind}:${revelOrderId}]`;

const money = (cents: number | undefined): string =>
  cents === undefined ? 'not known' : `$${formatCents(cents)}`;

/** Money and the order number only: a note never carries the guest's contact. */
export function noteText(kind: NoteKind, figures: NoteFigures): string {
  const headline =
    kind === 'injected'
      ? `Revel order ${figures.revelOrderId} was created for this event.`
      : `Revel order ${figures.revelOrderId} is ${figures.dueCents === 0 ? 'paid in full' : 'closed'} in Revel.`;
  return [
    headline,
    `Location: ${figures.location}`,
    `Total: ${money(figures.totalCents)} · Paid: ${money(figures.paidCents)} · Due: ${money(figures.dueCents)}`,
    noteMarker(kind, figures.revelOrderId),
  ].join('\n');
}
