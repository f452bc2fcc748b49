import { type ReleaseAnswer, releaseBodySchema } from '#functions/core/contract/operator-api/release';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { InputError } from '#functions/core/domain/errors';
import { parseWith } from '#functions/core/domain/parse-with';
import { formatCents } from '#functions/core/money/cents';
import type { OperatorDeps } from '#functions/core/ports/operator-deps';
import { audited } from './audited-action';
import type { Operator } from './operator-changes';
import { NotFoundError } from './ops-errors';

/** Recorded with `injected` when an operator adopted a half-written order as Revel holds it. */
export const ADOPTED_AS_WRITTEN = 'ADOPTED_AS_WRITTEN';
const HALF_WRITTEN_ORDER = 'HALF_WRITTEN_ORDER';

/**
 * `POST /api/events/{id}/release`: an event stuck at HALF_WRITTEN_ORDER (a Revel order we started and
 * may not finish, because the event changed under it) is released by adopting the order as Revel holds
 * it: the ledger records it `injected` with reason ADOPTED_AS_WRITTEN and what Revel holds, so every
 * later sync answers `skipped DUPLICATE` and nothing is written again. "Void it and write again" is
 * not offered: the Revel API documents no void (docs/vendors/revel.md); the answer tells the operator
 * what to change in Revel by hand. Audited, under the event's lease.
 */
export async function releaseHalfWritten(
  eventId: string,
  body: unknown,
  deps: EngineDeps,
  ops: OperatorDeps,
  operator: Operator,
): Promise<ReleaseAnswer> {
  parseWith(releaseBodySchema, body, ({ path, message }) => new InputError(path || 'body', message));
  const record = await deps.ledger.get(eventId);
  if (record === null || record === undefined) throw new NotFoundError(`the ledger has no event ${eventId}`);
  const orderId = record.progress.orderId;
  if (record.status !== 'failed' || record.reason !== HALF_WRITTEN_ORDER || orderId === undefined)
    throw new InputError(
      'id',
      `event ${eventId} is not held by a half-written order (it is ${record.status}${record.reason ? ` ${record.reason}` : ''})`,
    );
  const order = await deps.revel.getOrder(orderId);
  const items = (await deps.revel.listOrderItems(orderId)).length;
  const total = order.finalTotalCents === undefined ? 'unknown' : `$${formatCents(order.finalTotalCents)}`;
  const holds = `Revel order ${orderId} holds ${items} item line(s), total ${total}`;
  const at = operator.clock.now().toISOString();
  const holder = `${deps.holderId}:release:${operator.name}`;
  await audited(
    ops.audit,
    {
      at,
      operator: operator.name,
      action: 'release',
      change: {
        event_id: eventId,
        revel_order_id: orderId,
        how: 'adopt',
        items,
        total_cents: order.finalTotalCents ?? null,
      },
    },
    async () => {
      const leased = await deps.ledger.acquireLease(eventId, holder, deps.config.sync.leaseSeconds * 1000);
      if (leased === undefined)
        throw new InputError('id', `a sync holds event ${eventId} now; try again in a minute`);
      try {
        if (leased.status !== 'failed' || leased.reason !== HALF_WRITTEN_ORDER)
          throw new InputError('id', `event ${eventId} changed while releasing (now ${leased.status})`);
        await deps.ledger.recordOutcome(eventId, holder, {
          status: 'injected',
          revelOrderId: String(orderId),
          reason: ADOPTED_AS_WRITTEN,
          error: `adopted as written by ${operator.name}: ${holds}; it may differ from TripleSeat — change it in Revel by hand`,
          eventUpdatedAt: record.eventUpdatedAt,
          trigger: 'operator',
        });
      } finally {
        await deps.ledger.releaseLease(eventId, holder);
      }
    },
    { logger: operator.logger },
  );
  operator.logger.info('half-written order adopted', {
    operator: operator.name,
    event_id: eventId,
    revel_order_id: orderId,
  });
  return {
    event_id: eventId,
    status: 'injected',
    reason: ADOPTED_AS_WRITTEN,
    revel_order_id: String(orderId),
    revel_holds: { items, total_cents: order.finalTotalCents ?? null },
    next: `${holds}. Nothing more is written for this event: compare it with TripleSeat and add, change or void lines in Revel by hand.`,
  };
}
