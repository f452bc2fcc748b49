import { z } from 'zod';
import { json, parseJsonBody, type SandboxRequest, type SandboxResponse } from './http-helpers';
import type { TripleSeatBehaviour } from './tripleseat-public';

// One key per vendor, each with its own schema and target, so another vendor's switches are one more
// key beside these (docs/vendors/sandbox-money.md lists every switch).
const tripleSeatChanges = z
  .object({
    paymentsIn: z.enum(['payment_set', 'event', 'deposit_amount']),
    documentName: z.enum(['title', 'name']),
    invoicePaymentRows: z.boolean(),
  })
  .partial()
  .strict();

const behaviourRequest = z.object({ tripleseat: tripleSeatChanges.optional() }).strict();

/** What `POST /__sandbox/behaviour` changes, per vendor; each returns the vendor's switches after. */
export interface SandboxBehaviourTargets {
  tripleseat?: (changes: Partial<TripleSeatBehaviour>) => TripleSeatBehaviour;
}

/** `POST /__sandbox/behaviour` `{"tripleseat": {"paymentsIn": "event"}}` → 200 with the switches now. */
export function handleBehaviourRequest(
  request: SandboxRequest,
  targets: SandboxBehaviourTargets | undefined,
): SandboxResponse {
  const parsed = parseJsonBody(request.body);
  if (!parsed.ok) return json(400, { error: 'Body is not JSON' });
  const changes = behaviourRequest.safeParse(parsed.value);
  if (!changes.success) {
    const [issue] = changes.error.issues;
    return json(400, { error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` });
  }
  const answer: Record<string, unknown> = {};
  if (changes.data.tripleseat) {
    if (!targets?.tripleseat) return json(404, { error: 'No TripleSeat sandbox here' });
    answer.tripleseat = targets.tripleseat(changes.data.tripleseat);
  }
  return json(200, answer);
}
