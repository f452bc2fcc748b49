import * as z from 'zod';
import { boardOutcomes } from './board';
import { consoleStatusSchema } from './status';
import { vendorOutageSchema } from './vendor-outage';

/** `GET /api/day?date=YYYY-MM-DD` (checked by the use case); without it, today in each location's zone. */
export const dayQuerySchema = z.object({ date: z.string().optional() });

/** The board's outcomes, and `not_eligible`: never recorded, and the listing says it cannot be written. */
export const dayOutcomeSchema = z.enum([...boardOutcomes, 'not_eligible']);

export const dayRowSchema = z.strictObject({
  event_id: z.string(),
  name: z.string(),
  event_date: z.string(),
  start_local: z.string(),
  /** "19:00", or null when TripleSeat gave no start time. */
  time: z.string().nullable(),
  time_zone: z.string().nullable(),
  /** The zone's short name at the event's start ("MST"), for labelling the time. */
  zone_label: z.string().nullable(),
  location_id: z.string().nullable(),
  location_name: z.string().nullable(),
  location_configured: z.boolean(),
  tripleseat_status: z.string(),
  guest_count: z.number().int().nullable(),
  outcome: dayOutcomeSchema,
  reason: z.string().nullable(),
  detail: z.string().nullable(),
  what_to_do: z.string().nullable(),
  revel_order_id: z.string().nullable(),
  total_cents: z.number().int().nullable(),
  paid_cents: z.number().int().nullable(),
  due_cents: z.number().int().nullable(),
  updated_at: z.string().nullable(),
});
export type DayRow = z.infer<typeof dayRowSchema>;

/** The day on one screen, without the status (core/ops/day-board.ts). */
export const dayBoardSchema = z.strictObject({
  date: z.string().nullable(),
  generated_at: z.string(),
  locations: z.array(
    z.strictObject({
      name: z.string(),
      tripleseat_location_id: z.string(),
      time_zone: z.string(),
      date: z.string(),
      events: z.array(dayRowSchema),
    }),
  ),
  /** Events at TripleSeat locations the config does not name. */
  unconfigured: z.array(
    z.strictObject({
      tripleseat_location_id: z.string().nullable(),
      name: z.string().nullable(),
      events: z.array(dayRowSchema),
    }),
  ),
  unavailable: z.array(vendorOutageSchema),
});
export type DayBoard = z.infer<typeof dayBoardSchema>;

/** `GET /api/day`: the day's board and the status every page shows. */
export const dayAnswerSchema = dayBoardSchema.extend({ status: consoleStatusSchema });
export type DayAnswer = z.infer<typeof dayAnswerSchema>;
