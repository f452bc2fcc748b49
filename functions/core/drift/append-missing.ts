import { findLocation } from '#functions/core/config/sync-config';
import type { AppendMissing } from '#functions/core/deps/drift-deps';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { deterministicUuid } from '#functions/core/order/deterministic-uuid';
import { localIdsFor } from '#functions/core/order/local-id';
import {
  buildOrderPlan,
  callNameFor,
  createOnce,
  localTimestamp,
  type Saga,
} from '#functions/core/order/order-writer';
import { mapItemsToProducts } from '#functions/core/order/product-mapping';
import type { AppendedLine } from '#functions/core/ports/drift-log';
import type { SagaProgress } from '#functions/core/ports/ledger';
import { lineKey, missingLines } from './fingerprint';

/**
 * `drift.policy: append-missing-items`: the lines TripleSeat now has that the order lacks are added
 * to the Revel order, if it is not closed — never removed, never repriced, and the order's totals
 * are left as they are. What is missing is counted against the fingerprint and every line earlier
 * changes added (`appendedSoFar`). Each added line has a uuid derived from the line itself and the
 * units of it the order already holds — not from the change — so a later change, or a lost tally,
 * finds it again instead of adding it twice; it goes through the order saga's create-once machinery
 * (order-writer.ts): marked pending in the ledger before it is sent, looked up when its answer is
 * lost, never sent twice. Undefined: nothing could be added
 * (event no longer eligible, other location, order closed or gone); the alert still goes out.
 */
export function appendMissingItems(
  deps: Pick<EngineDeps, 'config' | 'revel' | 'ledger' | 'clock' | 'logger'>,
): AppendMissing {
  return async ({ record, before, after, appendedSoFar, event, invoice, holder }) => {
    const { config, revel } = deps;
    if (!before.lines || !after.lines || !invoice || event.deleted) return undefined;
    if (!config.eligibility.statuses.includes(event.status.toUpperCase())) return undefined;
    const location = findLocation(config, event.locationId);
    const target = config.connector.testLocation ?? location?.revel;
    const orderId = record.progress.orderId ?? Number(record.revelOrderId);
    if (!location || !target || !Number.isInteger(orderId)) return undefined;
    const establishmentId = target.establishmentId;
    if (record.progress.establishmentId !== undefined && record.progress.establishmentId !== establishmentId)
      return undefined;

    const held = [
      ...before.lines,
      ...appendedSoFar.flatMap((l) =>
        l.unitPriceCents === undefined
          ? []
          : [{ name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents, totalCents: 0 }],
      ),
    ];
    const missing = missingLines(held, after.lines);
    if (missing.length === 0) return undefined;
    const items = missing.flatMap((m) => {
      const source = invoice.lines.find((l) => lineKey(l) === lineKey(m));
      return source ? [{ ...source, quantity: m.quantity, totalCents: m.totalCents, discountCents: 0 }] : [];
    });
    const mapped = mapItemsToProducts(items, await revel.listProducts(establishmentId), {
      mapping: config.items.mapping,
      establishmentId,
      ...(config.items.openPriceProductId !== undefined
        ? { openPriceProductId: config.items.openPriceProductId }
        : {}),
    });
    if (mapped.lines.length === 0) return undefined;

    const localIds = localIdsFor(config.revel, event.id);
    const order = (await revel.findOrdersByLocalId(establishmentId, localIds.all)).find(
      (o) => o.id === orderId,
    );
    // Closed = Order.closed or an OrderHistory row closed: whether the row flips Order.closed is
    // unknown (docs/vendors/revel.md, "Finishing an order").
    const closed =
      order?.closed === true ||
      (order !== undefined && (await revel.listOrderHistory(order.id)).some((h) => h.closed));
    if (!order || closed) {
      deps.logger.warn('order closed or not found; missing items not added', {
        event_id: event.id,
        revel_order_id: orderId,
      });
      return undefined;
    }
    const unitsHeld = (key: string) =>
      held.filter((l) => lineKey(l) === key).reduce((sum, l) => sum + l.quantity, 0);
    const plan = buildOrderPlan({
      eventId: event.id,
      localId: localIds.current,
      revel: target,
      timestampLocal: localTimestamp(deps.clock.now(), location.timeZone),
      notes: '',
      callName: callNameFor(event),
      lines: mapped.lines,
      orderHistory: false,
      itemNameFields: [config.revel.itemNameField],
    });
    plan.lines = plan.lines.map((line, index) => {
      const item = mapped.lines[index]?.item;
      const key = item ? lineKey(item) : String(index);
      return {
        ...line,
        uuid: deterministicUuid(
          'append',
          localIds.current,
          key,
          String(unitsHeld(key)),
          String(line.productId),
        ),
      };
    });

    const state: SagaProgress = structuredClone(record.progress);
    let dirty = false;
    const saga: Saga = {
      plan,
      revel,
      state,
      options: { clock: deps.clock, settleMs: config.sync.writeSettleSeconds * 1000 },
      save: async () => {
        await deps.ledger.saveProgress(event.id, holder, structuredClone(state));
        dirty = false;
      },
      touch: () => {
        dirty = true;
      },
    };
    const uuidsInOrder = async () => new Set((await revel.listOrderItems(orderId)).map((i) => i.uuid));
    const existing = await uuidsInOrder();
    const appended: AppendedLine[] = [];
    try {
      for (const [index, line] of plan.lines.entries()) {
        if (!existing.has(line.uuid)) {
          await createOnce(
            saga,
            { step: 'item', uuid: line.uuid },
            async () => Boolean(await revel.createOrderItem(plan, orderId, line, state.itemsWritten + index)),
            async () => ((await uuidsInOrder()).has(line.uuid) ? true : undefined),
          );
        }
        const item = mapped.lines[index]?.item;
        appended.push({
          name: item?.name ?? String(line.productId),
          quantity: line.quantity,
          ...(item ? { unitPriceCents: item.unitPriceCents } : {}),
        });
      }
    } finally {
      if (dirty) await saga.save().catch(() => undefined);
    }
    return appended;
  };
}
