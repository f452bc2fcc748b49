import { findLocation } from '#functions/core/config/sync-config';
import type { EventDetailAnswer } from '#functions/core/contract/operator-api/event-detail';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { VendorError } from '#functions/core/domain/errors';
import type { EventInvoice, RevelOrder, TripleSeatEvent } from '#functions/core/domain/model';
import { extractEventInvoice } from '#functions/core/engine/event-items';
import { localIdsFor } from '#functions/core/order/local-id';
import type { AttemptLog } from '#functions/core/ports/attempt-log';
import type { DriftChange, DriftLog } from '#functions/core/ports/drift-log';
import type { PreflightProblem, PreflightStore } from '#functions/core/ports/preflight-store';
import type { WriteBackLog, WriteBackState } from '#functions/core/ports/write-back-log';
import { outageOf, uniqueOutages, type VendorOutage } from './day-board';
import { boardOutcome } from './event-board';
import { fetchEvent, targetOf } from './event-preview';
import { moneyTable } from './money-table';
import { NotFoundError, VendorUnavailableError } from './ops-errors';

type ReadDeps = Omit<EngineDeps, 'holderId'>;

/** Where the event page's history comes from; drift and preflight are absent when not kept. */
export interface DetailSources {
  attempts: AttemptLog;
  drift?: DriftLog | undefined;
  preflight?: PreflightStore | undefined;
  writeBack?: WriteBackLog | undefined;
}

/**
 * One event for the operator: the ledger's outcome and every recorded attempt with its trigger, the
 * Revel order read back by its local_id (current and legacy formats), TripleSeat's money beside
 * Revel's row by row (core/ops/money-table.ts), the drift recorded since injection (core/drift/) and
 * the latest preflight's problems for the event and its location (core/preflight/).
 */
export async function eventDetail(
  eventId: string,
  deps: ReadDeps,
  sources: DetailSources,
): Promise<EventDetailAnswer> {
  const record = await deps.ledger.get(eventId);
  const unavailable: VendorOutage[] = [];
  // A vendor outage leaves the ledger's last known outcome on the page, naming the vendor that is down.
  const orDown = async <T>(read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (e: unknown) {
      if (!(e instanceof VendorError) || e.code.endsWith('_NOT_FOUND')) throw e;
      unavailable.push(outageOf(e));
      return undefined;
    }
  };
  let event: TripleSeatEvent | undefined;
  try {
    event = await orDown(() => fetchEvent(eventId, deps));
  } catch (e: unknown) {
    if (!(e instanceof NotFoundError) || record === undefined) throw e;
  }
  if (event === undefined && record === undefined && unavailable.length > 0)
    throw new VendorUnavailableError(unavailable);
  const location = findLocation(deps.config, event?.locationId);
  const target = targetOf(deps.config, location);
  const order = await orDown(() => readOrder(eventId, record?.revelOrderId, deps, target?.establishmentId));
  const invoice = event ? await orDown(() => readInvoice(event, deps)) : undefined;
  const money =
    (await orDown(() =>
      moneyTable(
        { invoice, eventGrandTotalCents: event?.grandTotalCents, orderId: order?.id, target },
        deps.revel,
      ),
    )) ?? [];
  const drift = await sources.drift?.getDrift(eventId);
  const preflight = await sources.preflight?.getPreflight();
  const writeBack = await sources.writeBack?.getWriteBack(eventId);
  const locationName = location?.name;
  const problems = (preflight?.problems ?? []).filter(
    (p) =>
      p.eventId === eventId ||
      (p.eventId === undefined && locationName !== undefined && p.location === locationName),
  );
  return {
    event_id: eventId,
    name: event?.name ?? null,
    event_date: event?.eventDate ?? null,
    start_local: event?.startLocal ?? null,
    location_name: location?.name ?? event?.locationName ?? null,
    tripleseat_status: event?.status ?? null,
    outcome: boardOutcome(record),
    reason: record?.reason ?? null,
    error: record?.error ?? null,
    revel_order_id: record?.revelOrderId ?? (order ? String(order.id) : null),
    updated_at: record?.updatedAt ?? null,
    attempts: (await sources.attempts.list(eventId)).map((a) => ({
      at: a.at,
      outcome: a.outcome,
      reason: a.reason ?? null,
      correlation_id: a.correlationId ?? null,
      revel_order_id: a.revelOrderId ?? null,
      trigger: a.trigger ?? null,
    })),
    order: order
      ? {
          id: order.id,
          local_id: order.localId ?? null,
          establishment_id: order.establishmentId ?? null,
          subtotal_cents: order.subtotalCents ?? null,
          final_total_cents: order.finalTotalCents ?? null,
        }
      : null,
    money,
    drift:
      drift && (drift.current !== undefined || drift.history.length > 0)
        ? {
            revel_order_id: drift.revelOrderId,
            current: drift.current ? driftChangeView(drift.current) : null,
            history: drift.history.map(driftChangeView),
          }
        : null,
    kitchen: event ? kitchenView(event, invoice) : null,
    /** The guest's name only: never a phone number or an e-mail address (not in the API, not in logs). */
    contact_name: contactName(event),
    payments: invoice?.payments?.map((p) => ({ kind: p.kind, cents: p.cents, date: p.date ?? null })) ?? null,
    unavailable: uniqueOutages(unavailable),
    preflight: problems.map((p) => preflightView(p, preflight?.checkedAt)),
    write_back: writeBackView(deps.config.writeBack.tripleseatNotes, writeBack),
  };
}

/** The notes on the TripleSeat event (core/writeback/) and the last failure to write one. */
function writeBackView(enabled: boolean, state: WriteBackState | undefined) {
  return {
    enabled,
    revel_order_id: state?.revelOrderId ?? null,
    notes: (state?.notes ?? []).map((n) => ({ kind: n.kind, note_id: n.noteId, at: n.at, found: n.found })),
    error: state?.error
      ? {
          kind: state.error.kind,
          message: state.error.message,
          at: state.error.at,
          retryable: state.error.retryable,
        }
      : null,
  };
}

function driftChangeView(change: DriftChange) {
  return {
    fields: change.fields,
    detected_at: change.detectedAt,
    changes: change.changes.map((c) => ({ field: c.field, before: c.before, after: c.after })),
    appended: change.appended?.map((l) => ({ name: l.name, quantity: l.quantity })) ?? null,
    append_error: change.appendError ?? null,
    notes_update: change.notesUpdate ?? null,
    payments_update: change.paymentsUpdate
      ? {
          written: change.paymentsUpdate.written.map((p) => ({
            cents: p.cents,
            created_date: p.createdDate,
          })),
          remaining_due_cents: change.paymentsUpdate.remainingDueCents ?? null,
          closed: change.paymentsUpdate.closed,
          not_done: change.paymentsUpdate.notDone ?? null,
        }
      : null,
  };
}

/** What the kitchen's ticket is built from (order-plan.ts `orderNotesFor`): allergies and notes, special instructions, guests. */
function kitchenView(event: TripleSeatEvent, invoice: EventInvoice | undefined) {
  return {
    notes: (event.kitchenNotes ?? []).map((n) => ({ label: n.label, text: n.text })),
    instructions: invoice?.instructions ?? [],
    guest_count: event.guestCount ?? null,
  };
}

function contactName(event: TripleSeatEvent | undefined): string | null {
  const name = [event?.contact?.firstName, event?.contact?.lastName].filter(
    (n) => n !== undefined && n !== '',
  );
  return name.length > 0 ? name.join(' ') : null;
}

function preflightView(problem: PreflightProblem, checkedAt: string | undefined) {
  return {
    reason: problem.reason,
    detail: problem.detail,
    fix: problem.fix,
    date: problem.date ?? null,
    location: problem.location ?? null,
    /** False for a location's Revel setting, which concerns all its events. */
    event_specific: problem.eventId !== undefined,
    checked_at: checkedAt ?? null,
  };
}

async function readOrder(
  eventId: string,
  knownId: string | undefined,
  deps: ReadDeps,
  establishmentId: number | undefined,
): Promise<RevelOrder | undefined> {
  if (establishmentId === undefined) return undefined;
  const orders = await deps.revel.findOrdersByLocalId(
    establishmentId,
    localIdsFor(deps.config.revel, eventId).all,
  );
  return orders.find((o) => String(o.id) === knownId) ?? orders[0];
}

async function readInvoice(event: TripleSeatEvent, deps: ReadDeps) {
  const read = await extractEventInvoice(event, {
    excludedCategories: deps.config.items.excludedCategories,
    fetchInvoice: (url) => deps.tripleseat.fetchInvoice(url),
  });
  return 'invoice' in read ? read.invoice : undefined;
}
