import type { DeadLetter } from '#functions/core/ports/dead-letters';
import type { Ledger } from '#functions/core/ports/ledger';

/**
 * A dead letter as `GET /api/dlq` shows it, with why it died: the ledger's last outcome of its event
 * (reason and message), so the page says "TRIPLESEAT_UNAVAILABLE" rather than only an id.
 */
export async function deadLetterView(message: DeadLetter, ledger: Pick<Ledger, 'get'>) {
  const record = message.eventId === undefined ? undefined : await ledger.get(message.eventId);
  return {
    id: message.id,
    event_id: message.eventId ?? null,
    /** SQS counts every receive, the operator API's own looks at the queue included. */
    receive_count: message.receiveCount,
    sent_at: message.sentAt ?? null,
    last_outcome: record?.status ?? null,
    reason: record?.reason ?? null,
    error: record?.error ?? null,
    body: message.body,
  };
}
