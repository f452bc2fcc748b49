import { findLocation } from '#functions/core/config/sync-config';
import type { UpdateNotes } from '#functions/core/deps/drift-deps';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { AppError, WriteSettlingError } from '#functions/core/domain/errors';
import { orderNotesFor, pickupTimeFor } from '#functions/core/order/order-plan';

/**
 * `drift.notes: update`: the order's notes become what the order would carry if it were written now —
 * allergies, special instructions, notes, pickup time and guest count (order-plan.ts `orderNotesFor`),
 * information and never money — unless the order is closed (the kitchen is done with it: the alert
 * says so). A PATCH of the same text is harmless, and the change's record makes it once per change.
 */
export function updateOrderNotes(deps: Pick<EngineDeps, 'config' | 'revel'>): UpdateNotes {
  return async ({ record, event, invoice }) => {
    const orderId = record.progress.orderId ?? Number(record.revelOrderId);
    const location = findLocation(deps.config, event.locationId);
    if (!Number.isInteger(orderId)) return { updated: false, detail: 'the Revel order id is not known' };
    if (!location)
      return { updated: false, detail: `location ${event.locationId ?? '(none)'} is not configured` };
    try {
      const order = await deps.revel.getOrder(orderId);
      const closed =
        order.closed === true || (await deps.revel.listOrderHistory(orderId)).some((h) => h.closed);
      if (closed) return { updated: false, detail: `Revel order ${orderId} is closed` };
      const pickupTime = pickupTimeFor(event, location.timeZone);
      const notes = orderNotesFor(event, { instructions: invoice?.instructions ?? [], pickupTime });
      await deps.revel.setOrderNotes(orderId, { notes, pickupTime });
      return { updated: true, detail: notes };
    } catch (e: unknown) {
      if (e instanceof WriteSettlingError || !(e instanceof AppError)) throw e;
      return { updated: false, detail: e.message };
    }
  };
}
