import type { SyncHandlerDeps } from '#functions/core/deps/sync-handler-deps';
import { SkipReason } from '#functions/core/domain/reasons';
import { deletedFingerprint, parseFingerprint } from '#functions/core/drift/fingerprint';
import { withEventLease } from '#functions/core/engine/event-lease';
import { deletedEventMail } from '#functions/core/notify/alert-mails';
import { sendMail } from '#functions/core/notify/send-mail';
import type { LedgerRecord } from '#functions/core/ports/ledger';
import type { Logger } from '#functions/core/ports/logger';

/**
 * DELETE_EVENT never syncs and never voids an order. Under the event's lease (so a sync writing
 * the order right now cannot slip past us): an event with a Revel order — ours, half-written, or
 * someone else's found by local_id — raises an alert for a person to review the order; any other is
 * recorded `skipped` / EVENT_DELETED. False = look again later.
 */
export async function handleDeletedEvent(
  eventId: string,
  deps: SyncHandlerDeps,
  holderId: string,
  correlationId: string,
  logger: Logger,
): Promise<boolean> {
  const { ledger } = deps.engine;
  const dryRun = deps.config.connector.dryRun;
  const holder = `${holderId}:${correlationId}`;
  const lease = { ledger, leaseMs: deps.config.sync.leaseSeconds * 1000, logger, dryRun };
  const leased = await withEventLease(eventId, holder, lease, async (record) => {
    const revelOrderId = orderIdOf(record);
    if (revelOrderId !== undefined) {
      // Someone else's order (the old connector's) for a deleted event needs the same review.
      const whose = record?.foreignOrder ? 'with an order someone else made' : 'after injection';
      logger.warn(`event deleted in TripleSeat ${whose}; Revel order left for review`, {
        event_id: eventId,
        revel_order_id: revelOrderId,
      });
      const drift = deps.engine.drift;
      const before = parseFingerprint(record?.fingerprint);
      if (drift && before && record) {
        // The same alert as any change after injection, recorded once (a repeated DELETE mails nothing).
        const state = await drift.log.getDrift(eventId);
        const { noteChange } = await import('#functions/core/engine/watch-drift');
        await noteChange(
          { clock: deps.engine.clock, logger },
          { ...drift, appendMissing: undefined },
          { record, correlationId, holder, dryRun },
          { state, revelOrderId, seenUpdatedAt: state?.seenUpdatedAt, seenAt: state?.seenAt },
          { before, after: deletedFingerprint(before), event: undefined },
        );
        return;
      }
      const detectedAt = deps.engine.clock.now().toISOString();
      await sendMail(deps, logger, 'alert', (s) =>
        deletedEventMail(s, { eventId, revelOrderId }, correlationId, detectedAt),
      );
      return;
    }
    if (!dryRun) {
      await ledger.recordOutcome(eventId, holder, {
        status: 'skipped',
        reason: SkipReason.EVENT_DELETED,
        correlationId,
        trigger: 'webhook',
      });
    }
    logger.info('event deleted in TripleSeat before injection; nothing to undo', { event_id: eventId });
  });
  if (!leased.acquired)
    logger.info('deleted event is being synced right now; will look again', { event_id: eventId });
  return leased.acquired;
}

/** Any order we wrote, whole or half (a failed saga keeps its order id in the progress). */
function orderIdOf(record: LedgerRecord | null): string | undefined {
  if (record?.revelOrderId) return record.revelOrderId;
  return record?.progress.orderId === undefined ? undefined : String(record.progress.orderId);
}
