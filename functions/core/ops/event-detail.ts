import type { RevelOrder, TripleSeatEvent } from '../domain/model';
import { findLocation } from '../engine/eligibility';
import { extractEventInvoice } from '../engine/event-items';
import type { EngineDeps } from '../engine/sync-event';
import { localIdsFor } from '../order/local-id';
import type { AttemptLog } from '../ports/attempt-log';
import { boardOutcome } from './event-board';
import { fetchEvent, targetOf } from './event-preview';
import { NotFoundError } from './ops-errors';

type ReadDeps = Omit<EngineDeps, 'holderId'>;

/**
 * One event for the operator: the ledger's outcome and every recorded attempt, the Revel order read
 * back by its local_id (current and legacy formats), and TripleSeat's money beside Revel's.
 */
export async function eventDetail(eventId: string, deps: ReadDeps, attempts: AttemptLog) {
  const record = await deps.ledger.get(eventId);
  let event: TripleSeatEvent | undefined;
  try {
    event = await fetchEvent(eventId, deps);
  } catch (e: unknown) {
    if (!(e instanceof NotFoundError) || record === undefined) throw e;
  }
  const location = findLocation(deps.config, event?.locationId);
  const order = await readOrder(
    eventId,
    record?.revelOrderId,
    deps,
    targetOf(deps.config, location)?.establishmentId,
  );
  const invoice = event ? await readInvoice(event, deps) : undefined;
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
    attempts: (await attempts.list(eventId)).map((a) => ({
      at: a.at,
      outcome: a.outcome,
      reason: a.reason ?? null,
      correlation_id: a.correlationId ?? null,
      revel_order_id: a.revelOrderId ?? null,
      trigger: null,
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
    money: [
      {
        label: 'Subtotal',
        tripleseat_cents: invoice?.subtotalCents ?? null,
        revel_cents: order?.subtotalCents ?? null,
      },
      {
        label: 'Grand total',
        tripleseat_cents: invoice?.grandTotalCents ?? event?.grandTotalCents ?? null,
        revel_cents: order?.finalTotalCents ?? null,
      },
    ],
    drift: null,
    preflight: [],
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
