import * as z from 'zod';
import type { EngineDeps } from '#functions/core/deps/engine-deps';
import { describeError } from '#functions/core/domain/errors';
import { withEventLease } from '#functions/core/engine/event-lease';
import { eventIdFromLocalId } from '#functions/core/order/local-id';
import { writeBackNotes } from '#functions/core/writeback/write-back-notes';
import { revelSignatureValid } from './revel-signature';

/** The part of the OrderAllInOne body this route reads (docs/vendors/revel.md, "Webhooks"). */
const finalizedSchema = z.object({
  orderInfo: z.object({
    id: z.union([z.number().int().positive(), z.string().regex(/^\d{1,15}$/)]),
    local_id: z.union([z.string(), z.number()]).nullish(),
  }),
});

export interface RevelWebhookRequest {
  rawBody: string;
  signature: string | undefined;
  correlationId: string;
}

export interface RevelWebhookAnswer {
  statusCode: number;
  body: Record<string, unknown>;
}

/**
 * Revel's `order.finalized`: one of our injected orders may now be paid, so its "paid" note is
 * looked for at once instead of at the next scheduled run. Unverifiable → 401; an order that is not
 * ours, or write-back off → 200 `ignored` (Revel must not retry what will never change). The
 * note is written under the event's lease like every other way in.
 */
export async function receiveRevelOrderFinalized(
  request: RevelWebhookRequest,
  deps: { engine: Omit<EngineDeps, 'holderId'>; secrets: readonly string[]; holderId: string },
): Promise<RevelWebhookAnswer> {
  const { engine } = deps;
  const log = engine.logger;
  if (!revelSignatureValid(request.rawBody, request.signature, deps.secrets)) {
    log.warn('revel webhook rejected', { correlation_id: request.correlationId, reason: 'SIGNATURE' });
    return { statusCode: 401, body: { status: 'rejected', reason: 'SIGNATURE' } };
  }
  let body: unknown;
  try {
    body = JSON.parse(request.rawBody);
  } catch {
    body = undefined;
  }
  const parsed = finalizedSchema.safeParse(body);
  if (!parsed.success) return { statusCode: 400, body: { status: 'invalid' } };
  const orderId = String(parsed.data.orderInfo.id);
  const localId = parsed.data.orderInfo.local_id;
  const eventId =
    localId === undefined || localId === null
      ? undefined
      : eventIdFromLocalId(engine.config.revel.localIdFormat, String(localId));
  const ignored = (reason: string) => ({ statusCode: 200, body: { status: 'ignored', reason } });
  if (!engine.config.writeBack.tripleseatNotes) return ignored('WRITE_BACK_OFF');
  if (eventId === undefined) return ignored('NOT_OUR_ORDER');
  const record = await engine.ledger.get(eventId);
  if (record?.status !== 'injected' || record.revelOrderId !== orderId) return ignored('NOT_OUR_ORDER');
  const writeBack = engine.writeBack;
  if (!writeBack) return ignored('WRITE_BACK_OFF');
  const lease = {
    ledger: engine.ledger,
    leaseMs: engine.config.sync.leaseSeconds * 1000,
    logger: log,
    dryRun: false,
  };
  const holder = `${deps.holderId}:${request.correlationId}`;
  const leased = await withEventLease(eventId, holder, lease, () =>
    writeBackNotes({ ...engine, writeBack }, { eventId, revelOrderId: orderId, checkPaid: true }),
  ).catch((e: unknown) => {
    log.warn('revel webhook could not look at the order', { event_id: eventId, error: describeError(e) });
    return { acquired: false } as const;
  });
  // Busy or failed: the scheduled run polls the order anyway, so Revel need not retry.
  if (!leased.acquired) return { statusCode: 200, body: { status: 'deferred', event_id: eventId } };
  const paid = leased.value?.notes.some((n) => n.kind === 'paid') ?? false;
  return { statusCode: 200, body: { status: paid ? 'paid_noted' : 'checked', event_id: eventId } };
}
