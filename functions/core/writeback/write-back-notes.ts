import type { SyncConfig } from '#functions/core/config/sync-config';
import type { WriteBackDeps } from '#functions/core/deps/write-back-deps';
import { AppError, describeError } from '#functions/core/domain/errors';
import type { RevelOrderMoney } from '#functions/core/domain/model';
import type { Clock } from '#functions/core/ports/clock';
import type { Logger } from '#functions/core/ports/logger';
import type { RevelApi } from '#functions/core/ports/revel-api';
import type { EventNote } from '#functions/core/ports/tripleseat-notes';
import type { NoteKind, WriteBackState } from '#functions/core/ports/write-back-log';
import { type NoteFigures, noteMarker, noteText } from './note-text';

export interface WriteBackContext {
  config: Pick<SyncConfig, 'locations' | 'writeBack'>;
  revel: Pick<RevelApi, 'getOrder' | 'listOrderHistory'>;
  clock: Clock;
  logger: Logger;
  writeBack: WriteBackDeps;
}

export interface WriteBackRequest {
  eventId: string;
  revelOrderId: string;
  /** Also look whether the order is closed or paid in Revel (a poll: one or two Revel reads). */
  checkPaid: boolean;
}

/**
 * The notes on the TripleSeat event for its Revel order (`writeBack.tripleseatNotes`): the
 * "injected" note once, then the "paid" note once the order is closed or paid in Revel. Runs under
 * the event's lease; the event's notes are listed before any write and a note carrying the marker is
 * adopted, so a lost answer or a second way in never doubles a note. A failure is recorded for the
 * console and logged, never thrown: the sync's outcome stands.
 */
export async function writeBackNotes(
  deps: WriteBackContext,
  request: WriteBackRequest,
): Promise<WriteBackState | undefined> {
  if (!deps.config.writeBack.tripleseatNotes) return undefined;
  const { eventId, revelOrderId } = request;
  const orderId = Number(revelOrderId);
  if (!Number.isSafeInteger(orderId)) return undefined;
  const known = await deps.writeBack.log.getWriteBack(eventId);
  const state: WriteBackState =
    known?.revelOrderId === revelOrderId ? known : { eventId, revelOrderId, notes: [] };
  const has = (kind: NoteKind) => state.notes.some((n) => n.kind === kind);
  if (has('injected') && (has('paid') || !request.checkPaid)) return state;

  let kind: NoteKind = has('injected') ? 'paid' : 'injected';
  try {
    const order = await deps.revel.getOrder(orderId);
    const due: NoteKind[] = has('injected') ? [] : ['injected'];
    if (request.checkPaid && !has('paid') && (await paidInRevel(order, orderId, deps.revel)))
      due.push('paid');
    if (due.length === 0) return state;
    const figures = figuresOf(order, revelOrderId, deps.config);
    const existing = await deps.writeBack.notes.listNotes(eventId);
    for (kind of due) state.notes.push(await writeOnce(deps, eventId, kind, figures, existing));
    state.error = undefined;
  } catch (e: unknown) {
    state.error = {
      kind,
      message: describeError(e),
      at: deps.clock.now().toISOString(),
      retryable: e instanceof AppError ? e.retryable : true,
    };
    deps.logger.warn('could not write the TripleSeat note; the next sync of the event tries again', {
      event_id: eventId,
      revel_order_id: revelOrderId,
      note: kind,
      error: state.error.message,
    });
  }
  await deps.writeBack.log.putWriteBack(state).catch((e: unknown) =>
    deps.logger.warn('could not record the TripleSeat notes', {
      event_id: eventId,
      error: describeError(e),
    }),
  );
  return state;
}

async function writeOnce(
  deps: WriteBackContext,
  eventId: string,
  kind: NoteKind,
  figures: NoteFigures,
  existing: readonly EventNote[],
) {
  const at = deps.clock.now().toISOString();
  const marker = noteMarker(kind, figures.revelOrderId);
  const found = existing.find((n) => n.body.includes(marker));
  if (found) return { kind, noteId: found.id, at, found: true };
  const note = await deps.writeBack.notes.createNote(eventId, noteText(kind, figures));
  deps.logger.info('TripleSeat note written', {
    event_id: eventId,
    revel_order_id: figures.revelOrderId,
    note: kind,
    note_id: note.id,
  });
  return { kind, noteId: note.id, at, found: false };
}

/**
 * Closed or paid as the project reads it (core/order/reconcile.ts): `Order.closed`, or nothing left
 * to pay, or our OrderHistory row closed — whether that row flips `Order.closed` is not known
 * (docs/vendors/revel.md).
 */
async function paidInRevel(
  order: RevelOrderMoney,
  orderId: number,
  revel: WriteBackContext['revel'],
): Promise<boolean> {
  if (order.closed === true || order.remainingDueCents === 0) return true;
  return (await revel.listOrderHistory(orderId)).some((h) => h.closed);
}

function figuresOf(
  order: RevelOrderMoney,
  revelOrderId: string,
  config: WriteBackContext['config'],
): NoteFigures {
  const location = config.locations.find((l) => l.revel.establishmentId === order.establishmentId);
  const total = order.finalTotalCents;
  const due = order.remainingDueCents;
  return {
    revelOrderId,
    location:
      location?.name ??
      (order.establishmentId === undefined ? 'not known' : `Revel establishment ${order.establishmentId}`),
    totalCents: total,
    dueCents: due,
    paidCents: total !== undefined && due !== undefined ? total - due : undefined,
  };
}
