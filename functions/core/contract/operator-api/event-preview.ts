import * as z from 'zod';

const cents = z.number().int();

export const previewLineSchema = z.strictObject({
  name: z.string(),
  description: z.string(),
  menu_item_id: z.string().nullable(),
  category: z.string().nullable(),
  quantity: z.number(),
  unit_price_cents: cents,
  total_cents: cents,
  discount_cents: cents,
  revel_product_id: z.number().int().nullable(),
  revel_product_name: z.string().nullable(),
  revel_price_cents: cents.nullable(),
  /** The name on the kitchen ticket: TripleSeat's item name when the product is named otherwise. */
  ticket_name: z.string().nullable(),
  mapped: z.boolean(),
  via: z.string().nullable(),
});
export type PreviewLine = z.infer<typeof previewLineSchema>;

const problemSchema = z.strictObject({ reason: z.string(), detail: z.string() });

/** `GET /api/events/{id}/preview`: the order the engine would write now, and why it would not. */
export const previewAnswerSchema = z.strictObject({
  event_id: z.string(),
  name: z.string(),
  event_date: z.string(),
  start_local: z.string().nullable(),
  tripleseat_status: z.string(),
  eligibility: z.strictObject({
    eligible: z.boolean(),
    reason: z.string().nullable(),
    detail: z.string().nullable(),
    problems: z.array(problemSchema),
  }),
  location: z.strictObject({
    name: z.string().nullable(),
    tripleseat_location_id: z.string().nullable(),
    time_zone: z.string().nullable(),
    establishment_id: z.number().int().nullable(),
    test_establishment: z.boolean(),
  }),
  lines: z.array(previewLineSchema),
  subtotal_cents: cents.nullable(),
  discounts: z.array(z.strictObject({ name: z.string(), cents })),
  charges: z.array(z.strictObject({ name: z.string(), kind: z.string(), cents })),
  taxes: z.array(z.strictObject({ name: z.string(), cents })),
  payments: z.array(z.strictObject({ kind: z.string(), date: z.string().nullable(), cents })),
  grand_total_cents: cents.nullable(),
  amount_due_cents: cents.nullable(),
  dry_run: z.boolean(),
});
export type PreviewAnswer = z.infer<typeof previewAnswerSchema>;
