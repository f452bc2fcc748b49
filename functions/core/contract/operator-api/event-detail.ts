import * as z from 'zod';
import { boardOutcomeSchema } from './board';
import { vendorOutageSchema } from './vendor-outage';

const cents = z.number().int();

export const attemptSchema = z.strictObject({
  at: z.string(),
  outcome: z.string(),
  reason: z.string().nullable(),
  correlation_id: z.string().nullable(),
  revel_order_id: z.string().nullable(),
  trigger: z.string().nullable(),
});

/** One row of the money table: TripleSeat's figure beside the Revel order's (core/ops/money-table.ts). */
export const moneyRowSchema = z.strictObject({
  kind: z.enum(['subtotal', 'discount', 'charge', 'tax', 'total', 'paid', 'due']),
  label: z.string(),
  tripleseat_cents: cents.nullable(),
  revel_cents: cents.nullable(),
  check: z.enum(['matches', 'differs', 'not checked']).nullable(),
});
export type MoneyRow = z.infer<typeof moneyRowSchema>;

const driftChangeSchema = z.strictObject({
  fields: z.array(z.string()),
  detected_at: z.string(),
  changes: z.array(z.strictObject({ field: z.string(), before: z.string(), after: z.string() })),
  appended: z.array(z.strictObject({ name: z.string(), quantity: z.number() })).nullable(),
  append_error: z.string().nullable(),
  notes_update: z.strictObject({ updated: z.boolean(), detail: z.string() }).nullable(),
  payments_update: z
    .strictObject({
      written: z.array(z.strictObject({ cents, created_date: z.string() })),
      remaining_due_cents: cents.nullable(),
      closed: z.boolean(),
      not_done: z.string().nullable(),
    })
    .nullable(),
});

export const kitchenSchema = z.strictObject({
  notes: z.array(z.strictObject({ label: z.string(), text: z.string() })),
  instructions: z.array(z.string()),
  guest_count: z.number().int().nullable(),
});
export type Kitchen = z.infer<typeof kitchenSchema>;

const noteKind = z.enum(['injected', 'paid']);

export const writeBackSchema = z.strictObject({
  enabled: z.boolean(),
  revel_order_id: z.string().nullable(),
  notes: z.array(z.strictObject({ kind: noteKind, note_id: z.string(), at: z.string(), found: z.boolean() })),
  error: z
    .strictObject({ kind: noteKind, message: z.string(), at: z.string(), retryable: z.boolean() })
    .nullable(),
});
export type WriteBack = z.infer<typeof writeBackSchema>;

const preflightProblemSchema = z.strictObject({
  reason: z.string(),
  detail: z.string(),
  fix: z.string(),
  date: z.string().nullable(),
  location: z.string().nullable(),
  /** False for a location's Revel setting, which concerns all its events. */
  event_specific: z.boolean(),
  checked_at: z.string().nullable(),
});

/** `GET /api/events/{id}`: one event with its history, its Revel order and the money side by side. */
export const eventDetailAnswerSchema = z.strictObject({
  event_id: z.string(),
  name: z.string().nullable(),
  event_date: z.string().nullable(),
  start_local: z.string().nullable(),
  location_name: z.string().nullable(),
  tripleseat_status: z.string().nullable(),
  outcome: boardOutcomeSchema,
  reason: z.string().nullable(),
  error: z.string().nullable(),
  revel_order_id: z.string().nullable(),
  updated_at: z.string().nullable(),
  attempts: z.array(attemptSchema),
  order: z
    .strictObject({
      id: z.number().int(),
      local_id: z.string().nullable(),
      establishment_id: z.number().int().nullable(),
      subtotal_cents: cents.nullable(),
      final_total_cents: cents.nullable(),
    })
    .nullable(),
  money: z.array(moneyRowSchema),
  drift: z
    .strictObject({
      revel_order_id: z.string(),
      current: driftChangeSchema.nullable(),
      history: z.array(driftChangeSchema),
    })
    .nullable(),
  kitchen: kitchenSchema.nullable(),
  /** The guest's name only: never a phone number or an e-mail address. */
  contact_name: z.string().nullable(),
  payments: z.array(z.strictObject({ kind: z.string(), cents, date: z.string().nullable() })).nullable(),
  /** The vendors that could not be read: the page shows the ledger's last known outcome. */
  unavailable: z.array(vendorOutageSchema),
  preflight: z.array(preflightProblemSchema),
  write_back: writeBackSchema,
});
export type EventDetailAnswer = z.infer<typeof eventDetailAnswerSchema>;
