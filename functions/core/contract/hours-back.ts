import * as z from 'zod/mini';

/**
 * How far back a bulk run looks for updated events, in whole hours: the manual route, the queue's
 * bulk-run message, the sync config, the stage settings and the CLI share these bounds. zod/mini:
 * the verifier imports the queue message, which uses this.
 */
export const MIN_HOURS_BACK = 1;
export const MAX_HOURS_BACK = 168;
export const DEFAULT_HOURS_BACK = 48;

export const hoursBackSchema = z
  .number()
  .check(z.int(), z.minimum(MIN_HOURS_BACK), z.maximum(MAX_HOURS_BACK));

export const isHoursBack = (hours: number): boolean => z.safeParse(hoursBackSchema, hours).success;
