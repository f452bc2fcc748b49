import { z } from 'zod';
import { json, parseJsonBody, type SandboxRequest, type SandboxResponse } from './http-helpers';
import { type RevelBehaviour, revelBehaviourSchema } from './revel-store';
import type { TripleSeatBehaviour } from './tripleseat-public';

// One key per vendor, each with its own schema and target (docs/vendors/sandbox-money.md lists every switch).
const tripleSeatChanges = z
  .object({
    paymentsIn: z.enum(['payment_set', 'event', 'deposit_amount']),
    documentName: z.enum(['title', 'name']),
    invoicePaymentRows: z.boolean(),
    notesWritable: z.boolean(),
    updatedAtFormat: z.enum(['iso', 'us-minute']),
  })
  .partial()
  .strict();

const behaviourRequest = z
  .object({ tripleseat: tripleSeatChanges.optional(), revel: revelBehaviourSchema.partial().optional() })
  .strict();

/** One sandbox's switches: what they are, and a change of some of them. */
export interface BehaviourTarget<B> {
  behaviour(): B;
  behave(changes: Partial<B>): void;
}

/** What `/__sandbox/behaviour` reads and changes, per vendor. */
export interface SandboxBehaviourTargets {
  tripleseat?: BehaviourTarget<TripleSeatBehaviour>;
  revel?: BehaviourTarget<RevelBehaviour>;
}

/** `GET /__sandbox/behaviour`: every vendor's switches in force. */
export function currentBehaviour(targets: SandboxBehaviourTargets | undefined): SandboxResponse {
  return json(200, {
    ...(targets?.tripleseat ? { tripleseat: targets.tripleseat.behaviour() } : {}),
    ...(targets?.revel ? { revel: targets.revel.behaviour() } : {}),
  });
}

/**
 * `POST /__sandbox/behaviour` `{"tripleseat": {"paymentsIn": "event"}, "revel": {"closeFlipsOrder": true}}`
 * → 200 with the switches now; an unknown switch or value → 400, a vendor not behind these routes → 404.
 */
export function changeBehaviour(
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
  const { tripleseat, revel } = changes.data;
  if (tripleseat && !targets?.tripleseat) return json(404, { error: 'No TripleSeat sandbox here' });
  if (revel && !targets?.revel) return json(404, { error: 'No Revel sandbox here' });
  if (tripleseat) targets?.tripleseat?.behave(tripleseat);
  if (revel) targets?.revel?.behave(revel);
  return currentBehaviour(targets);
}
